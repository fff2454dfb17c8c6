package dialer.core.http;

import dialer.core.Invalid;
import dialer.core.auth.Access;
import dialer.core.auth.User;
import dialer.core.campaign.CampaignStore;
import dialer.core.db.Sql;
import dialer.core.engine.DialerEngine;
import dialer.core.engine.TransferStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.function.LongFunction;

/**
 * Transfers of an agent's connected call to another ready agent of the campaign: blind, or warm
 * (consult, then complete, cancel or a three-way conference). The agent for their own call; an
 * administrator or a supervisor of the campaign for any agent working it. Every change audited.
 */
final class TransferRoutes {

    private final Sql sql;
    private final DialerEngine engine;
    private final Access access;
    private final CampaignStore audit = new CampaignStore();
    private final dialer.core.transfer.TransferDirectory directory = new dialer.core.transfer.TransferDirectory();

    TransferRoutes(Sql sql, DialerEngine engine, Access access) {
        this.sql = sql;
        this.engine = engine;
        this.access = access;
    }

    void mount(Router router, BodyHandler json) {
        router.get("/api/agents/:id/transfer").handler(this::current);
        router.get("/api/agents/:id/transfer/candidates").handler(this::candidates);
        router.get("/api/agents/:id/transfer/supervisors").handler(this::supervisors);
        router.post("/api/agents/:id/transfer").handler(json).handler(this::start);
        router.get("/api/transfer-targets").handler(this::targets);
        router.post("/api/transfer-targets").handler(json).handler(this::addTarget);
        router.delete("/api/transfer-targets/:id").handler(this::withdrawTarget);
        router.post("/api/agents/:id/transfer/complete").handler(ctx -> then(ctx, "completed", engine::completeTransfer));
        router.post("/api/agents/:id/transfer/cancel").handler(ctx -> then(ctx, "cancelled", engine::cancelTransfer));
        router.post("/api/agents/:id/transfer/conference").handler(ctx -> then(ctx, "made a three-way conference",
                engine::conferenceTransfer));
    }

    private void current(RoutingContext ctx) {
        long agentId = Params.id(ctx, "id");
        Responses.reply(ctx, 200, access.agent(ctx, agentId).compose(u -> engine.transferOf(agentId))
                .map(t -> new JsonObject().put("transfer", t.map(TransferRoutes::json).orElse(null))));
    }

    private void candidates(RoutingContext ctx) {
        long agentId = Params.id(ctx, "id");
        Responses.reply(ctx, 200, access.agent(ctx, agentId).compose(u -> engine.transferCandidates(agentId)).map(list -> {
            JsonArray out = new JsonArray();
            list.forEach(s -> out.add(new JsonObject().put("agentId", s.agentId()).put("name", s.name())));
            return out;
        }));
    }

    private void start(RoutingContext ctx) {
        long agentId = Params.id(ctx, "id");
        JsonObject body = Params.body(ctx);
        Object to = body.getValue("to");
        if (!(to instanceof JsonObject target) || java.util.stream.Stream.of("agentId", "targetId", "supervisorId")
                .filter(((JsonObject) to)::containsKey).count() != 1) {
            throw Invalid.of("to", "is required, with one of: {\"agentId\": a ready agent}, {\"targetId\": a number of the transfer "
                    + "directory}, {\"supervisorId\": a supervisor of the campaign with a phone}");
        }
        Object mode = body.getValue("mode");
        if (!"BLIND".equals(mode) && !"WARM".equals(mode)) {
            throw Invalid.of("mode", "must be BLIND or WARM");
        }
        if (target.containsKey("supervisorId")) {
            Object id = target.getValue("supervisorId");
            if (!(id instanceof Number sv) || sv.doubleValue() != sv.longValue() || sv.longValue() <= 0) {
                throw Invalid.of("to.supervisorId", "must be the account id of a supervisor of the campaign");
            }
            Responses.reply(ctx, 200, access.agent(ctx, agentId).compose(u -> engine.agentStatus(agentId).compose(st -> {
                Long campaignId = st.map(dialer.core.engine.AgentStatus::campaignId).orElse(null);
                if (campaignId == null) {
                    return Future.failedFuture(new dialer.core.Conflict("agent " + agentId + " is not logged in"));
                }
                return sql.tx(c -> supervisorFor(c, sv.longValue(), campaignId));
            }).compose(p -> engine.transferToSupervisor(agentId, sv.longValue(), p.getString("name"), p.getString("phone"),
                    "BLIND".equals(mode), u.actor()).compose(t -> audited(u, t, mode + " transfer of attempt " + t.attemptId()
                    + " from agent " + agentId + " to supervisor " + sv.longValue())))));
            return;
        }
        if (target.containsKey("targetId")) {
            Object id = target.getValue("targetId");
            if (!(id instanceof Number t) || t.doubleValue() != t.longValue() || t.longValue() <= 0) {
                throw Invalid.of("to.targetId", "must be the id of a number of the transfer directory");
            }
            Responses.reply(ctx, 200, access.agent(ctx, agentId).compose(u -> sql.tx(c -> directory.forTransfer(c, t.longValue()))
                    .compose(d -> engine.transferOutside(agentId, d.id(), d.name(), d.e164(), "BLIND".equals(mode), u.actor())
                            .compose(st -> audited(u, st, mode + " transfer of attempt " + st.attemptId() + " from agent " + agentId
                                    + " to '" + d.name() + "' (transfer number " + d.id() + ")")))));
            return;
        }
        Object toAgent = target.getValue("agentId");
        if (!(toAgent instanceof Number n) || n.doubleValue() != n.longValue() || n.longValue() <= 0) {
            throw Invalid.of("to.agentId", "must be the id of a ready agent");
        }
        long toAgentId = n.longValue();
        Responses.reply(ctx, 200, access.agent(ctx, agentId).compose(u -> engine.transfer(agentId, toAgentId, "BLIND".equals(mode),
                u.actor()).compose(t -> audited(u, t, mode + " transfer of attempt " + t.attemptId() + " from agent " + agentId
                + " to agent " + toAgentId))));
    }

