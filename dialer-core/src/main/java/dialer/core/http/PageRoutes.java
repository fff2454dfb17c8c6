package dialer.core.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The web pages: sign-in, the agent console and the supervisor dashboard, plain HTML and
 * JavaScript served from the classpath ({@code webroot/}); no build step. The pages hold no data:
 * everything comes from the API with the signed-in session, so a page asked for without one just
 * sends the browser to sign in.
 */
final class PageRoutes {

    /** Pages may load only their own scripts and styles, talk only to this server, and not be framed. */
    private static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private static final java.util.regex.Pattern ASSET = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]*\\.(js|css|svg|png)");
    private static final java.util.Map<String, String> TYPES = java.util.Map.of("js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "svg", "image/svg+xml", "png", "image/png");

    /** Browser libraries the build brings in from npm (dialer-core/package.json), e.g. jssip.min.js. */
    private static final java.util.regex.Pattern VENDOR = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9.-]*\\.js");

    /** The agent console also talks to the PBXs' SIP-over-WebSocket servers (its browser phone). */
    private final String agentPolicy;

    PageRoutes(java.util.Collection<String> phoneOrigins) {
        this.agentPolicy = phoneOrigins.isEmpty() ? POLICY
                : POLICY.replace("connect-src 'self'", "connect-src 'self' " + String.join(" ", phoneOrigins));
    }

    void mount(Router router) {
        router.get("/").handler(ctx -> ctx.redirect("/login"));
        router.get("/login").handler(ctx -> page(ctx, "webroot/login.html"));
        router.get("/agent").handler(ctx -> page(ctx, "webroot/agent.html", agentPolicy));
        router.get("/supervisor").handler(ctx -> page(ctx, "webroot/supervisor.html"));
        router.get("/debtor").handler(ctx -> page(ctx, "webroot/debtor.html"));
        router.get("/assets/:file").handler(PageRoutes::asset);
        router.get("/vendor/:file").handler(PageRoutes::vendor);
    }

    /** A browser library the build put under webroot/vendor. */
    private static void vendor(RoutingContext ctx) {
        String file = ctx.pathParam("file");
        if (file == null || !VENDOR.matcher(file).matches() || file.contains("..")) {
            ctx.response().setStatusCode(404).end();
            return;
        }
        secure(ctx);
        ctx.response().putHeader("content-type", TYPES.get("js")).putHeader("cache-control", "no-cache")
                .sendFile("webroot/vendor/" + file).onFailure(e -> {
                    if (!ctx.response().headWritten()) {
                        ctx.response().setStatusCode(404).putHeader("content-type", "text/plain").end();
                    }
                });
    }

    /** A script, style or image of the pages: a plain file name under webroot/assets, nothing else. */
    private static void asset(RoutingContext ctx) {
        String file = ctx.pathParam("file");
        java.util.regex.Matcher name = ASSET.matcher(file == null ? "" : file);
        if (!name.matches()) {
            ctx.response().setStatusCode(404).end();
            return;
        }
        secure(ctx);
        ctx.response().putHeader("content-type", TYPES.get(name.group(1))).putHeader("cache-control", "no-cache")
                .sendFile("webroot/assets/" + file).onFailure(e -> {
                    if (!ctx.response().headWritten()) {
                        ctx.response().setStatusCode(404).putHeader("content-type", "text/plain").end();
                    }
                });
    }

    private static void page(RoutingContext ctx, String file) {
        page(ctx, file, POLICY);
    }

    private static void page(RoutingContext ctx, String file, String policy) {
        secure(ctx);
        ctx.response().putHeader("content-security-policy", policy);
        ctx.response().putHeader("content-type", "text/html; charset=utf-8").putHeader("cache-control", "no-store")
                .sendFile(file);
    }

    private static void secure(RoutingContext ctx) {
        ctx.response().putHeader("content-security-policy", POLICY).putHeader("x-content-type-options", "nosniff")
                .putHeader("referrer-policy", "no-referrer");
    }
}
