package dialer.core.http;

import dialer.core.auth.Access;
import dialer.core.auth.Role;
import dialer.core.auth.User;
import dialer.core.live.EventStream;
import dialer.core.live.LiveHub;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The live channels, as server-sent events: an agent's console ({@code agent} events) and a
 * campaign's dashboard ({@code campaign} events). Each event carries the whole view; a stream
 * ends with an {@code end} event when its session does, or when its user may no longer see what it
 * shows (checked for every event; see {@link LiveHub}).
 */
final class LiveRoutes {

    private final LiveHub hub;
    private final Access access;

    LiveRoutes(LiveHub hub, Access access) {
        this.hub = hub;
        this.access = access;
    }

    void mount(Router router) {
        router.get("/api/live/agent").handler(this::ownConsole);
        router.get("/api/live/agents/:id").handler(this::agentConsole);
        router.get("/api/live/campaigns/:id").handler(this::campaignDashboard);
    }

    /** The signed-in agent's own console. */
    private void ownConsole(RoutingContext ctx) {
        User u = Access.require(ctx, Role.AGENT);
        open(ctx, Future.succeededFuture(), stream -> hub.watchAgent(u.agentId(), stream));
    }

    /** An agent's console, as their supervisor or an administrator sees it. */
    private void agentConsole(RoutingContext ctx) {
        long agentId = Params.id(ctx, "id");
        open(ctx, access.agent(ctx, agentId).mapEmpty(), stream -> hub.watchAgent(agentId, stream));
    }

    /** A campaign's dashboard. */
    private void campaignDashboard(RoutingContext ctx) {
        long campaignId = Params.id(ctx, "id");
        Access.supervisorOf(ctx, campaignId);
        open(ctx, Future.succeededFuture(), stream -> hub.watchCampaign(campaignId, stream));
    }

    private void open(RoutingContext ctx, Future<Void> allowed, java.util.function.Consumer<EventStream> watch) {
        String token = AuthRoutes.token(ctx);
        User user = Access.user(ctx);
        allowed.onComplete(ar -> {
            if (ar.failed()) {
                Responses.error(ctx, ar.cause());
                return;
            }
            EventStream[] stream = new EventStream[1];
            stream[0] = EventStream.open(ctx.response(), token, user, () -> hub.unwatch(stream[0]));
            watch.accept(stream[0]);
        });
    }
}
