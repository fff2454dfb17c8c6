package dialer.core.http;

import dialer.core.Invalid;
import dialer.core.agent.Agent;
import dialer.core.agent.AgentDraft;
import dialer.core.agent.AgentStore;
import dialer.core.call.AttemptStore;
import dialer.core.campaign.Campaign;
import dialer.core.campaign.CampaignDraft;
import dialer.core.campaign.CampaignStatus;
import dialer.core.campaign.CampaignStore;
import dialer.core.compliance.ComplianceGate;
import dialer.core.db.Sql;
import dialer.core.engine.AgentStatus;
import dialer.core.engine.DialerEngine;
import dialer.core.engine.Pbx;
import dialer.core.lead.LeadImporter;
import dialer.core.metrics.DialerMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.file.OpenOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** The JSON API, {@code /health} and {@code /metrics}. */
public final class HttpApi {

    private static final long JSON_BODY_LIMIT = 1024 * 1024;

    private final Vertx vertx;
    private final Sql sql;
    private final DialerEngine engine;
    private final DialerMetrics metrics;
    private final Collection<Pbx> pbxs;
    private final CampaignStore campaigns = new CampaignStore();
    private final AgentStore agents = new AgentStore();
    private final AttemptStore attempts = new AttemptStore();
    private final dialer.core.lead.LeadStore leads = new dialer.core.lead.LeadStore();
    private final dialer.core.report.AbandonmentStats abandonment = new dialer.core.report.AbandonmentStats();
    private final java.time.Clock clock;
    private final ComplianceRoutes compliance;
    private final ListRoutes lists;
    private final CollectionsRoutes collections;
    private final ReportRoutes reports;

    public HttpApi(Vertx vertx, Sql sql, DialerEngine engine, DialerMetrics metrics, Collection<Pbx> pbxs,
                   ComplianceGate gate, java.time.Clock clock) {
        this.clock = clock;
        this.compliance = new ComplianceRoutes(sql, engine, gate, clock);
        this.lists = new ListRoutes(vertx, sql);
        this.collections = new CollectionsRoutes(vertx, sql, engine, clock);
        this.reports = new ReportRoutes(sql, clock);
        this.vertx = vertx;
        this.sql = sql;
        this.engine = engine;
        this.metrics = metrics;
        this.pbxs = pbxs;
    }

    public Router router() {
        Router router = Router.router(vertx);
        BodyHandler json = BodyHandler.create(false).setBodyLimit(JSON_BODY_LIMIT);

        router.get("/health").handler(this::health);
        router.get("/metrics").handler(ctx -> ctx.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                .end(metrics.scrape()));

        router.post("/api/campaigns").handler(json).handler(ctx -> Responses.reply(ctx, 201,
                parse(() -> CampaignDraft.fromJson(body(ctx))).compose(d -> sql.tx(c -> campaigns.create(c, d))).map(Json::campaign)));
        router.get("/api/campaigns").handler(ctx -> Responses.reply(ctx, 200,
                sql.tx(campaigns::list).map(list -> new JsonArray(list.stream().map(Json::campaign).toList()))));
        router.get("/api/campaigns/:id").handler(ctx -> Responses.reply(ctx, 200, campaignDetail(id(ctx, "id"))));
        router.post("/api/campaigns/:id/start").handler(ctx -> Responses.reply(ctx, 200,
                engine.startCampaign(id(ctx, "id")).map(Json::campaign)));
        router.post("/api/campaigns/:id/stop").handler(ctx -> Responses.reply(ctx, 200,
                engine.stopCampaign(id(ctx, "id"), CampaignStatus.STOPPED).map(Json::campaign)));
        router.post("/api/campaigns/:id/pause").handler(ctx -> Responses.reply(ctx, 200,
                engine.stopCampaign(id(ctx, "id"), CampaignStatus.PAUSED).map(Json::campaign)));
        router.get("/api/campaigns/:id/leads").handler(ctx -> {
            long id = id(ctx, "id");
            int limit = limit(ctx);
            String state = ctx.request().getParam("state");
            if (state != null && !java.util.Set.of("READY", "QUEUED", "CLAIMED", "DONE", "BLOCKED").contains(state)) {
                throw Invalid.of("state", "must be READY, QUEUED, CLAIMED, DONE or BLOCKED");
            }
            Responses.reply(ctx, 200, sql.tx(c -> leads.list(c, id, state, limit)).map(JsonArray::new));
        });
        router.get("/api/campaigns/:id/attempts").handler(ctx -> {
            long id = id(ctx, "id");
            int limit = limit(ctx);
            Responses.reply(ctx, 200, sql.tx(c -> attempts.list(c, id, limit))
                    .map(list -> new JsonArray(list.stream().map(Json::attempt).toList())));
        });

        router.get("/api/attempts/:id").handler(ctx -> {
            long id = id(ctx, "id");
            Responses.reply(ctx, 200, sql.tx(c -> attempts.get(c, id)).map(Json::attempt));
        });
        router.post("/api/attempts/:id/disposition").handler(json).handler(this::disposition);

        router.post("/api/agents").handler(json).handler(ctx -> Responses.reply(ctx, 201,
                parse(() -> AgentDraft.fromJson(body(ctx), engine.pbxNames())).compose(d -> sql.tx(c -> agents.create(c, d)))
                        .map(a -> Json.agent(a, null))));
        router.get("/api/agents").handler(this::listAgents);
        router.post("/api/agents/:id/login").handler(json).handler(ctx -> {
            JsonObject body = bodyOrEmpty(ctx);
            Object campaign = body.getValue("campaignId");
            if (!(campaign instanceof Number n)) {
                throw Invalid.of("campaignId", "is required: the campaign the agent works on");
            }
            Responses.reply(ctx, 200, engine.login(id(ctx, "id"), n.longValue(), Boolean.TRUE.equals(body.getValue("ready")))
                    .map(Json::session));
        });
        router.post("/api/agents/:id/ready").handler(ctx -> Responses.reply(ctx, 200,
                engine.ready(id(ctx, "id")).map(Json::session)));
        router.post("/api/agents/:id/pause").handler(json).handler(ctx -> {
            Object reason = bodyOrEmpty(ctx).getValue("reason");
            String text = reason instanceof String s && !s.isBlank() ? s.trim() : "break";
            if (text.length() > 50) {
                throw Invalid.of("reason", "at most 50 characters");
            }
            Responses.reply(ctx, 200, engine.pause(id(ctx, "id"), text).map(Json::session));
        });
        router.post("/api/agents/:id/logout").handler(ctx -> Responses.reply(ctx, 200,
                engine.logout(id(ctx, "id")).map(Json::session)));
        router.post("/api/agents/:id/hangup").handler(ctx -> Responses.reply(ctx, 200,
                engine.hangupCall(id(ctx, "id")).map(v -> new JsonObject().put("hungUp", true))));

        compliance.mount(router, json);
        lists.mount(router, json);
        collections.mount(router, json);
        reports.mount(router);

        router.route().failureHandler(ctx -> Responses.error(ctx, ctx.failure() == null
                ? new IllegalStateException("HTTP " + ctx.statusCode()) : ctx.failure()));
        return router;
    }

