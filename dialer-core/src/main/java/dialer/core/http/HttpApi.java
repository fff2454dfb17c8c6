package dialer.core.http;

import dialer.core.Invalid;
import dialer.core.agent.Agent;
import dialer.core.agent.AgentDraft;
import dialer.core.agent.AgentStore;
import dialer.core.auth.Access;
import dialer.core.auth.Role;
import dialer.core.auth.Sessions;
import dialer.core.auth.User;
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
import dialer.core.metrics.DialerMetrics;
import dialer.pacing.estimate.Tally;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

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
    private final LiveRoutes live;

    private final AuthRoutes auth;
    private final Access access;

    public HttpApi(Vertx vertx, Sql sql, DialerEngine engine, DialerMetrics metrics, Collection<Pbx> pbxs,
                   ComplianceGate gate, Sessions sessions, dialer.core.live.LiveHub liveHub, java.time.Clock clock) {
        this.clock = clock;
        this.access = new Access(sql, engine);
        this.auth = new AuthRoutes(vertx, sql, sessions, clock, liveHub == null ? () -> { } : liveHub::sessionsChanged);
        this.compliance = new ComplianceRoutes(sql, engine, gate, access, clock);
        this.lists = new ListRoutes(vertx, sql);
        this.collections = new CollectionsRoutes(vertx, sql, engine, access, clock);
        this.reports = new ReportRoutes(sql, clock);
        this.live = new LiveRoutes(liveHub, access);
        this.vertx = vertx;
        this.sql = sql;
        this.engine = engine;
        this.metrics = metrics;
        this.pbxs = pbxs;
    }

    public Router router() {
        Router router = Router.router(vertx);
        BodyHandler json = BodyHandler.create(false).setBodyLimit(JSON_BODY_LIMIT);

        // open: for load balancers and Prometheus (expose them only inside the network)
        router.get("/health").handler(this::health);
        new PageRoutes().mount(router);
        router.get("/api/openapi.yaml").handler(ctx -> ctx.response()
                .putHeader("content-type", "application/yaml; charset=utf-8").sendFile("openapi.yaml"));
        router.get("/metrics").handler(ctx -> ctx.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                .end(metrics.scrape()));
        auth.mountPublic(router, json);
        router.route("/api/*").handler(auth::authenticate);
        auth.mount(router, json);

        router.post("/api/campaigns").handler(json).handler(ctx -> {
            User admin = Access.admin(ctx);
            CampaignDraft draft = CampaignDraft.fromJson(body(ctx));
            Responses.reply(ctx, 201, sql.tx(c -> {
                Campaign created = campaigns.create(c, draft);
                campaigns.audit(c, admin.actor(), "created campaign " + created.id() + " '" + created.name() + "'", null);
                return created;
            }).map(Json::campaign));
        });
        router.get("/api/campaigns").handler(ctx -> {
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
        });
        router.get("/api/campaigns/:id").handler(ctx -> {
            long id = id(ctx, "id");
            Access.supervisorOf(ctx, id);
            Responses.reply(ctx, 200, campaignDetail(id));
        });
        router.post("/api/campaigns/:id/start").handler(ctx -> status(ctx, CampaignStatus.RUNNING));
        router.post("/api/campaigns/:id/stop").handler(ctx -> status(ctx, CampaignStatus.STOPPED));
        router.post("/api/campaigns/:id/pause").handler(ctx -> status(ctx, CampaignStatus.PAUSED));
        router.post("/api/campaigns/:id/pacing").handler(json).handler(this::pacingTarget);
        router.get("/api/campaigns/:id/leads").handler(ctx -> {
            long id = id(ctx, "id");
            Access.supervisorOf(ctx, id);
            int limit = limit(ctx);
            String state = ctx.request().getParam("state");
            if (state != null && !java.util.Set.of("READY", "QUEUED", "CLAIMED", "DONE", "BLOCKED", "CALLBACK").contains(state)) {
                throw Invalid.of("state", "must be READY, QUEUED, CLAIMED, DONE, BLOCKED or CALLBACK");
            }
            Responses.reply(ctx, 200, sql.tx(c -> leads.list(c, id, state, limit)).map(JsonArray::new));
        });
        router.get("/api/campaigns/:id/attempts").handler(ctx -> {
            long id = id(ctx, "id");
            Access.supervisorOf(ctx, id);
            int limit = limit(ctx);
            Responses.reply(ctx, 200, sql.tx(c -> attempts.list(c, id, limit))
                    .map(list -> new JsonArray(list.stream().map(Json::attempt).toList())));
        });

        router.get("/api/attempts/:id").handler(ctx -> {
            long id = id(ctx, "id");
            Responses.reply(ctx, 200, access.attempt(ctx, id).compose(u -> sql.tx(c -> attempts.get(c, id))).map(Json::attempt));
        });
        router.post("/api/attempts/:id/disposition").handler(json).handler(this::disposition);

        router.post("/api/agents").handler(json).handler(ctx -> {
            User admin = Access.admin(ctx);
            AgentDraft draft = AgentDraft.fromJson(body(ctx), engine.pbxNames());
            Responses.reply(ctx, 201, sql.tx(c -> {
                Agent created = agents.create(c, draft);
                campaigns.audit(c, admin.actor(), "registered agent " + created.id() + " (extension " + created.extension() + ")", null);
                return created;
            }).map(a -> Json.agent(a, null)));
        });
        router.get("/api/agents").handler(this::listAgents);
        router.post("/api/agents/:id/login").handler(json).handler(ctx -> {
            long agentId = id(ctx, "id");
            JsonObject body = bodyOrEmpty(ctx);
            Object campaign = body.getValue("campaignId");
            if (!(campaign instanceof Number n)) {
                throw Invalid.of("campaignId", "is required: the campaign the agent works on");
            }
            Responses.reply(ctx, 200, access.agent(ctx, agentId).compose(u -> engine.login(agentId, n.longValue(),
                    Boolean.TRUE.equals(body.getValue("ready")))).map(Json::session));
        });
        router.post("/api/agents/:id/ready").handler(ctx -> {
            long agentId = id(ctx, "id");
            Responses.reply(ctx, 200, access.agent(ctx, agentId).compose(u -> engine.ready(agentId)).map(Json::session));
        });
        router.post("/api/agents/:id/pause").handler(json).handler(ctx -> {
            long agentId = id(ctx, "id");
            Object reason = bodyOrEmpty(ctx).getValue("reason");
            String text = reason instanceof String s && !s.isBlank() ? s.trim() : "break";
            if (text.length() > 50) {
                throw Invalid.of("reason", "at most 50 characters");
            }
            Responses.reply(ctx, 200, access.agent(ctx, agentId).compose(u -> engine.pause(agentId, text)).map(Json::session));
        });
        router.post("/api/agents/:id/logout").handler(ctx -> {
            long agentId = id(ctx, "id");
            Responses.reply(ctx, 200, access.agent(ctx, agentId).compose(u -> engine.logout(agentId)).map(Json::session));
        });
        router.post("/api/agents/:id/hangup").handler(ctx -> {
            long agentId = id(ctx, "id");
            Responses.reply(ctx, 200, access.agent(ctx, agentId).compose(u -> engine.hangupCall(agentId))
                    .map(v -> new JsonObject().put("hungUp", true)));
        });
        router.post("/api/agents/:id/preview/dial").handler(ctx -> {
            long agentId = id(ctx, "id");
            dialed(ctx, access.agent(ctx, agentId).compose(u -> engine.previewDial(agentId)));
        });
        router.post("/api/agents/:id/preview/skip").handler(json).handler(ctx -> {
            long agentId = id(ctx, "id");
            Object reason = bodyOrEmpty(ctx).getValue("reason");
            if (reason != null && (!(reason instanceof String r) || r.isBlank() || r.length() > 200)) {
                throw Invalid.of("reason", "a text of at most 200 characters");
            }
            Responses.reply(ctx, 200, access.agent(ctx, agentId).compose(u -> engine.previewSkip(agentId, (String) reason))
                    .map(Json::session));
        });
        router.post("/api/agents/:id/dial").handler(json).handler(ctx -> {
            long agentId = id(ctx, "id");
            JsonObject body = body(ctx);
            Object phoneId = body.getValue("phoneId");
            Object number = body.getValue("number");
            if (phoneId != null && !(phoneId instanceof Number)) {
                throw Invalid.of("phoneId", "must be the id of one of the debtor's numbers");
            }
            if (number != null && !(number instanceof String)) {
                throw Invalid.of("number", "must be a phone number as text");
            }
            if ((phoneId == null) == (number == null)) {
                throw Invalid.of("phoneId", "give either phoneId (a number of the debtor on screen) or number (typed)");
            }
            Long phone = phoneId == null ? null : ((Number) phoneId).longValue();
            // only the agent dials for themself: a call comes to the phone of whoever dialed it
            dialed(ctx, access.agent(ctx, agentId).compose(u -> u.agentId() != null && u.agentId() == agentId
                    ? engine.manualDial(agentId, phone, (String) number)
                    : Future.failedFuture(new dialer.core.Forbidden("only agent " + agentId + " dials for themself"))));
        });

        compliance.mount(router, json);
        lists.mount(router, json);
        collections.mount(router, json);
        reports.mount(router);
        live.mount(router);

        router.route().failureHandler(ctx -> {
            if (ctx.failure() == null && ctx.statusCode() == 413) {
                Responses.json(ctx, 413, new JsonObject().put("error", "the request body is larger than "
                        + JSON_BODY_LIMIT / 1024 + " KiB"));
            } else if (ctx.failure() == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
                Responses.json(ctx, ctx.statusCode(), new JsonObject().put("error", "HTTP " + ctx.statusCode()));
            } else {
                Responses.error(ctx, ctx.failure() == null ? new IllegalStateException("HTTP " + ctx.statusCode()) : ctx.failure());
            }
        });
        return router;
    }

    private void status(RoutingContext ctx, CampaignStatus status) {
        long id = id(ctx, "id");
        User u = Access.supervisorOf(ctx, id);
        Future<Campaign> done = status == CampaignStatus.RUNNING ? engine.startCampaign(id) : engine.stopCampaign(id, status);
        Responses.reply(ctx, 200, done.compose(campaign -> sql.tx(c -> {
            campaigns.audit(c, u.actor(), "campaign " + id + " " + status.name().toLowerCase(), null);
            return campaign;
        })).map(Json::campaign));
    }

    /** A supervisor may set the campaign's abandonment target, within the regulators' 3%. */
    private void pacingTarget(RoutingContext ctx) {
        long id = id(ctx, "id");
        User u = Access.supervisorOf(ctx, id);
        Object rate = body(ctx).getValue("maxAbandonRate");
        if (!(rate instanceof Number n) || !dialer.core.campaign.AbandonTarget.allowed(n.doubleValue())) {
            throw Invalid.of("maxAbandonRate", "must be between " + dialer.core.campaign.AbandonTarget.MIN + " and "
                    + dialer.core.campaign.AbandonTarget.MAX + " (the regulators' cap)");
        }
        Responses.reply(ctx, 200, sql.tx(c -> {
            Campaign current = campaigns.get(c, id);
            CampaignDraft draft = CampaignDraft.fromJson(Json.campaign(current).put("maxAbandonRate", n.doubleValue()));
            campaigns.update(c, id, draft);
            campaigns.audit(c, u.actor(), "campaign " + id + " abandonment target " + current.maxAbandonRate() + " -> " + n, null);
            return id;
        }).compose(v -> engine.campaignChanged(id)).map(Json::campaign));
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
                    campaign.calendarZone(), clock.instant()));
            return json;
        }).compose(json -> engine.pacingState(id).map(d -> json.put("pacing", d.map(x -> new JsonObject()
                .put("mode", x.mode()).put("callsToPlace", x.callsToPlace()).put("reason", x.reason())
                .put("linesPerAgent", x.linesPerAgent()).put("maxLinesPerAgent", x.maxLinesPerAgent())
                .put("warmedUp", x.warmedUp()).put("target", x.target())
                .put("counted", new JsonObject().put("today", counted(x.countedToday()))
                        .put("rolling30Days", counted(x.countedRolling())))).orElse(null))));
    }

    private static JsonObject counted(Tally t) {
        return new JsonObject().put("liveAnswered", t.liveAnswered()).put("abandoned", t.abandoned());
    }

    /** The agent who took the call gives its disposition (an administrator may, for them). */
    private void disposition(RoutingContext ctx) {
        long attemptId = id(ctx, "id");
        User u = Access.require(ctx, Role.AGENT, Role.ADMIN);
        JsonObject body = body(ctx);
        if (u.role() == Role.AGENT) {
            body.put("agentId", u.agentId());
        }
        var request = dialer.core.call.DispositionRequest.fromJson(body);
        Responses.reply(ctx, 201, access.attempt(ctx, attemptId).compose(v -> engine.disposition(attemptId, request))
                .compose(v -> sql.tx(c -> attempts.get(c, attemptId))).map(Json::attempt));
    }

    /** A call an agent asked for: 201 with its attempt, or 409 with each rule of the guard that blocked it. */
    private static void dialed(RoutingContext ctx, Future<dialer.core.engine.DialResult> result) {
        result.onComplete(ar -> {
            if (ar.failed()) {
                Responses.error(ctx, ar.cause());
                return;
            }
            dialer.core.engine.DialResult r = ar.result();
            if (r.wasPlaced()) {
                Responses.json(ctx, 201, new JsonObject().put("placed", true).put("attemptId", r.attemptId()));
                return;
            }
            JsonArray blocked = new JsonArray();
            r.blocked().forEach(b -> blocked.add(new JsonObject().put("rule", b.rule()).put("reason", b.reason())));
            String why = r.blocked().isEmpty() ? "the call was not placed"
                    : "blocked by the compliance guard: " + r.blocked().get(0).reason();
            Responses.json(ctx, 409, new JsonObject().put("placed", false).put("error", why).put("blocked", blocked));
        });
    }

    private void listAgents(RoutingContext ctx) {
        User u = Access.require(ctx, Role.ADMIN, Role.SUPERVISOR);
        Responses.reply(ctx, 200, sql.tx(agents::list).compose(list -> engine.agentStatuses().map(statuses -> {
            Map<Long, AgentStatus> byAgent = new HashMap<>();
            // a supervisor sees the sessions of the agents working their campaigns (the others' are not theirs)
            statuses.stream().filter(s -> s.campaignId() != null && u.supervises(s.campaignId()))
                    .forEach(s -> byAgent.put(s.agentId(), s));
            JsonArray out = new JsonArray();
            for (Agent a : list) {
                out.add(Json.agent(a, byAgent.get(a.id())));
            }
            return out;
        })));
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

    /** An optional whole-number query parameter; anything else is a 400 naming it. */
    static Long optionalId(RoutingContext ctx, String param) {
        String value = ctx.request().getParam(param);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw Invalid.of(param, "must be a number, was '" + value + "'");
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
