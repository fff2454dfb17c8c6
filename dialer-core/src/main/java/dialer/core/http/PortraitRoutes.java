package dialer.core.http;

import dialer.core.Forbidden;
import dialer.core.auth.Access;
import dialer.core.auth.Role;
import dialer.core.auth.User;
import dialer.core.campaign.CampaignStore;
import dialer.core.db.Sql;
import dialer.core.engine.DialerEngine;
import dialer.core.portrait.ListHourProfiles;
import dialer.core.portrait.PortraitJson;
import dialer.core.portrait.PortraitReader;
import dialer.core.portrait.SegmentRules;
import dialer.core.portrait.SegmentRulesStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.time.Clock;

/**
 * The debtor's portrait and each campaign's segment rules. The portrait is seen by whoever may see the
 * debtor's history ({@link Access#debtor}); an agent's portrait uses the campaign of their call or preview,
 * a supervisor's the campaign they name (one they supervise) or the debtor's latest.
 */
final class PortraitRoutes {

    private final Sql sql;
    private final DialerEngine engine;
    private final Access access;
    private final Clock clock;
    private final PortraitReader reader = new PortraitReader();
    private final ListHourProfiles profiles;
    private final SegmentRulesStore rules = new SegmentRulesStore();
    private final CampaignStore campaigns = new CampaignStore();

    PortraitRoutes(Sql sql, DialerEngine engine, Access access, ListHourProfiles profiles, Clock clock) {
        this.sql = sql;
        this.engine = engine;
        this.access = access;
        this.clock = clock;
        this.profiles = profiles;
    }

    void mount(Router router, BodyHandler json) {
        router.get("/api/debtors/:id/portrait").handler(this::portrait);
        router.get("/api/campaigns/:id/segment-rules").handler(this::segmentRules);
        router.put("/api/campaigns/:id/segment-rules").handler(json).handler(this::putSegmentRules);
    }

    private void portrait(RoutingContext ctx) {
        long id = Params.id(ctx, "id");
        Long asked = Params.optionalId(ctx, "campaignId");
        User u = Access.user(ctx);
        if (asked != null && u.role() != Role.AGENT) {
            Access.supervisorOf(ctx, asked);
        }
        Future<Long> campaign = access.debtor(ctx, id).compose(user -> user.role() == Role.AGENT
                ? engine.agentStatus(user.agentId()).compose(s -> {
                    Long working = s.map(st -> st.campaignId()).orElse(null);
                    if (asked != null && !asked.equals(working)) {
                        return Future.failedFuture(new Forbidden("campaign " + asked + " is not the campaign you are working"));
                    }
                    return Future.succeededFuture(working);
                })
                : Future.succeededFuture(asked));
        Responses.reply(ctx, 200, campaign.compose(cid -> sql.tx(c -> reader.read(c, id,
                        cid == null && u.role() == Role.SUPERVISOR ? supervisedCampaignOf(c, id, u) : cid, clock.instant(), profiles)))
                .map(PortraitJson::of));
    }

    /**
     * A supervisor who names no campaign gets the portrait under a campaign of the debtor's they
     * supervise (the latest), never another campaign's rules and hour profile.
     */
    private static Long supervisedCampaignOf(java.sql.Connection c, long debtorId, User u) throws java.sql.SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement("select l.campaign_id from campaign_lead l join user_campaign uc"
                + " on uc.campaign_id = l.campaign_id where l.debtor_id = ? and uc.user_id = ? order by l.id desc limit 1")) {
            ps.setLong(1, debtorId);
            ps.setLong(2, u.id());
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private void segmentRules(RoutingContext ctx) {
        long id = Params.id(ctx, "id");
        Access.supervisorOf(ctx, id);
        Responses.reply(ctx, 200, sql.tx(c -> rules.get(c, id)).map(PortraitRoutes::json));
    }

    private void putSegmentRules(RoutingContext ctx) {
        String actor = Access.admin(ctx).actor();
        long id = Params.id(ctx, "id");
        SegmentRules parsed = SegmentRules.fromJson(Params.body(ctx));
        Responses.reply(ctx, 200, sql.tx(c -> {
            rules.put(c, id, parsed);
            campaigns.audit(c, actor, "campaign " + id + " segment rules: " + parsed.toJson().encode(), null);
            return rules.get(c, id);
        }).map(PortraitRoutes::json));
    }

    private static JsonObject json(SegmentRulesStore.Stored s) {
        return new JsonObject().put("campaignId", s.campaignId()).put("custom", s.custom()).put("rules", s.rules().toJson())
                .put("defaults", SegmentRules.defaults().toJson());
    }
}
