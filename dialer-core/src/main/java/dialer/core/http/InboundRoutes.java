package dialer.core.http;

import dialer.core.Invalid;
import dialer.core.auth.Access;
import dialer.core.campaign.Campaign;
import dialer.core.campaign.CampaignStore;
import dialer.core.db.Sql;
import dialer.core.engine.DialerEngine;
import dialer.core.inbound.InboundCandidates;
import dialer.core.inbound.InboundReport;
import dialer.core.inbound.InboundSetting;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Inbound callbacks over HTTP: a campaign's inbound setting (administrators change it, audited), its
 * service-level report beside the outbound abandonment (its supervisors), and for the agent on an
 * inbound call the debtors the number matched and the choice of who is on the line.
 */
final class InboundRoutes {

    private final Sql sql;
    private final DialerEngine engine;
    private final Access access;
    private final Clock clock;
    private final CampaignStore campaigns = new CampaignStore();
    private final InboundReport report = new InboundReport();
    private final InboundCandidates candidates = new InboundCandidates();

    InboundRoutes(Sql sql, DialerEngine engine, Access access, Clock clock) {
        this.sql = sql;
        this.engine = engine;
        this.access = access;
        this.clock = clock;
    }

    void mount(Router router, BodyHandler json) {
        router.get("/api/campaigns/:id/inbound").handler(this::get);
        router.put("/api/campaigns/:id/inbound").handler(json).handler(this::put);
        router.get("/api/campaigns/:id/inbound/report").handler(this::report);
        router.get("/api/agents/:id/inbound").handler(this::call);
        router.post("/api/agents/:id/inbound/debtor").handler(json).handler(this::choose);
    }

    private void get(RoutingContext ctx) {
        long campaignId = Params.id(ctx, "id");
        Access.supervisorOf(ctx, campaignId);
        Responses.reply(ctx, 200, sql.tx(c -> {
            campaigns.get(c, campaignId);
            return InboundSetting.of(c, campaignId).toJson();
        }));
    }

    private void put(RoutingContext ctx) {
        String actor = Access.admin(ctx).actor();
        long campaignId = Params.id(ctx, "id");
        InboundSetting setting = InboundSetting.fromJson(Params.body(ctx));
        Responses.reply(ctx, 200, sql.tx(c -> {
            campaigns.get(c, campaignId);
            setting.save(c, campaignId, actor);
            campaigns.audit(c, actor, "campaign " + campaignId + " inbound " + setting.toJson().encode(), null);
            return setting.toJson();
        }));
    }

    private void report(RoutingContext ctx) {
        long campaignId = Params.id(ctx, "id");
        Access.supervisorOf(ctx, campaignId);
        int hours = 24;
        String h = ctx.request().getParam("hours");
        if (h != null) {
            try {
                hours = Integer.parseInt(h.trim());
            } catch (NumberFormatException e) {
                hours = -1;
            }
            if (hours < 1 || hours > 24 * 31) {
                throw Invalid.of("hours", "must be a whole number of hours from 1 to 744 (the window ends now)");
            }
        }
        Instant now = clock.instant();
        Instant from = now.minus(Duration.ofHours(hours));
        Responses.reply(ctx, 200, sql.tx(c -> {
            Campaign campaign = campaigns.get(c, campaignId);
            return report.report(c, campaignId, InboundSetting.of(c, campaignId), campaign.maxAbandonRate().doubleValue(), from,
                    now.plusMillis(1), now);
        }));
    }

    private void call(RoutingContext ctx) {
        long agentId = Params.id(ctx, "id");
        Responses.reply(ctx, 200, access.agent(ctx, agentId).compose(u -> engine.agentStatus(agentId)).compose(s -> {
            if (s.isEmpty() || !s.get().inbound() || s.get().attemptId() == null) {
                return io.vertx.core.Future.succeededFuture(new JsonObject().put("inbound", false));
            }
            long attemptId = s.get().attemptId();
            return sql.tx(c -> candidates.of(c, attemptId, agentId).put("inbound", true));
        }));
    }

    private void choose(RoutingContext ctx) {
        long agentId = Params.id(ctx, "id");
        Object debtor = Params.body(ctx).getValue("debtorId");
        if (!(debtor instanceof Number n) || n.doubleValue() != n.longValue() || n.longValue() < 1) {
            throw Invalid.of("debtorId", "is required: the id of one of the debtors the caller's number matched");
        }
        Responses.reply(ctx, 200, access.agent(ctx, agentId).compose(u -> engine.chooseInboundDebtor(agentId, n.longValue()))
                .map(Json::session));
    }
}
