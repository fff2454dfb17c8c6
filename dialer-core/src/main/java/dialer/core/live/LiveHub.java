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
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Pushes live views to open pages: each agent's console and each campaign's dashboard. What the
 * engine reports marks views as changed; changed views are rebuilt (once for all pages showing
 * them) and pushed within {@link #COALESCE_MILLIS}. Dashboards are also refreshed every few
 * seconds for figures no engine event announces.
 *
 * <p>Who may see what is checked for every event sent, not only when a stream opens
 * ({@link StreamGrants}): a campaign's dashboard goes only to its supervisors, an agent's console to
 * the agent, administrators and the supervisors of the campaign the agent works now. The check costs
 * no query: each stream holds its user with the grants (role, campaigns supervised) read when it
 * opened, refreshed from the database every {@link #GRANTS_REFRESH_MILLIS} (one query per open
 * session, whichever node changed the account) and at once when an account or session is changed
 * on this node ({@link #sessionsChanged}); the agent's campaign comes from the engine's events. A
 * stream whose user may no longer see what it shows, or whose session ended or expired, ends with an
 * {@code end} event saying why.
 *
 * <p>Confined to its own Vert.x context: no locks.
 */
public final class LiveHub implements EngineListener {

    private static final Logger log = LoggerFactory.getLogger(LiveHub.class);
    static final long COALESCE_MILLIS = 100;
    static final long DASHBOARD_REFRESH_MILLIS = 5_000;
    /** How often every open stream's session and grants are read again (and a keep-alive sent). */
    static final long GRANTS_REFRESH_MILLIS = 5_000;

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
    /** The campaign each agent works, as the engine last said (null: none). */
    private final Map<Long, Long> agentCampaigns = new HashMap<>();
    private boolean flushScheduled;
    /** A periodic refresh is under way (the next one waits for it). */
    private boolean refreshing;
    /** Refreshes are numbered: one that read before a newer one finished is not applied. */
    private long refreshesStarted;
    private long refreshApplied;

    public LiveHub(Vertx vertx, Sql sql, DialerEngine engine, Sessions sessions, Clock clock, CampaignFigures figures) {
        this(vertx, sql, engine, sessions, clock, figures, null);
    }

    /** {@code monitoring}: who listens in to which agent, shown on the dashboards (and to the agent if the campaign says so). */
    public LiveHub(Vertx vertx, Sql sql, DialerEngine engine, Sessions sessions, Clock clock, CampaignFigures figures,
                   dialer.core.monitor.Monitoring monitoring) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.sessions = sessions;
        this.agentView = new AgentView(sql, engine, clock, monitoring);
        this.supervisorView = new SupervisorView(sql, engine, clock, figures, monitoring);
        context.runOnContext(v -> {
            vertx.setPeriodic(DASHBOARD_REFRESH_MILLIS, id -> {
                campaigns.keySet().forEach(this::campaignChangedHere);
            });
            vertx.setPeriodic(GRANTS_REFRESH_MILLIS, id -> {
                if (!refreshing) {
                    checkSessions();
                }
            });
        });
    }

    public void watchAgent(long agentId, EventStream stream) {
        stream.watchesAgent = true;
        stream.watchedId = agentId;
        context.runOnContext(v -> watch(agents, agentId, stream));
    }

    public void watchCampaign(long campaignId, EventStream stream) {
        stream.watchesAgent = false;
        stream.watchedId = campaignId;
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
            Long before = agentCampaigns.put(status.agentId(), status.campaignId());
            if (!java.util.Objects.equals(before, status.campaignId())) {
                // moved: those who may not follow the agent there stop seeing them now
                Watched w = agents.get(status.agentId());
                if (w != null) {
                    List.copyOf(w.streams).forEach(this::closeIfNotAllowed);
                }
            }
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
        // after the change committed: nothing read before it may stay cached
        sessions.forgetCache();
        context.runOnContext(v -> checkSessions());
    }

    /** Someone started or stopped listening in to an agent, or switched the mode: their console and dashboard change. */
    public void monitoringChanged(long agentId, long campaignId) {
        context.runOnContext(v -> {
            agentChangedHere(agentId);
            campaignChangedHere(campaignId);
        });
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
                    JsonObject view = ar.result();
                    if (w == agents.get(id) && view.containsKey("campaignId") && !agentCampaigns.containsKey(id)) {
                        // no engine event about this agent yet: the view says where they work
                        // (never over an event's word: a view may have been built before it)
                        agentCampaigns.put(id, view.getLong("campaignId"));
                    }
                    for (EventStream s : List.copyOf(w.streams)) {
                        if (allowed(s, view)) {
                            s.send(event, view);
                        } else {
                            refuse(s);
                        }
                    }
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

    /** Whether the stream's user may see this view (of what the stream watches) now. */
    private boolean allowed(EventStream s, JsonObject view) {
        if (!s.watchesAgent) {
            return StreamGrants.mayWatchCampaign(s.user, s.watchedId);
        }
        Long campaign = view.containsKey("campaignId") ? view.getLong("campaignId") : agentCampaigns.get(s.watchedId);
        return StreamGrants.mayWatchAgent(s.user, s.watchedId, campaign)
                && StreamGrants.mayWatchAgent(s.user, s.watchedId, agentCampaigns.get(s.watchedId));
    }

    private boolean allowedNow(EventStream s) {
        return s.watchesAgent
                ? StreamGrants.mayWatchAgent(s.user, s.watchedId, agentCampaigns.get(s.watchedId))
                : StreamGrants.mayWatchCampaign(s.user, s.watchedId);
    }

    private void closeIfNotAllowed(EventStream s) {
        if (!allowedNow(s)) {
            refuse(s);
        }
    }

    private void refuse(EventStream s) {
        s.refuse(s.watchesAgent
                ? "you may no longer see agent " + s.watchedId + " (not yours, or working a campaign you do not supervise)"
                : "you no longer supervise campaign " + s.watchedId);
        unwatch(s);
    }

    /**
     * Every open stream's session and grants are read again (one query per session, bypassing the
     * sessions' cache): streams whose session ended are closed, so are those whose user may no
     * longer see what they show; the others get a keep-alive.
     */
    private void checkSessions() {
        Map<String, List<EventStream>> byToken = new HashMap<>();
        agents.values().forEach(w -> w.streams.forEach(s -> byToken.computeIfAbsent(s.sessionToken, k -> new ArrayList<>()).add(s)));
        campaigns.values().forEach(w -> w.streams.forEach(s -> byToken.computeIfAbsent(s.sessionToken, k -> new ArrayList<>()).add(s)));
        if (byToken.isEmpty()) {
            return;
        }
        refreshing = true;
        long number = ++refreshesStarted;
        List<String> tokens = List.copyOf(byToken.keySet());
        vertx.executeBlocking(() -> {
            Map<String, java.util.Optional<dialer.core.auth.User>> users = new HashMap<>();
            for (String token : tokens) {
                users.put(token, sessions.userNow(token));
            }
            return users;
        }, false).onComplete(ar -> context.runOnContext(v -> {
            if (number == refreshesStarted) {
                refreshing = false;
            }
            if (number < refreshApplied) {
                return;
            }
            refreshApplied = number;
            if (ar.failed()) {
                // the database is away: keep the grants we have and try again
                log.debug("live streams' sessions could not be read: {}", ar.cause().toString());
                byToken.values().forEach(list -> list.forEach(EventStream::ping));
                return;
            }
            for (Map.Entry<String, List<EventStream>> e : byToken.entrySet()) {
                java.util.Optional<dialer.core.auth.User> user = ar.result().get(e.getKey());
                for (EventStream stream : e.getValue()) {
                    if (stream.isClosed()) {
                        continue;
                    }
                    if (user.isEmpty()) {
                        stream.close("your session has ended; sign in again");
                        unwatch(stream);
                        continue;
                    }
                    stream.user = user.get();
                    if (allowedNow(stream)) {
                        stream.ping();
                    } else {
                        refuse(stream);
                    }
                }
            }
        }));
    }
}
