package dialer.core.http;

import dialer.core.Invalid;
import dialer.core.auth.Access;
import dialer.core.auth.Role;
import dialer.core.auth.User;
import dialer.core.campaign.CampaignStore;
import dialer.core.db.Sql;
import dialer.core.engine.DialerEngine;
import dialer.core.ownership.DebtorSelection;
import dialer.core.ownership.OwnerTarget;
import dialer.core.ownership.OwnershipStore;
import dialer.core.ownership.TeamStore;
import dialer.core.ownership.WorkScope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.time.Clock;

/**
 * Case ownership over HTTP: teams, who owns a debtor (by hand or in bulk by rule, each change
 * audited with who and when), and which debtors a campaign works. Administrators do everything;
 * supervisors reassign the debtors of the campaigns they supervise and set those campaigns' scope;
 * agents read the owner of the debtor they are connected to.
 */
final class OwnershipRoutes {

    private final Sql sql;
    private final DialerEngine engine;
    private final Access access;
    private final Clock clock;
    private final TeamStore teams = new TeamStore();
    private final OwnershipStore owners = new OwnershipStore();
    private final CampaignStore campaigns = new CampaignStore();

    OwnershipRoutes(Sql sql, DialerEngine engine, Access access, Clock clock) {
        this.sql = sql;
        this.engine = engine;
        this.access = access;
        this.clock = clock;
    }

    void mount(Router router, BodyHandler json) {
        router.post("/api/teams").handler(json).handler(this::createTeam);
        router.get("/api/teams").handler(this::listTeams);
        router.put("/api/agents/:id/team").handler(json).handler(this::setAgentTeam);
        router.post("/api/ownership/assignments").handler(json).handler(this::assignInBulk);
        router.get("/api/ownership/assignments/:id").handler(this::batch);
        router.put("/api/debtors/:id/owner").handler(json).handler(this::assignByHand);
        router.get("/api/debtors/:id/owner").handler(this::owner);
        router.get("/api/campaigns/:id/ownership").handler(this::scope);
        router.put("/api/campaigns/:id/ownership").handler(json).handler(this::setScope);
    }

    private void createTeam(RoutingContext ctx) {
        String actor = Access.admin(ctx).actor();
        String name = Params.body(ctx).getValue("name") instanceof String s ? s : null;
        Responses.reply(ctx, 201, sql.tx(c -> {
            TeamStore.Team team = teams.create(c, name);
            campaigns.audit(c, actor, "team " + team.id() + " created: " + team.name(), null);
            return team;
        }).map(OwnershipRoutes::team));
    }

    private void listTeams(RoutingContext ctx) {
        Access.require(ctx, Role.ADMIN, Role.SUPERVISOR);
        Responses.reply(ctx, 200, sql.tx(teams::list).map(list -> Json.array(list, OwnershipRoutes::team)));
    }

    private void setAgentTeam(RoutingContext ctx) {
        String actor = Access.admin(ctx).actor();
        long agentId = Params.id(ctx, "id");
        JsonObject body = Params.body(ctx);
        if (!body.containsKey("teamId")) {
            throw Invalid.of("teamId", "is required: a team's id, or null for no team");
        }
        Invalid.Collector problems = new Invalid.Collector();
        Object v = body.getValue("teamId");
        problems.check(v == null || v instanceof Number n && n.longValue() > 0 && n.doubleValue() == n.longValue(), "teamId",
                "must be a team's id or null");
        problems.throwIfAny();
        Long teamId = v == null ? null : ((Number) v).longValue();
        Responses.reply(ctx, 200, sql.tx(c -> {
            teams.setAgentTeam(c, agentId, teamId);
            campaigns.audit(c, actor, "agent " + agentId + " team: " + (teamId == null ? "none" : teamId), null);
            return new JsonObject().put("agentId", agentId).put("teamId", teamId);
        }));
    }

