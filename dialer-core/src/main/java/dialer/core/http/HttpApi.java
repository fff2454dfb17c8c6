package dialer.core.http;

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
    private final ComplianceRoutes compliance;
    private final ListRoutes lists;
    private final CollectionsRoutes collections;
    private final ReportRoutes reports;
    private final LiveRoutes live;

    public HttpApi(Vertx vertx, Sql sql, DialerEngine engine, DialerMetrics metrics, Collection<Pbx> pbxs,
                   ComplianceGate gate, Sessions sessions, LiveHub liveHub, Clock clock) {
        Access access = new Access(sql, engine);
        this.auth = new AuthRoutes(vertx, sql, sessions, clock, liveHub == null ? () -> { } : liveHub::sessionsChanged);
        this.campaigns = new CampaignRoutes(sql, engine, clock);
        this.attempts = new AttemptRoutes(sql, engine, access);
        this.agents = new AgentRoutes(sql, engine, access);
        this.compliance = new ComplianceRoutes(sql, engine, gate, access, clock);
        this.lists = new ListRoutes(vertx, sql);
        this.collections = new CollectionsRoutes(vertx, sql, engine, access, clock);
        this.reports = new ReportRoutes(sql, clock);
        this.live = new LiveRoutes(liveHub, access);
        this.vertx = vertx;
        this.sql = sql;
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
        compliance.mount(router, json);
        lists.mount(router, json);
        collections.mount(router, json);
        reports.mount(router);
        live.mount(router);

        router.route().failureHandler(HttpApi::failure);
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
