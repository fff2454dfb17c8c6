package dialer.core.http;

import dialer.core.Conflict;
import dialer.core.Invalid;
import dialer.core.NotFound;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes results and errors the same way for every route. */
final class Responses {

    private static final Logger log = LoggerFactory.getLogger(Responses.class);

    private Responses() {
    }

    static void json(RoutingContext ctx, int status, Object body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
                .end(body instanceof JsonObject o ? o.encode() : body instanceof JsonArray a ? a.encode() : String.valueOf(body));
    }

    /** Answers with the future's JSON (200, or {@code status}), or with the error it failed with. */
    static void reply(RoutingContext ctx, int status, Future<?> result) {
        result.onComplete(ar -> {
            if (ar.succeeded()) {
                json(ctx, status, ar.result());
            } else {
                error(ctx, ar.cause());
            }
        });
    }

    /** The name of the unique constraint a database write broke, or null. */
    private static String uniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.postgresql.util.PSQLException p && "23505".equals(p.getSQLState())) {
                return p.getServerErrorMessage() == null || p.getServerErrorMessage().getConstraint() == null
                        ? "a unique value is taken" : p.getServerErrorMessage().getConstraint();
            }
        }
        return null;
    }

    private static String capped(String text, int limit) {
        return text == null || text.length() <= limit ? text : text.substring(0, limit) + "…";
    }

    static void error(RoutingContext ctx, Throwable e) {
        if (ctx.response().ended()) {
            return;
        }
        if (e instanceof Invalid invalid) {
            JsonArray problems = new JsonArray();
            // a problem that quotes a value quotes a short prefix; this keeps any that does not from echoing it whole
            invalid.problems().forEach(p -> problems.add(new JsonObject().put("field", capped(p.field(), 100))
                    .put("problem", capped(p.problem(), 500))));
            json(ctx, 400, new JsonObject().put("error", "invalid request").put("problems", problems));
        } else if (e instanceof DecodeException) {
            json(ctx, 400, new JsonObject().put("error", "invalid request").put("problems", new JsonArray()
                    .add(new JsonObject().put("field", "body").put("problem", "is not valid JSON"))));
        } else if (e instanceof dialer.core.Unauthenticated) {
            json(ctx, 401, new JsonObject().put("error", e.getMessage()));
        } else if (e instanceof dialer.core.Forbidden) {
            json(ctx, 403, new JsonObject().put("error", e.getMessage()));
        } else if (e instanceof NotFound) {
            json(ctx, 404, new JsonObject().put("error", e.getMessage()));
        } else if (e instanceof Conflict) {
            json(ctx, 409, new JsonObject().put("error", e.getMessage()));
        } else if (e instanceof dialer.core.Busy b) {
            ctx.response().putHeader("Retry-After", String.valueOf(b.retryAfterSeconds()));
            json(ctx, 429, new JsonObject().put("error", e.getMessage()));
        } else if (e instanceof dialer.core.Unavailable u) {
            ctx.response().putHeader("Retry-After", String.valueOf(u.retryAfterSeconds()));
            json(ctx, 503, new JsonObject().put("error", e.getMessage()));
        } else if (dialer.core.db.Sql.unreachable(e)) {
            ctx.response().putHeader("Retry-After", "5");
            json(ctx, 503, new JsonObject().put("error", "the database cannot be reached; try again in a moment"));
        } else if (uniqueViolation(e) != null) {
            // the constraint's name, not its detail: the detail would repeat the value (a name, a number)
            json(ctx, 409, new JsonObject().put("error", "this already exists (" + uniqueViolation(e) + ")"));
        } else {
            log.error("{} {} failed", ctx.request().method(), ctx.request().path(), e);
            json(ctx, 500, new JsonObject().put("error", "internal error; see the server log"));
        }
    }
}
