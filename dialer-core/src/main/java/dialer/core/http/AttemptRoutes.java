package dialer.core.http;

import dialer.core.auth.Access;
import dialer.core.auth.Role;
import dialer.core.auth.User;
import dialer.core.call.AttemptStore;
import dialer.core.call.DispositionRequest;
import dialer.core.call.DispositionWritten;
import dialer.core.db.Sql;
import dialer.core.engine.DialerEngine;
import dialer.core.engine.DispositionAnswer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/** Call attempts: a campaign's latest, one attempt, and the disposition its agent gives it. */
final class AttemptRoutes {

    private final Sql sql;
    private final DialerEngine engine;
    private final Access access;
    private final AttemptStore attempts = new AttemptStore();

    AttemptRoutes(Sql sql, DialerEngine engine, Access access) {
        this.sql = sql;
        this.engine = engine;
        this.access = access;
    }

    void mount(Router router, BodyHandler json) {
        router.get("/api/campaigns/:id/attempts").handler(this::ofCampaign);
        router.get("/api/attempts/:id").handler(this::get);
        router.post("/api/attempts/:id/disposition").handler(json).handler(this::disposition);
    }

    private void ofCampaign(RoutingContext ctx) {
        long id = Params.id(ctx, "id");
        Access.supervisorOf(ctx, id);
        int limit = Params.limit(ctx);
        Responses.reply(ctx, 200, sql.tx(c -> attempts.list(c, id, limit))
                .map(list -> new JsonArray(list.stream().map(Json::attempt).toList())));
    }

    private void get(RoutingContext ctx) {
        long id = Params.id(ctx, "id");
        Responses.reply(ctx, 200, access.attempt(ctx, id).compose(u -> sql.tx(c -> attempts.get(c, id))).map(Json::attempt));
    }

    /** The agent who took the call gives its disposition (an administrator may, for them). */
    private void disposition(RoutingContext ctx) {
        long attemptId = Params.id(ctx, "id");
        User u = Access.require(ctx, Role.AGENT, Role.ADMIN);
        JsonObject body = Params.body(ctx);
        if (u.role() == Role.AGENT) {
            body.put("agentId", u.agentId());
        }
        var request = DispositionRequest.fromJson(body);
        // the agent's own call is known to the engine: their disposition needs no database to be allowed (it may be down)
        Future<?> allowed = u.role() == Role.AGENT
                ? engine.agentHolds(u.agentId(), attemptId).compose(holds -> holds ? Future.succeededFuture() : access.attempt(ctx, attemptId))
                : access.attempt(ctx, attemptId);
        allowed.compose(v -> engine.disposition(attemptId, request)).onComplete(ar -> {
            if (ar.failed()) {
                Responses.error(ctx, ar.cause());
            } else if (ar.result() instanceof DispositionAnswer.Kept kept) {
                // the database is down: the dialer keeps the disposition and writes it when it is back
                Responses.reply(ctx, 202, Future.succeededFuture(new JsonObject().put("attemptId", attemptId).put("kept", true)
                        .put("code", request.code()).put("message", "Kept by the dialer and written as soon as the database is back ("
                                + kept.why() + "); nothing more to do.")));
            } else {
                DispositionWritten written = ((DispositionAnswer.Written) ar.result()).written();
                // written: a database gone a moment later does not turn that into an error
                Responses.reply(ctx, 201, sql.tx(c -> attempts.get(c, attemptId)).map(Json::attempt)
                        .recover(e -> Sql.unreachable(e) ? Future.succeededFuture(new JsonObject().put("id", attemptId)
                                .put("disposition", new JsonObject().put("code", written.code()))) : Future.failedFuture(e)));
            }
        });
    }
}
