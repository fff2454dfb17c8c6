package dialer.core.http;

import dialer.core.auth.Access;
import dialer.core.auth.Role;
import dialer.core.auth.User;
import dialer.core.campaign.CampaignDraft;
import dialer.core.campaign.CampaignStore;
import dialer.core.db.Sql;
import dialer.core.engine.DialerEngine;
import dialer.core.engine.TrunkStatus;
import dialer.core.trunk.Trunk;
import dialer.core.trunk.TrunkConfigurator;
import dialer.core.trunk.TrunkDraft;
import dialer.core.trunk.TrunkStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;

/**
 * Carrier trunks (administrators): define, change, remove; each change is audited and written to
 * every PBX's PJSIP configuration at once ({@link TrunkConfigurator}). Supervisors read them and
 * their health. The password is never returned.
 */
final class TrunkRoutes {

    private final Sql sql;
    private final DialerEngine engine;
    private final TrunkConfigurator configurator;
    private final Clock clock;
    private final TrunkStore trunks = new TrunkStore();
    private final CampaignStore campaigns = new CampaignStore();

    TrunkRoutes(Sql sql, DialerEngine engine, TrunkConfigurator configurator, Clock clock) {
        this.sql = sql;
        this.engine = engine;
        this.configurator = configurator;
        this.clock = clock;
    }

    void mount(Router router, BodyHandler json) {
        router.post("/api/trunks").handler(json).handler(this::create);
        router.get("/api/trunks").handler(this::list);
        router.get("/api/trunks/health").handler(this::health);
        router.get("/api/trunks/:id").handler(this::get);
        router.put("/api/trunks/:id").handler(json).handler(this::update);
        router.delete("/api/trunks/:id").handler(this::delete);
    }

    private void create(RoutingContext ctx) {
        User admin = Access.admin(ctx);
        TrunkDraft draft = TrunkDraft.fromJson(Params.body(ctx), null);
        Responses.reply(ctx, 201, sql.tx(c -> {
            Trunk created = trunks.create(c, draft, admin.actor(), clock.instant());
            campaigns.audit(c, admin.actor(), "created trunk " + created.id() + " '" + created.name() + "' (" + describe(created) + ")",
                    null);
            return created;
        }).compose(this::applied));
    }

    private void update(RoutingContext ctx) {
        User admin = Access.admin(ctx);
        long id = Params.id(ctx, "id");
        JsonObject body = Params.body(ctx);
        Responses.reply(ctx, 200, sql.tx(c -> {
            Trunk current = trunks.get(c, id);
            TrunkDraft draft = TrunkDraft.fromJson(body, current);
            Trunk changed = trunks.update(c, id, draft, clock.instant());
            campaigns.audit(c, admin.actor(), "changed trunk " + id + " '" + changed.name() + "' (" + describe(changed)
                    + (body.containsKey("password") ? ", new password" : "") + ")", null);
            return changed;
        }).compose(this::applied));
    }

    private void delete(RoutingContext ctx) {
        User admin = Access.admin(ctx);
        long id = Params.id(ctx, "id");
        Responses.reply(ctx, 200, sql.tx(c -> {
            Trunk current = trunks.get(c, id);
            try (PreparedStatement ps = c.prepareStatement("select count(*) from campaign where dial_string = ?")) {
                ps.setString(1, CampaignDraft.trunkDialString(current.name()));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        throw new dialer.core.Conflict("trunk '" + current.name() + "' is dialed by " + rs.getInt(1)
                                + " campaign(s): give them another trunk first");
                    }
                }
            }
            trunks.delete(c, id);
            campaigns.audit(c, admin.actor(), "removed trunk " + id + " '" + current.name() + "'", null);
            return current;
        }).compose(removed -> configurator.apply().map(v -> new JsonObject().put("removed", removed.name()))));
    }

    private void list(RoutingContext ctx) {
        Access.require(ctx, Role.ADMIN, Role.SUPERVISOR);
        Responses.reply(ctx, 200, sql.tx(trunks::list).compose(list -> engine.trunkStatuses().map(statuses -> {
            JsonArray out = new JsonArray();
            for (Trunk t : list) {
                out.add(json(t, statuses.stream().filter(s -> s.trunk().equals(t.name())).findFirst().orElse(null)));
            }
            return out;
        })));
    }

    private void get(RoutingContext ctx) {
        Access.require(ctx, Role.ADMIN, Role.SUPERVISOR);
        long id = Params.id(ctx, "id");
        Responses.reply(ctx, 200, sql.tx(c -> trunks.get(c, id)).compose(t -> engine.trunkStatuses().map(statuses ->
                json(t, statuses.stream().filter(s -> s.trunk().equals(t.name())).findFirst().orElse(null)))));
    }

    private void health(RoutingContext ctx) {
        Access.require(ctx, Role.ADMIN, Role.SUPERVISOR);
        Responses.reply(ctx, 200, engine.trunkStatuses().map(statuses -> {
            JsonArray out = new JsonArray();
            statuses.forEach(s -> out.add(status(s)));
            return out;
        }));
    }

    /** The trunk once every PBX has it (a PBX that could not take it fails the request: the change is stored, and retried at its next link-up). */
    private Future<JsonObject> applied(Trunk t) {
        return configurator.apply().map(v -> json(t, null)).recover(e -> Future.failedFuture(new dialer.core.Unavailable(
                "trunk '" + t.name() + "' is stored, but a PBX could not take the configuration: " + e.getMessage()
                        + " (it is written again when the PBX link comes back)", 5)));
    }

    private static String describe(Trunk t) {
        return t.transport() + " " + t.host() + ":" + t.port() + (t.authenticates() ? ", user " + t.username() : "")
                + (t.register() ? ", registers" : "") + ", " + t.maxCalls() + " calls, " + t.callsPerSecond() + "/s";
    }

    static JsonObject json(Trunk t, TrunkStatus status) {
        JsonObject out = new JsonObject().put("id", t.id()).put("name", t.name()).put("host", t.host()).put("port", t.port())
                .put("transport", t.transport()).put("username", t.username()).put("passwordSet", t.password() != null)
                .put("register", t.register()).put("fromDomain", t.fromDomain()).put("callerIdPolicy", t.callerIdPolicy())
                .put("fixedCallerId", t.fixedCallerId()).put("maxCalls", t.maxCalls()).put("callsPerSecond", t.callsPerSecond())
                .put("codecs", t.codecs()).put("externalMediaAddress", t.externalMediaAddress()).put("rtpTimeout", t.rtpTimeout())
                .put("qualifyFrequency", t.qualifyFrequency()).put("dialString", CampaignDraft.trunkDialString(t.name()))
                .put("createdBy", t.createdBy()).put("createdAt", t.createdAt().toString())
                .put("updatedAt", t.updatedAt().toString());
        if (status != null) {
            out.put("healthy", status.healthy()).put("problem", status.reason());
        }
        return out;
    }

    private static JsonObject status(TrunkStatus s) {
        return new JsonObject().put("trunk", s.trunk()).put("healthy", s.healthy()).put("problem", s.reason());
    }
}
