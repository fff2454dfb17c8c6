package dialer.core.http;

import dialer.core.portrait.ListHourProfiles;
import dialer.core.auth.Access;
import dialer.core.auth.Sessions;
import dialer.core.compliance.ComplianceGate;
import dialer.core.db.Sql;
import dialer.core.engine.DialerEngine;
import dialer.core.engine.Pbx;
import dialer.core.health.DatabaseProbe;
import dialer.core.live.LiveHub;
import dialer.core.metrics.DialerMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.time.Clock;
import java.util.Collection;

/** The JSON API, {@code /health} and {@code /metrics}: assembles the router from the routes of each resource. */
public final class HttpApi {

    private static final long JSON_BODY_LIMIT = 1024 * 1024;

    private final Vertx vertx;
    private final Sql sql;
    private final DialerMetrics metrics;
    private final Collection<Pbx> pbxs;
    private final DatabaseProbe database = new DatabaseProbe();

    private final AuthRoutes auth;
    private final CampaignRoutes campaigns;
    private final AttemptRoutes attempts;
    private final AgentRoutes agents;
    private final PageRoutes pages;
    private final TransferRoutes transfers;
    private final ComplianceRoutes compliance;
    private final ListRoutes lists;
    private final CollectionsRoutes collections;
    private final OwnershipRoutes ownership;
    private final ScriptRoutes scripts;
    private final QueueOrderRoutes queueOrder;
    private final InboundRoutes inbound;
    private final ReportRoutes reports;
    private final LiveRoutes live;
    private final PlanRoutes plans;
    private final PortraitRoutes portraits;
    private final RecordingRoutes recordings;
    private final MonitorRoutes monitors;
    private final TrunkRoutes trunks;
    private final dialer.core.trunk.TrunkConfigurator trunkConfig;

    public HttpApi(Vertx vertx, dialer.core.db.Pools pools, DialerEngine engine, DialerMetrics metrics, Collection<Pbx> pbxs,
                   ComplianceGate gate, Sessions sessions, LiveHub liveHub, ListHourProfiles hourProfiles, Clock clock,
                   dialer.core.recording.Recorder recorder, dialer.core.monitor.Monitoring monitoring,
                   dialer.core.phone.PhoneProvisioning phones) {
        Sql sql = pools.api();
        Access access = new Access(sql, engine);
        this.auth = new AuthRoutes(vertx, sql, sessions, clock, liveHub == null ? () -> { } : liveHub::sessionsChanged);
        this.campaigns = new CampaignRoutes(sql, engine, clock);
        this.attempts = new AttemptRoutes(sql, engine, access);
        this.agents = new AgentRoutes(sql, engine, access, phones);
        this.pages = new PageRoutes(phones == null ? java.util.Set.of() : phones.wsOrigins());
        this.transfers = new TransferRoutes(sql, engine, access);
        this.compliance = new ComplianceRoutes(sql, pools.reports(), engine, gate, access, clock);
        this.lists = new ListRoutes(vertx, sql, pools.imports());
        this.collections = new CollectionsRoutes(vertx, sql, pools.imports(), engine, access, clock);
        this.ownership = new OwnershipRoutes(sql, engine, access, clock);
        this.scripts = new ScriptRoutes(sql, access, clock);
        this.queueOrder = new QueueOrderRoutes(sql, engine);
        this.inbound = new InboundRoutes(sql, engine, access, clock);
        this.reports = new ReportRoutes(pools.reports(), clock);
        this.live = new LiveRoutes(liveHub, access);
        this.plans = new PlanRoutes(sql, access, clock);
        this.portraits = new PortraitRoutes(sql, engine, access, hourProfiles, clock);
        this.recordings = new RecordingRoutes(sql, engine, access, recorder, clock);
        this.monitors = new MonitorRoutes(sql, monitoring);
        // carrier trunks: written to every PBX after each change (and by the server at start and link-up: trunkConfigurator())
        this.trunkConfig = new dialer.core.trunk.TrunkConfigurator(vertx, sql, java.util.List.copyOf(pbxs), engine);
        this.trunks = new TrunkRoutes(sql, engine, trunkConfig, clock);
        this.vertx = vertx;
        this.sql = sql;
        this.metrics = metrics;
        this.pbxs = pbxs;
    }

    /** What keeps every PBX's trunks what the database says (the server starts it). */
    public dialer.core.trunk.TrunkConfigurator trunkConfigurator() {
        return trunkConfig;
    }

