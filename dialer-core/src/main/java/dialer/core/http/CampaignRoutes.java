package dialer.core.http;

import dialer.core.live.CampaignFigures;
import java.time.Instant;
import dialer.core.Invalid;
import dialer.core.auth.Access;
import dialer.core.auth.Role;
import dialer.core.auth.User;
import dialer.core.campaign.AbandonTarget;
import dialer.core.campaign.Campaign;
import dialer.core.campaign.CampaignDraft;
import dialer.core.campaign.CampaignStatus;
import dialer.core.campaign.CampaignStore;
import dialer.core.db.Sql;
import dialer.core.engine.DialerEngine;
import dialer.core.lead.LeadStore;
import dialer.core.report.AbandonmentStats;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Campaigns: creating and listing them, one campaign's detail, starting, pausing and stopping it, its pacing target and its leads. */
final class CampaignRoutes {

    private static final Set<String> LEAD_STATES = Set.of("READY", "QUEUED", "CLAIMED", "DONE", "BLOCKED", "CALLBACK");

    private final Sql sql;
    private final DialerEngine engine;
    private final Clock clock;
    private final CampaignStore campaigns = new CampaignStore();
    private final LeadStore leads = new LeadStore();
    private final AbandonmentStats abandonment = new AbandonmentStats();

    CampaignRoutes(Sql sql, DialerEngine engine, Clock clock) {
        this.sql = sql;
        this.engine = engine;
        this.clock = clock;
    }

    void mount(Router router, BodyHandler json) {
        router.post("/api/campaigns").handler(json).handler(this::create);
        router.get("/api/campaigns").handler(this::list);
        router.get("/api/campaigns/:id").handler(this::detail);
        router.post("/api/campaigns/:id/start").handler(ctx -> status(ctx, CampaignStatus.RUNNING));
        router.post("/api/campaigns/:id/stop").handler(ctx -> status(ctx, CampaignStatus.STOPPED));
        router.post("/api/campaigns/:id/pause").handler(ctx -> status(ctx, CampaignStatus.PAUSED));
        router.post("/api/campaigns/:id/pacing").handler(json).handler(this::pacingTarget);
        router.get("/api/campaigns/:id/leads").handler(this::leads);
    }

    private void create(RoutingContext ctx) {
        User admin = Access.admin(ctx);
        CampaignDraft draft = CampaignDraft.fromJson(Params.body(ctx));
        Responses.reply(ctx, 201, sql.tx(c -> {
            String trunk = CampaignDraft.trunkOf(draft.dialString());
            if (Params.body(ctx).getValue("trunk") != null && !new dialer.core.trunk.TrunkStore().exists(c, trunk)) {
                throw dialer.core.Invalid.of("trunk", "no trunk named '" + trunk + "' (define it first: POST /api/trunks)");
            }
            Campaign created = campaigns.create(c, draft);
            campaigns.audit(c, admin.actor(), "created campaign " + created.id() + " '" + created.name() + "'", null);
            return created;
        }).map(Json::campaign));
    }

    private void list(RoutingContext ctx) {
        User u = Access.user(ctx);
        if (u.role() == Role.AGENT) {
            // an agent picks the campaign to work: its name and state, nothing of its settings
            Responses.reply(ctx, 200, sql.tx(campaigns::list).map(list -> new JsonArray(list.stream()
                    .filter(c -> c.status() != CampaignStatus.STOPPED)
                    .map(c -> new JsonObject().put("id", c.id()).put("name", c.name()).put("status", c.status().name())
                            .put("dialMode", c.dialMode().name())).toList())));
            return;
        }
        Responses.reply(ctx, 200, sql.tx(campaigns::list).map(list -> new JsonArray(list.stream()
                .filter(c -> u.supervises(c.id())).map(Json::campaign).toList())));
    }

    /** What the detail shows from the database, read in one transaction. */
    private record Detail(Campaign campaign, Map<String, Integer> leads, AbandonmentStats.Abandonment abandonment,
                          CampaignFigures.ConnectDelays connects) {
    }

    private void detail(RoutingContext ctx) {
        long id = Params.id(ctx, "id");
        Access.supervisorOf(ctx, id);
        Responses.reply(ctx, 200, sql.tx(c -> {
            Campaign campaign = campaigns.get(c, id);
            Instant now = clock.instant();
            return new Detail(campaign, leads.countByState(c, id), abandonment.of(c, id, campaign.maxAbandonRate(),
                    campaign.calendarZone(), now, campaign.detectMachines() ? campaign.amdFalsePositiveRate() : java.math.BigDecimal.ZERO), CampaignFigures.connectsToday(c, campaign, now));
        }).map(d -> Json.campaign(d.campaign()).put("leads", new JsonObject(new HashMap<>(d.leads())))
                .put("abandonment", Json.abandonment(d.abandonment()))
                .put("connectDelay", Json.connectDelays(d.connects())))
                .compose(json -> engine.pacingState(id).map(p -> json.put("pacing", p.map(Json::pacing).orElse(null)))));
    }

    private void status(RoutingContext ctx, CampaignStatus status) {
        long id = Params.id(ctx, "id");
        User u = Access.supervisorOf(ctx, id);
        Future<Campaign> done = status == CampaignStatus.RUNNING ? engine.startCampaign(id) : engine.stopCampaign(id, status);
        Responses.reply(ctx, 200, done.compose(campaign -> sql.tx(c -> {
            campaigns.audit(c, u.actor(), "campaign " + id + " " + status.name().toLowerCase(), null);
            return campaign;
        })).map(Json::campaign));
    }

    /** A supervisor may set the campaign's abandonment target, within the regulators' 3%. */
    private void pacingTarget(RoutingContext ctx) {
        long id = Params.id(ctx, "id");
        User u = Access.supervisorOf(ctx, id);
        Object rate = Params.body(ctx).getValue("maxAbandonRate");
        if (!(rate instanceof Number n) || !AbandonTarget.allowed(n.doubleValue())) {
            throw Invalid.of("maxAbandonRate", "must be between " + AbandonTarget.MIN + " and "
                    + AbandonTarget.MAX + " (the regulators' cap)");
        }
        Responses.reply(ctx, 200, sql.tx(c -> {
            Campaign current = campaigns.get(c, id);
            CampaignDraft draft = CampaignDraft.fromJson(Json.campaign(current).put("maxAbandonRate", n.doubleValue()));
            campaigns.update(c, id, draft);
            campaigns.audit(c, u.actor(), "campaign " + id + " abandonment target " + current.maxAbandonRate() + " -> " + n, null);
            return id;
        }).compose(v -> engine.campaignChanged(id)).map(Json::campaign));
    }

    private void leads(RoutingContext ctx) {
        long id = Params.id(ctx, "id");
        Access.supervisorOf(ctx, id);
        int limit = Params.limit(ctx);
        String state = ctx.request().getParam("state");
        if (state != null && !LEAD_STATES.contains(state)) {
            throw Invalid.of("state", "must be READY, QUEUED, CLAIMED, DONE, BLOCKED or CALLBACK");
        }
        Responses.reply(ctx, 200, sql.tx(c -> leads.list(c, id, state, limit)).map(list -> Json.array(list, Json::lead)));
    }
}