    private void then(RoutingContext ctx, String what, LongFunction<Future<TransferStatus>> action) {
        long agentId = Params.id(ctx, "id");
        Responses.reply(ctx, 200, access.agent(ctx, agentId).compose(u -> action.apply(agentId).compose(t -> audited(u, t,
                "transfer of attempt " + t.attemptId() + " from agent " + t.fromAgentId() + " to "
                        + (t.outside() ? "'" + t.targetName() + "'" : "agent " + t.toAgentId()) + " " + what))));
    }

    private Future<JsonObject> audited(User u, TransferStatus t, String change) {
        return sql.tx(c -> {
            audit.audit(c, u.actor(), change, null);
            return json(t);
        });
    }

    static JsonObject json(TransferStatus t) {
        return new JsonObject().put("attemptId", t.attemptId()).put("fromAgentId", t.fromAgentId())
                .put("toAgentId", t.outside() ? null : t.toAgentId()).put("targetId", t.targetId())
                .put("supervisorId", t.supervisorId()).put("targetName", t.targetName()).put("mode", t.mode()).put("phase", t.phase());
    }

    static final String SUPERVISOR = """
            select u.display_name, u.phone, u.role, exists (select 1 from user_campaign uc where uc.user_id = u.id and uc.campaign_id = ?)
            from app_user u where u.id = ?""";
    static final String SUPERVISORS = """
            select u.id, u.display_name from app_user u join user_campaign uc on uc.user_id = u.id
            where uc.campaign_id = ? and u.role = 'SUPERVISOR' and u.phone is not null order by u.display_name, u.id""";

    /** A supervisor (or administrator) who may take a call of this campaign on their phone: name and phone. */
    private static JsonObject supervisorFor(java.sql.Connection c, long userId, long campaignId) throws java.sql.SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement(SUPERVISOR)) {
            ps.setLong(1, campaignId);
            ps.setLong(2, userId);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || "AGENT".equals(rs.getString(3))) {
                    throw Invalid.of("to.supervisorId", "account " + userId + " is no supervisor");
                }
                if ("SUPERVISOR".equals(rs.getString(3)) && !rs.getBoolean(4)) {
                    throw new dialer.core.Conflict("account " + userId + " does not supervise campaign " + campaignId);
                }
                if (rs.getString(2) == null) {
                    throw new dialer.core.Conflict(rs.getString(1) + " has no phone set (PUT /api/users/{id}/phone)");
                }
                return new JsonObject().put("name", rs.getString(1)).put("phone", rs.getString(2));
            }
        }
    }

    /** The supervisors of the agent's campaign who have a phone: whom the agent's call may go to. */
    private void supervisors(RoutingContext ctx) {
        long agentId = Params.id(ctx, "id");
        Responses.reply(ctx, 200, access.agent(ctx, agentId).compose(u -> engine.agentStatus(agentId)).compose(st -> {
            Long campaignId = st.map(dialer.core.engine.AgentStatus::campaignId).orElse(null);
            if (campaignId == null) {
                return Future.succeededFuture(new JsonArray());
            }
            return sql.tx(c -> {
                JsonArray out = new JsonArray();
                try (java.sql.PreparedStatement ps = c.prepareStatement(SUPERVISORS)) {
                    ps.setLong(1, campaignId);
                    try (java.sql.ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new JsonObject().put("supervisorId", rs.getLong(1)).put("name", rs.getString(2)));
                        }
                    }
                }
                return out;
            });
        }));
    }

    /** The directory: every signed-in user sees the active numbers (agents masked), administrators all of them. */
    private void targets(RoutingContext ctx) {
        User u = Access.user(ctx);
        Responses.reply(ctx, 200, sql.tx(c -> directory.list(c, u.admin(), u.admin())));
    }

    private void addTarget(RoutingContext ctx) {
        User u = Access.admin(ctx);
        JsonObject body = Params.body(ctx);
        Responses.reply(ctx, 201, sql.tx(c -> {
            // numbers in international form: the directory serves every campaign, whatever its region
            dialer.core.transfer.TransferDirectory.Target t = directory.add(c, body, "ZZ");
            audit.audit(c, u.actor(), "added transfer number " + t.id() + " '" + t.name() + "'", null);
            return t.toJson(true);
        }));
    }

    private void withdrawTarget(RoutingContext ctx) {
        User u = Access.admin(ctx);
        long id = Params.id(ctx, "id");
        Responses.reply(ctx, 200, sql.tx(c -> {
            directory.deactivate(c, id);
            audit.audit(c, u.actor(), "withdrew transfer number " + id, null);
            return directory.get(c, id).toJson(true);
        }));
    }
}
