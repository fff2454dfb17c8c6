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

    void mount(Router router) {
        router.get("/").handler(ctx -> ctx.redirect("/login"));
        router.get("/login").handler(ctx -> page(ctx, "webroot/login.html"));
        router.get("/agent").handler(ctx -> page(ctx, "webroot/agent.html"));
        router.get("/supervisor").handler(ctx -> page(ctx, "webroot/supervisor.html"));
        router.get("/debtor").handler(ctx -> page(ctx, "webroot/debtor.html"));
        router.get("/assets/:file").handler(PageRoutes::asset);
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
        secure(ctx);
        ctx.response().putHeader("content-type", "text/html; charset=utf-8").putHeader("cache-control", "no-store")
                .sendFile(file);
    }

    private static void secure(RoutingContext ctx) {
        ctx.response().putHeader("content-security-policy", POLICY).putHeader("x-content-type-options", "nosniff")
                .putHeader("referrer-policy", "no-referrer");
    }
}
