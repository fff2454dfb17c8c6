package dialer.core.http;

import dialer.core.Invalid;
import dialer.core.Unauthenticated;
import dialer.core.auth.Access;
import dialer.core.auth.LoginLimiter;
import dialer.core.auth.Passwords;
import dialer.core.auth.Sessions;
import dialer.core.auth.User;
import dialer.core.auth.UserStore;
import dialer.core.campaign.CampaignStore;
import dialer.core.db.Sql;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Signing in and out, the signed-in person, and (administrators) accounts. Every other
 * {@code /api} route needs a session: a cookie for the pages, or a bearer token for scripts.
 */
final class AuthRoutes {

    static final String COOKIE = "dialer_session";
    private static final Object GENERIC_FAILURE = "wrong user name or password";

    private final Vertx vertx;
    private final Sql sql;
    private final Sessions sessions;
    private final Clock clock;
    private final UserStore users = new UserStore();
    private final LoginLimiter limiter = new LoginLimiter();
    private final CampaignStore campaigns = new CampaignStore();

    /** Told when sessions end or change here, so live streams of ended sessions close at once. */
    private final Runnable sessionsChanged;

    AuthRoutes(Vertx vertx, Sql sql, Sessions sessions, Clock clock, Runnable sessionsChanged) {
        this.sessionsChanged = sessionsChanged;
        this.vertx = vertx;
        this.sql = sql;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** Sign-in comes before the authentication wall; everything after it needs a session. */
    void mountPublic(Router router, BodyHandler json) {
        router.post("/api/login").handler(json).handler(this::login);
    }

    /** The wall: finds the session's user, or answers 401. */
    void authenticate(RoutingContext ctx) {
        String token = token(ctx);
        if (token == null) {
            Responses.error(ctx, new Unauthenticated("sign in first (POST /api/login)"));
            return;
        }
        ctx.request().pause();
        vertx.executeBlocking(() -> sessions.user(token), false).onComplete(ar -> {
            ctx.request().resume();
            if (ar.failed()) {
                Responses.error(ctx, ar.cause());
            } else if (ar.result().isEmpty()) {
                ctx.response().addCookie(Cookie.cookie(COOKIE, "").setPath("/").setMaxAge(0));
                Responses.error(ctx, new Unauthenticated("your session has ended; sign in again"));
            } else {
                Access.signIn(ctx, ar.result().get());
                ctx.next();
            }
        });
    }

    void mount(Router router, BodyHandler json) {
        router.post("/api/logout").handler(this::logout);
        router.get("/api/me").handler(this::me);
        router.post("/api/users").handler(json).handler(this::createUser);
        router.get("/api/audit").handler(this::audit);
        router.get("/api/users").handler(this::listUsers);
        router.patch("/api/users/:id").handler(json).handler(this::changeUser);
        router.delete("/api/users/:id/lockout").handler(this::clearLockout);
    }

    /** Ends the session and clears its cookie. */
    private void logout(RoutingContext ctx) {
        String token = token(ctx);
        Responses.reply(ctx, 200, sql.tx(c -> {
            sessions.close(c, token);
            return new JsonObject().put("signedOut", true);
        }).onSuccess(v -> {
            ctx.response().addCookie(Cookie.cookie(COOKIE, "").setPath("/").setMaxAge(0));
            sessionsChanged.run();
        }));
    }

    /** The signed-in person. */
    private void me(RoutingContext ctx) {
        Responses.json(ctx, 200, Json.user(Access.user(ctx)));
    }

    /** An administrator creates an account. */
    private void createUser(RoutingContext ctx) {
        User admin = Access.admin(ctx);
        UserStore.Draft draft = UserStore.Draft.fromJson(Params.body(ctx));
        Responses.reply(ctx, 201, sql.tx(c -> {
            User created = users.create(c, draft);
            campaigns.audit(c, admin.actor(), "created user " + created.username() + " (" + created.role() + ")", null);
            return Json.user(created);
        }));
    }

    /** The latest configuration changes, newest first. */
    private void audit(RoutingContext ctx) {
        Access.admin(ctx);
        int limit = Params.limit(ctx);
        Responses.reply(ctx, 200, sql.tx(c -> campaigns.auditTrail(c, limit)).map(list -> Json.array(list, Json::auditEntry)));
    }

    /** All accounts. */
    private void listUsers(RoutingContext ctx) {
        Access.admin(ctx);
        Responses.reply(ctx, 200, sql.tx(users::list).map(list -> new JsonArray(list.stream().map(Json::user).toList())));
    }

    /** An administrator changes an account: password, active, the campaigns it supervises. */
    private void changeUser(RoutingContext ctx) {
        User admin = Access.admin(ctx);
        long id = Params.id(ctx, "id");
        JsonObject body = Params.body(ctx);
        Responses.reply(ctx, 200, sql.tx(c -> {
            users.get(c, id);
            if (body.getValue("password") != null) {
                users.setPassword(c, id, String.valueOf(body.getValue("password")));
            }
            if (body.getValue("active") instanceof Boolean active) {
                if (!active && id == admin.id()) {
                    throw Invalid.of("active", "you cannot switch off your own account");
                }
                users.setActive(c, id, active);
            }
            if (body.getValue("campaigns") instanceof JsonArray a) {
                Set<Long> ids = new HashSet<>();
                for (Object o : a) {
                    if (!(o instanceof Number n)) {
                        throw Invalid.of("campaigns", "must be a list of campaign ids, e.g. [1, 3]");
                    }
                    ids.add(n.longValue());
                }
                users.setCampaigns(c, id, ids);
            } else if (body.getValue("campaigns") != null) {
                throw Invalid.of("campaigns", "must be a list of campaign ids, e.g. [1, 3]");
            }
            campaigns.audit(c, admin.actor(), "changed user " + id + ": " + body.copy().put("password",
                    body.containsKey("password") ? "(changed)" : null).encode(), null);
            sessions.forgetCache();
            return Json.user(users.get(c, id));
        }).onSuccess(v -> sessionsChanged.run()));
    }

    /**
     * An administrator lifts an account's sign-in back-off from every address (the per-address
     * limit is not an account's and runs out by itself).
     */
    private void clearLockout(RoutingContext ctx) {
        User admin = Access.admin(ctx);
        long id = Params.id(ctx, "id");
        Responses.reply(ctx, 200, sql.tx(c -> {
            User user = users.get(c, id);
            int cleared = limiter.clear(c, user.username());
            campaigns.audit(c, admin.actor(), "cleared the sign-in lockout of user " + id + " (" + user.username() + ")", null);
            return new JsonObject().put("userId", id).put("username", user.username()).put("pairsCleared", cleared);
        }));
    }

    private void login(RoutingContext ctx) {
        JsonObject body = Params.body(ctx);
        String username = body.getValue("username") instanceof String s ? s.trim().toLowerCase() : "";
        String password = body.getValue("password") instanceof String s ? s : "";
        if (username.isEmpty() || password.isEmpty()) {
            throw Invalid.of("username/password", "both are required");
        }
        String address = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
        sql.tx(c -> limiter.reserve(c, username, address, clock.instant())).compose(refusal -> refusal != null
                ? io.vertx.core.Future.succeededFuture(new Object[] {429, refusal})
                : sql.tx(c -> {
            Optional<UserStore.Credentials> account = users.credentials(c, username);
            if (account.isEmpty() || !Passwords.matches(password, account.get().passwordHash())) {
                // the guess was counted by reserve()
                return new Object[] {401, GENERIC_FAILURE};
            }
            limiter.succeeded(c, username, address);
            long userId = account.get().userId();
            String token = sessions.open(c, userId);
            return new Object[] {200, token, users.get(c, userId)};
        })).onComplete(ar -> {
            if (ar.failed()) {
                Responses.error(ctx, ar.cause());
                return;
            }
            Object[] r = ar.result();
            int status = (Integer) r[0];
            if (status == 429) {
                LoginLimiter.Refusal refusal = (LoginLimiter.Refusal) r[1];
                long seconds = Math.max(1, refusal.waitFor().toSeconds() + (refusal.waitFor().toMillisPart() > 0 ? 1 : 0));
                ctx.response().putHeader("Retry-After", String.valueOf(seconds));
                Responses.json(ctx, 429, new JsonObject().put("error", (refusal.address()
                        ? "too many failed sign-ins from your address"
                        : "too many failed sign-ins for this user name from your address")
                        + "; try again in " + seconds + " s").put("retryAfterSeconds", seconds));
                return;
            }
            if (status != 200) {
                Responses.json(ctx, status, new JsonObject().put("error", r[1]));
                return;
            }
            String token = (String) r[1];
            ctx.response().addCookie(Cookie.cookie(COOKIE, token).setPath("/").setHttpOnly(true)
                    .setSameSite(CookieSameSite.STRICT).setMaxAge(Sessions.LIFETIME.toSeconds()).setSecure(secure(ctx)));
            Responses.json(ctx, 200, new JsonObject().put("token", token).put("user", Json.user((User) r[2])));
        });
    }

    private static boolean secure(RoutingContext ctx) {
        return ctx.request().isSSL() || "https".equalsIgnoreCase(ctx.request().getHeader("X-Forwarded-Proto"));
    }

    static String token(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header != null && header.startsWith("Bearer ")) {
            return header.substring(7).trim();
        }
        Cookie cookie = ctx.request().getCookie(COOKIE);
        return cookie == null ? null : cookie.getValue();
    }
}
