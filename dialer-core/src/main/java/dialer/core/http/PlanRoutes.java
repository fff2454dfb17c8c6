package dialer.core.http;

import dialer.core.Forbidden;
import dialer.core.Invalid;
import dialer.core.NotFound;
import dialer.core.auth.Access;
import dialer.core.auth.Role;
import dialer.core.auth.User;
import dialer.core.campaign.CampaignStore;
import dialer.core.db.Sql;
import dialer.core.plan.PlanRequest;
import dialer.core.plan.PlanRules;
import dialer.core.plan.PlanRulesStore;
import dialer.core.plan.PlanStore;
import dialer.core.plan.SettlementDecisions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Set;

/**
 * Payment arrangements over HTTP: a campaign's plan rules and agents' settlement authorities
 * (administrators, audited), the check of a plan before the agent saves it, a plan with its
 * instalments, and settlement offers waiting for a supervisor, who approves or rejects them.
 * Plans themselves are made with a disposition ({@code POST /api/attempts/{id}/disposition}).
 */
final class PlanRoutes {

    private static final Set<String> SETTLEMENTS = Set.of("PENDING", "ACCEPTED", "APPROVED", "REJECTED");

    private static final String ATTEMPT_SQL = """
            select debtor_id, campaign_id, agent_id from call_attempt where id = ?""";

    private final Sql sql;
    private final Access access;
    private final Clock clock;
    private final PlanRulesStore rules = new PlanRulesStore();
    private final PlanStore plans = new PlanStore();
    private final SettlementDecisions settlements = new SettlementDecisions();
    private final CampaignStore campaigns = new CampaignStore();

    PlanRoutes(Sql sql, Access access, Clock clock) {
        this.sql = sql;
        this.access = access;
        this.clock = clock;
    }

    void mount(Router router, BodyHandler json) {
        router.get("/api/campaigns/:id/plan-rules").handler(this::getRules);
        router.put("/api/campaigns/:id/plan-rules").handler(json).handler(this::putRules);
        router.put("/api/agents/:id/settlement-authority").handler(json).handler(this::putAuthority);
        router.post("/api/attempts/:id/plan-check").handler(json).handler(this::check);
        router.get("/api/plans/:id").handler(this::plan);
        router.get("/api/settlements").handler(this::list);
        router.post("/api/settlements/:id/approve").handler(json).handler(ctx -> decide(ctx, true));
        router.post("/api/settlements/:id/reject").handler(json).handler(ctx -> decide(ctx, false));
    }

    private void getRules(RoutingContext ctx) {
        long id = Params.id(ctx, "id");
        Access.supervisorOf(ctx, id);
        Responses.reply(ctx, 200, sql.tx(c -> rules.get(c, id).toJson()));
    }

    private void putRules(RoutingContext ctx) {
        String actor = Access.admin(ctx).actor();
        long id = Params.id(ctx, "id");
        JsonObject body = Params.body(ctx);
        PlanRules r = PlanRules.fromJson(body);
        Responses.reply(ctx, 200, sql.tx(c -> {
            campaigns.get(c, id);
            rules.put(c, id, r);
            campaigns.audit(c, actor, "campaign " + id + " plan rules: " + r.toJson().encode(), null);
            return rules.get(c, id).toJson();
        }));
    }

    private void putAuthority(RoutingContext ctx) {
        String actor = Access.admin(ctx).actor();
        long agentId = Params.id(ctx, "id");
        JsonObject body = Params.body(ctx);
        Invalid.Collector problems = new Invalid.Collector();
        problems.check(body.containsKey("percent"), "percent", "is required: the discount in percent the agent may grant alone, "
                + "or null for the campaign's");
        BigDecimal percent = PlanRules.decimal(body, "percent", BigDecimal.ZERO, BigDecimal.valueOf(100), problems);
        problems.throwIfAny();
        Responses.reply(ctx, 200, sql.tx(c -> {
            rules.putAgentAuthority(c, agentId, percent);
            campaigns.audit(c, actor, "agent " + agentId + " settlement authority: "
                    + (percent == null ? "the campaign's" : percent.toPlainString() + "%"), null);
            return new JsonObject().put("agentId", agentId).put("percent", percent == null ? null : percent.toPlainString());
        }));
    }

    /** The plan against the campaign's rules, before the agent saves it: 200 with every rule broken (none: it may be saved). */
    private void check(RoutingContext ctx) {
        long attemptId = Params.id(ctx, "id");
        Access.require(ctx, Role.AGENT, Role.ADMIN, Role.SUPERVISOR);
        JsonObject body = Params.body(ctx);
        Invalid.Collector problems = new Invalid.Collector();
        PlanRequest plan = PlanRequest.fromJson(body.getValue("plan"), problems);
        problems.throwIfAny();
        Responses.reply(ctx, 200, access.attempt(ctx, attemptId).compose(u -> sql.tx(c -> {
            PlanStore.Origin origin;
            try (PreparedStatement ps = c.prepareStatement(ATTEMPT_SQL)) {
                ps.setLong(1, attemptId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new NotFound("attempt " + attemptId);
                    }
                    origin = new PlanStore.Origin(rs.getLong(1), rs.getLong(2), attemptId, (Long) rs.getObject(3));
                }
            }
            PlanStore.Checked checked = plans.check(c, origin, plan, clock.instant());
            JsonArray list = new JsonArray();
            checked.problems().forEach(p -> list.add(new JsonObject().put("field", p.field()).put("problem", p.problem())));
            return new JsonObject().put("balance", checked.balance().toPlainString()).put("total", checked.total().toPlainString())
                    .put("authorityPercent", checked.authorityPercent().toPlainString())
                    .put("needsApproval", checked.needsApproval()).put("problems", list);
        })));
    }

    private void plan(RoutingContext ctx) {
        long id = Params.id(ctx, "id");
        Access.user(ctx);
        Responses.reply(ctx, 200, sql.tx(c -> plans.get(c, id))
                .compose(p -> access.debtor(ctx, p.getLong("debtorId")).map(u -> p)));
    }

    private void list(RoutingContext ctx) {
        Access.require(ctx, Role.ADMIN, Role.SUPERVISOR);
        Long campaignId = Params.optionalId(ctx, "campaignId");
        if (campaignId == null) {
            throw Invalid.of("campaignId", "is required: a campaign you supervise");
        }
        Access.supervisorOf(ctx, campaignId);
        String status = ctx.request().getParam("status");
        if (status != null && !SETTLEMENTS.contains(status)) {
            throw Invalid.of("status", "must be PENDING, ACCEPTED, APPROVED or REJECTED");
        }
        int limit = Params.limit(ctx);
        Responses.reply(ctx, 200, sql.tx(c -> settlements.list(c, campaignId, status, limit)));
    }

    /** Supervisors of the plan's campaign (and administrators) decide; agents never do, their own offers least of all. */
    private void decide(RoutingContext ctx, boolean approve) {
        User u = Access.require(ctx, Role.ADMIN, Role.SUPERVISOR);
        long id = Params.id(ctx, "id");
        JsonObject body = Params.bodyOrEmpty(ctx);
        Object note = body.getValue("note");
        if (note != null && !(note instanceof String s && s.length() <= 500)) {
            throw Invalid.of("note", "must be text of at most 500 characters");
        }
        Responses.reply(ctx, 200, sql.tx(c -> {
            if (!u.supervises(settlements.campaignOf(c, id))) {
                throw new Forbidden("plan " + id + " is of a campaign you do not supervise");
            }
            settlements.decide(c, id, approve, u.actor(), (String) note, clock.instant());
            return plans.get(c, id);
        }));
    }
}
