package dialer.core.live;

import dialer.ami.CallOutcome;
import dialer.core.auth.Sessions;
import dialer.core.db.Sql;
import dialer.core.engine.AgentStatus;
import dialer.core.engine.DialerEngine;
import dialer.core.engine.EngineListener;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Pushes live views to open pages: each agent's console and each campaign's dashboard. What the
 * engine reports marks views as changed; changed views are rebuilt (once for all pages showing
 * them) and pushed within {@link #COALESCE_MILLIS}. Dashboards are also refreshed every few
 * seconds for figures no engine event announces. Streams are closed when their session ends.
 *
 * <p>Confined to its own Vert.x context: no locks.
 */
public final class LiveHub implements EngineListener {

    private static final Logger log = LoggerFactory.getLogger(LiveHub.class);
    static final long COALESCE_MILLIS = 100;
    static final long DASHBOARD_REFRESH_MILLIS = 5_000;
    static final long SESSION_CHECK_MILLIS = 30_000;

    /** The streams showing one view, and whether that view is being rebuilt or needs to be. */
    private static final class Watched {
        final List<EventStream> streams = new ArrayList<>();
        boolean dirty = true;
        boolean building;
    }

    private final Vertx vertx;
    private final Context context;
    private final Sessions sessions;
    private final AgentView agentView;
    private final SupervisorView supervisorView;
    private final Map<Long, Watched> agents = new HashMap<>();
    private final Map<Long, Watched> campaigns = new HashMap<>();
    private boolean flushScheduled;

    public LiveHub(Vertx vertx, Sql sql, DialerEngine engine, Sessions sessions, Clock clock, CampaignFigures figures) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.sessions = sessions;
        this.agentView = new AgentView(sql, engine, clock);
        this.supervisorView = new SupervisorView(sql, engine, clock, figures);
        context.runOnContext(v -> {
            vertx.setPeriodic(DASHBOARD_REFRESH_MILLIS, id -> {
                campaigns.keySet().forEach(this::campaignChangedHere);
            });
            vertx.setPeriodic(SESSION_CHECK_MILLIS, id -> checkSessions());
        });
    }

    public void watchAgent(long agentId, EventStream stream) {
        context.runOnContext(v -> watch(agents, agentId, stream));
    }

    public void watchCampaign(long campaignId, EventStream stream) {
        context.runOnContext(v -> watch(campaigns, campaignId, stream));
    }

    /** A stream closed (the page went away). */
    public void unwatch(EventStream stream) {
        context.runOnContext(v -> {
            agents.values().forEach(w -> w.streams.remove(stream));
            campaigns.values().forEach(w -> w.streams.remove(stream));
            agents.values().removeIf(w -> w.streams.isEmpty() && !w.building);
            campaigns.values().removeIf(w -> w.streams.isEmpty() && !w.building);
        });
    }

    private void watch(Map<Long, Watched> views, long id, EventStream stream) {
        Watched w = views.computeIfAbsent(id, k -> new Watched());
        w.streams.add(stream);
        w.dirty = true;
        scheduleFlush();
    }

    // --- what the engine reports (on its thread: hop onto ours) -------------------------------

    @Override
    public void agentChanged(AgentStatus status) {
        if (status.state() == dialer.core.engine.AgentState.LOGGED_OUT) {
            agentView.ended(status);
        }
        context.runOnContext(v -> {
            agentChangedHere(status.agentId());
            if (status.campaignId() != null) {
                campaignChangedHere(status.campaignId());
            }
        });
    }

    @Override
    public void campaignChanged(long campaignId) {
        context.runOnContext(v -> campaignChangedHere(campaignId));
    }

    /**
     * Sessions ended or changed (a sign-out, an account switched off, a new password): streams
     * are checked now rather than at the next periodic check.
     */
    public void sessionsChanged() {
        context.runOnContext(v -> checkSessions());
    }

    @Override
    public void callPlaced(long campaignId, long attemptId) {
        context.runOnContext(v -> campaignChangedHere(campaignId));
    }

    @Override
    public void callResolved(long campaignId, long attemptId, CallOutcome outcome) {
        context.runOnContext(v -> campaignChangedHere(campaignId));
    }

    @Override
    public void callConnected(long campaignId, long attemptId, long agentId) {
        context.runOnContext(v -> campaignChangedHere(campaignId));
    }

    @Override
    public void callAbandoned(long campaignId, long attemptId) {
        context.runOnContext(v -> campaignChangedHere(campaignId));
    }

    @Override
    public void callEnded(long campaignId, long attemptId) {
        context.runOnContext(v -> campaignChangedHere(campaignId));
    }

    @Override
    public void leadBlocked(long campaignId, List<String> rules) {
        context.runOnContext(v -> campaignChangedHere(campaignId));
    }

    @Override
    public void dispositionWritten(long campaignId, long attemptId, String code, Long agentId) {
        context.runOnContext(v -> {
            campaignChangedHere(campaignId);
            if (agentId != null) {
                agentChangedHere(agentId);
            }
        });
    }

    private void agentChangedHere(long agentId) {
        Watched w = agents.get(agentId);
        if (w != null) {
            w.dirty = true;
            scheduleFlush();
        }
    }

    private void campaignChangedHere(long campaignId) {
        Watched w = campaigns.get(campaignId);
        if (w != null) {
            w.dirty = true;
            scheduleFlush();
        }
    }

    // --- pushing ------------------------------------------------------------------------------

    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            vertx.setTimer(COALESCE_MILLIS, id -> {
                flushScheduled = false;
                flush(agents, "agent", agentView::of);
                flush(campaigns, "campaign", supervisorView::of);
            });
        }
    }

    private void flush(Map<Long, Watched> views, String event, Function<Long, Future<JsonObject>> build) {
        for (Map.Entry<Long, Watched> entry : views.entrySet()) {
            Watched w = entry.getValue();
            if (!w.dirty || w.building || w.streams.isEmpty()) {
                continue;
            }
            w.dirty = false;
            w.building = true;
            long id = entry.getKey();
            build.apply(id).onComplete(ar -> context.runOnContext(v -> {
                w.building = false;
                if (ar.succeeded()) {
                    List.copyOf(w.streams).forEach(s -> s.send(event, ar.result()));
                } else {
                    log.warn("live {} view {} could not be built: {}", event, id, ar.cause().toString());
                }
                if (w.dirty) {
                    // it changed again meanwhile
                    scheduleFlush();
                }
            }));
        }
    }

    /** Streams whose session ended are closed; the others get a keep-alive. */
    private void checkSessions() {
        Set<EventStream> all = new HashSet<>();
        agents.values().forEach(w -> all.addAll(w.streams));
        campaigns.values().forEach(w -> all.addAll(w.streams));
        for (EventStream stream : all) {
            vertx.executeBlocking(() -> sessions.user(stream.sessionToken).isPresent(), false).onComplete(ar -> context.runOnContext(v -> {
                if (ar.succeeded() && !ar.result()) {
                    stream.close("your session has ended; sign in again");
                    unwatch(stream);
                } else {
                    stream.ping();
                }
            }));
        }
    }
}