    public Router router() {
        Router router = Router.router(vertx);
        BodyHandler json = BodyHandler.create(false).setBodyLimit(JSON_BODY_LIMIT);

        router.route("/api/*").handler(HttpApi::apiHeaders);
        router.route("/api/*").handler(HttpApi::sameOriginWrites);
        // open: for load balancers and Prometheus (expose them only inside the network)
        router.get("/health").handler(this::health);
        pages.mount(router);
        router.get("/api/openapi.yaml").handler(ctx -> ctx.response()
                .putHeader("content-type", "application/yaml; charset=utf-8").sendFile("openapi.yaml"));
        router.get("/metrics").handler(ctx -> ctx.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                .end(metrics.scrape()));
        // malformed query parameters (NUL, control characters, bad %-encoding) are a 400 before any route reads them
        router.route("/api/*").handler(ctx -> {
            Params.checkQuery(ctx);
            ctx.next();
        });
        auth.mountPublic(router, json);
        router.route("/api/*").handler(auth::authenticate);
        auth.mount(router, json);

        campaigns.mount(router, json);
        attempts.mount(router, json);
        agents.mount(router, json);
        transfers.mount(router, json);
        compliance.mount(router, json);
        lists.mount(router, json);
        collections.mount(router, json);
        ownership.mount(router, json);
        scripts.mount(router, json);
        queueOrder.mount(router, json);
        inbound.mount(router, json);
        reports.mount(router);
        live.mount(router);
        plans.mount(router, json);
        portraits.mount(router, json);
        recordings.mount(router, json);
        monitors.mount(router, json);
        trunks.mount(router, json);

        router.route().failureHandler(HttpApi::failure);
        return router;
    }

    /**
     * Every /api answer (JSON with debtors' data, CSV exports, live streams, errors) is neither
     * to be sniffed as another type nor kept by a browser or proxy cache.
     */
    private static void apiHeaders(RoutingContext ctx) {
        ctx.response().putHeader("X-Content-Type-Options", "nosniff").putHeader("Cache-Control", "no-store");
        ctx.next();
    }

    /**
     * CSRF: a write signed in by the session cookie must come from a page of this server (its
     * Origin, or Referer without one, names the host asked); else 403 before anything is done.
     * A request with a bearer token (scripts) is not concerned, nor one with no cookie (it will
     * be answered 401, or is the sign-in).
     */
    private static void sameOriginWrites(RoutingContext ctx) {
        String authorization = ctx.request().getHeader("Authorization");
        boolean bearer = authorization != null && authorization.startsWith("Bearer ");
        if (!SameOrigin.isWrite(ctx.request().method().name()) || bearer || ctx.request().getCookie(AuthRoutes.COOKIE) == null) {
            ctx.next();
            return;
        }
        String origin = ctx.request().getHeader("Origin");
        String referer = ctx.request().getHeader("Referer");
        String refusal = SameOrigin.refusal(origin, referer, host(ctx));
        String forwardedHost = ctx.request().getHeader("X-Forwarded-Host");
        if (refusal != null && forwardedHost != null && SameOrigin.refusal(origin, referer, forwardedHost) == null) {
            refusal = null;
        }
        if (refusal != null) {
            Responses.json(ctx, 403, new JsonObject().put("error", refusal));
            return;
        }
        ctx.next();
    }

    /** The host:port asked: the Host header (HTTP/1.1) or the :authority (HTTP/2). */
    private static String host(RoutingContext ctx) {
        String host = ctx.request().getHeader("Host");
        if (host != null && !host.isBlank()) {
            return host;
        }
        io.vertx.core.net.HostAndPort authority = ctx.request().authority();
        if (authority == null) {
            return null;
        }
        String h = authority.host().contains(":") && !authority.host().startsWith("[") ? "[" + authority.host() + "]" : authority.host();
        return authority.port() >= 0 ? h + ":" + authority.port() : h;
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
        sql.tx(database::ping).recover(e -> Future.succeededFuture(false)).onSuccess(dbUp -> {
            boolean up = dbUp && pbxUp;
            Responses.json(ctx, up ? 200 : 503, new JsonObject().put("status", up ? "UP" : "DEGRADED")
                    .put("database", dbUp ? "up" : "down").put("pbx", pbxStatus));
        });
    }

    private static void failure(RoutingContext ctx) {
        if (ctx.failure() == null && ctx.statusCode() == 413) {
            Responses.json(ctx, 413, new JsonObject().put("error", "the request body is larger than "
                    + JSON_BODY_LIMIT / 1024 + " KiB"));
        } else if (ctx.failure() == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            Responses.json(ctx, ctx.statusCode(), new JsonObject().put("error", "HTTP " + ctx.statusCode()));
        } else {
            Responses.error(ctx, ctx.failure() == null ? new IllegalStateException("HTTP " + ctx.statusCode()) : ctx.failure());
        }
    }
}