    private void assignInBulk(RoutingContext ctx) {
        User u = Access.require(ctx, Role.ADMIN, Role.SUPERVISOR);
        JsonObject body = Params.body(ctx);
        DebtorSelection which = DebtorSelection.fromJson(body.getValue("which") instanceof JsonObject o ? o : null, "which");
        OwnerTarget to = OwnerTarget.fromJson(body.getValue("to") instanceof JsonObject o ? o : null, "to");
        String reason = reason(body);
        if (!u.admin()) {
            // a supervisor reassigns within a campaign they supervise, never the whole book
            if (which.campaignId() == null) {
                throw Invalid.of("which.campaignId", "is required: a campaign you supervise");
            }
            Access.supervisorOf(ctx, which.campaignId());
        }
        Responses.reply(ctx, 200, sql.tx(c -> owners.assign(c, which, to, u.actor(), reason, clock.instant()))
                .map(OwnershipRoutes::batch));
    }

    private void batch(RoutingContext ctx) {
        Access.require(ctx, Role.ADMIN, Role.SUPERVISOR);
        long id = Params.id(ctx, "id");
        Responses.reply(ctx, 200, sql.tx(c -> owners.batch(c, id)).map(OwnershipRoutes::batch));
    }

    private void assignByHand(RoutingContext ctx) {
        User u = Access.require(ctx, Role.ADMIN, Role.SUPERVISOR);
        long debtorId = Params.id(ctx, "id");
        JsonObject body = Params.body(ctx);
        JsonObject target = body.copy();
        target.remove("reason");
        OwnerTarget to = OwnerTarget.fromJson(target, "owner");
        if (to.spread()) {
            throw Invalid.of("owner.spread", "one debtor goes to one agent or one team");
        }
        String reason = reason(body);
        Responses.reply(ctx, 200, access.debtor(ctx, debtorId).compose(ok -> sql.tx(c -> {
            owners.assign(c, DebtorSelection.byHand(debtorId), to, u.actor(), reason, clock.instant());
            return ownerView(c, debtorId);
        })));
    }

    private void owner(RoutingContext ctx) {
        long debtorId = Params.id(ctx, "id");
        Responses.reply(ctx, 200, access.debtor(ctx, debtorId).compose(u -> sql.tx(c -> ownerView(c, debtorId))));
    }

    private void scope(RoutingContext ctx) {
        long campaignId = Params.id(ctx, "id");
        Access.supervisorOf(ctx, campaignId);
        Responses.reply(ctx, 200, sql.tx(c -> {
            campaigns.get(c, campaignId);
            return WorkScope.of(c, campaignId).toJson();
        }));
    }

    private void setScope(RoutingContext ctx) {
        long campaignId = Params.id(ctx, "id");
        String actor = Access.supervisorOf(ctx, campaignId).actor();
        WorkScope scope = WorkScope.fromJson(Params.body(ctx));
        Responses.reply(ctx, 200, sql.tx(c -> {
            campaigns.get(c, campaignId);
            scope.save(c, campaignId);
            campaigns.audit(c, actor, "campaign " + campaignId + " works " + scope.toJson().encode(), null);
            return scope.toJson();
        }).compose(json -> engine.campaignChanged(campaignId).map(json)));
    }

    private JsonObject ownerView(java.sql.Connection c, long debtorId) throws java.sql.SQLException {
        OwnershipStore.Owner o = owners.owner(c, debtorId);
        JsonArray changes = new JsonArray();
        for (OwnershipStore.Change ch : owners.changes(c, debtorId, 50)) {
            changes.add(new JsonObject().put("batchId", ch.batchId()).put("fromAgentId", ch.fromAgentId())
                    .put("fromTeamId", ch.fromTeamId()).put("toAgentId", ch.toAgentId()).put("toTeamId", ch.toTeamId())
                    .put("at", ch.at().toString()).put("by", ch.actor()).put("reason", ch.reason()));
        }
        return new JsonObject().put("debtorId", debtorId).put("agentId", o.agentId()).put("teamId", o.teamId())
                .put("changes", changes);
    }

    private static String reason(JsonObject body) {
        Object r = body.getValue("reason");
        if (r != null && !(r instanceof String)) {
            throw Invalid.of("reason", "must be a text");
        }
        return (String) r;
    }

    private static JsonObject team(TeamStore.Team t) {
        return new JsonObject().put("id", t.id()).put("name", t.name()).put("agentIds", new JsonArray(t.agentIds()));
    }

    private static JsonObject batch(OwnershipStore.Batch b) {
        return new JsonObject().put("id", b.id()).put("by", b.actor()).put("rule", b.rule()).put("reason", b.reason())
                .put("selected", b.selected()).put("changed", b.changed()).put("at", b.at().toString());
    }
}