    private void health(RoutingContext ctx) {
        JsonObject pbxStatus = new JsonObject();
        boolean allPbx = true;
        for (Pbx pbx : pbxs) {
            boolean up = pbx.control().isConnected();
            allPbx &= up;
            pbxStatus.put(pbx.name(), up ? "connected" : "disconnected");
        }
        boolean pbxUp = allPbx;
        sql.tx(c -> {
            try (var s = c.createStatement()) {
                s.execute("select 1");
            }
            return true;
        }).recover(e -> Future.succeededFuture(false)).onSuccess(dbUp -> {
            boolean up = dbUp && pbxUp;
            Responses.json(ctx, up ? 200 : 503, new JsonObject().put("status", up ? "UP" : "DEGRADED")
                    .put("database", dbUp ? "up" : "down").put("pbx", pbxStatus));
        });
    }

    private Future<JsonObject> campaignDetail(long id) {
        return sql.tx(c -> {
            Campaign campaign = campaigns.get(c, id);
            Map<String, Integer> leads = new HashMap<>();
            try (var ps = c.prepareStatement("select state, count(*) from campaign_lead where campaign_id = ? group by state")) {
                ps.setLong(1, id);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        leads.put(rs.getString(1), rs.getInt(2));
                    }
                }
            }
            JsonObject json = Json.campaign(campaign).put("leads", new JsonObject(new HashMap<>(leads)));
            json.put("abandonment", abandonment.of(c, id, campaign.maxAbandonRate(),
                    campaign.schedule() == null ? java.time.ZoneOffset.UTC : campaign.schedule().zone(), clock.instant()));
            return json;
        }).compose(json -> engine.pacingState(id).map(d -> json.put("pacing", d.map(x -> new JsonObject()
                .put("mode", x.mode()).put("callsToPlace", x.callsToPlace()).put("reason", x.reason())
                .put("linesPerAgent", x.linesPerAgent()).put("maxLinesPerAgent", x.maxLinesPerAgent())
                .put("warmedUp", x.warmedUp())).orElse(null))));
    }

    private void disposition(RoutingContext ctx) {
        long attemptId = id(ctx, "id");
        var request = dialer.core.call.DispositionRequest.fromJson(body(ctx));
        Responses.reply(ctx, 201, engine.disposition(attemptId, request)
                .compose(v -> sql.tx(c -> attempts.get(c, attemptId))).map(Json::attempt));
    }

    private void listAgents(RoutingContext ctx) {
        Responses.reply(ctx, 200, sql.tx(agents::list).compose(list -> engine.agentStatuses().map(statuses -> {
            Map<Long, AgentStatus> byAgent = new HashMap<>();
            statuses.forEach(s -> byAgent.put(s.agentId(), s));
            JsonArray out = new JsonArray();
            for (Agent a : list) {
                out.add(Json.agent(a, byAgent.get(a.id())));
            }
            return out;
        })));
    }

    private static <T> Future<T> parse(java.util.function.Supplier<T> parser) {
        try {
            return Future.succeededFuture(parser.get());
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    static JsonObject body(RoutingContext ctx) {
        JsonObject json = ctx.body().asJsonObject();
        if (json == null) {
            throw Invalid.of("body", "a JSON object is required");
        }
        return json;
    }

    static JsonObject bodyOrEmpty(RoutingContext ctx) {
        if (ctx.body() == null || ctx.body().length() == 0) {
            return new JsonObject();
        }
        return body(ctx);
    }

    static long id(RoutingContext ctx, String param) {
        try {
            return Long.parseLong(ctx.pathParam(param));
        } catch (NumberFormatException e) {
            throw Invalid.of(param, "must be a number, was '" + ctx.pathParam(param) + "'");
        }
    }

    static int limit(RoutingContext ctx) {
        String value = ctx.request().getParam("limit");
        if (value == null) {
            return 100;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit < 1 || limit > 10_000) {
                throw new NumberFormatException();
            }
            return limit;
        } catch (NumberFormatException e) {
            throw Invalid.of("limit", "must be a number from 1 to 10000");
        }
    }
}
