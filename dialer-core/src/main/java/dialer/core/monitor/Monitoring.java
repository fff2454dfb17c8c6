package dialer.core.monitor;

import dialer.ami.CallEvent;
import dialer.ami.CallIds;
import dialer.ami.CallOutcome;
import dialer.ami.LiveChannel;
import dialer.ami.OriginateRequest;
import dialer.core.Conflict;
import dialer.core.Forbidden;
import dialer.core.NotFound;
import dialer.core.auth.User;
import dialer.core.campaign.CampaignStore;
import dialer.core.db.Sql;
import dialer.core.engine.AgentLeg;
import dialer.core.engine.AgentState;
import dialer.core.engine.AgentStatus;
import dialer.core.engine.DialerEngine;
import dialer.core.engine.EngineListener;
import dialer.core.engine.Pbx;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Supervisors listening in to agents: the dialer rings the supervisor's own phone and sends the
 * answered leg to [dialer-spy], which listens to the agent's phone leg (ChanSpy), whispers to the
 * agent, or joins the call's conference ({@link MonitorMode}); a later request switches the mode by
 * redirecting that leg, and stopping hangs it up. Every start, switch and end is written to the
 * audit trail (who, which agent, which mode; when is the row's time).
 *
 * <p>The agent's leg stays up for the whole session, so a supervisor may listen to an agent between
 * calls: they hear silence, then the agent's next call. Barging joins a call, so it needs the agent on
 * one; when that call ends the dialplan brings the supervisor back to listening, and so does this class.
 * A session ends when the supervisor's phone hangs up (or does not answer), when the agent's leg ends
 * (ChanSpy's E: the agent logged out), or on request. One session per agent and per supervisor: a
 * supervisor who listens in to another agent stops listening to the first.
 *
 * <p>Confined to its own Vert.x context: {@link #sessions}, {@link #byCall} and {@link #changing} are
 * written there only; {@link #sessions} is readable from anywhere (its values are immutable).
 */
public final class Monitoring implements EngineListener {

    private static final Logger log = LoggerFactory.getLogger(Monitoring.class);
    static final Duration RING_TIMEOUT = Duration.ofSeconds(30);
    private static final int NORMAL_CLEARING = 16;
    static final String CALL_PREFIX = "spy";

    /** One supervisor listening in to one agent. */
    public record Session(long agentId, long campaignId, long supervisorId, String supervisor, String actor, MonitorMode mode,
                          String callId, String pbx, boolean answered, boolean shownToAgent, Instant since) {

        Session withMode(MonitorMode m, Instant now) {
            return new Session(agentId, campaignId, supervisorId, supervisor, actor, m, callId, pbx, answered, shownToAgent, now);
        }

        Session answeredNow() {
            return new Session(agentId, campaignId, supervisorId, supervisor, actor, mode, callId, pbx, true, shownToAgent, since);
        }

        Session shown(boolean shown) {
            return new Session(agentId, campaignId, supervisorId, supervisor, actor, mode, callId, pbx, answered, shown, since);
        }

        /** The supervisor's leg in the dialplan (a Local channel's first half). */
        String channelId() {
            return CallIds.channelId(callId);
        }
    }

    /** Told (on this class's context) when an agent's monitoring changed: agent id, campaign id. */
    public interface Listener {
        void changed(long agentId, long campaignId);
    }

    /** The agents' phone legs (the engine's query side). */
    interface Legs {
        Future<Optional<AgentLeg>> of(long agentId);
    }

    /** What a start reads: the supervisor's phone, and whether the agent's campaign shows who listens. */
    record Settings(Optional<String> phone, boolean shownToAgent) {
    }

    /** Where the settings are read and the audit trail written (PostgreSQL). */
    interface Records {
        Future<Settings> settings(long userId, long campaignId);

        Future<Void> audit(String actor, String change);
    }

    private final Context context;
    private final Legs legs;
    private final Records records;
    private final Map<String, Pbx> pbxs = new HashMap<>();
    private final Clock clock;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    /** By agent id. Written on {@link #context}. */
    private final Map<Long, Session> sessions = new ConcurrentHashMap<>();
    /** The agent each supervisor's call listens to, by call id. Written on {@link #context}. */
    private final Map<String, Long> byCall = new HashMap<>();
    /** Agents whose monitoring is being changed now (a second request waits for none: it is refused). On {@link #context}. */
    private final Set<Long> changing = new HashSet<>();

    public Monitoring(Vertx vertx, Sql sql, DialerEngine engine, Collection<Pbx> pbxs, Clock clock) {
        this(vertx, engine::agentLeg, inDatabase(sql), pbxs, clock);
    }

    Monitoring(Vertx vertx, Legs legs, Records records, Collection<Pbx> pbxs, Clock clock) {
        this.context = vertx.getOrCreateContext();
        this.legs = legs;
        this.records = records;
        this.clock = clock;
        for (Pbx pbx : pbxs) {
            this.pbxs.put(pbx.name(), pbx);
            pbx.control().addListener(event -> {
                if (concerns(event)) {
                    context.runOnContext(v -> on(pbx.name(), event));
                }
            });
        }
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** Who listens in to this agent now, if anyone. Any thread. */
    public Optional<Session> of(long agentId) {
        return Optional.ofNullable(sessions.get(agentId));
    }

    /**
     * The supervisor starts listening in to the agent in this mode, or switches to it. Refused (403)
     * when the agent works a campaign the supervisor does not supervise; 409 when the agent has no
     * phone leg up, barging without a call, the supervisor has no phone, or another supervisor listens.
     */
    public Future<Session> monitor(User supervisor, long agentId, MonitorMode mode) {
        return legs.of(agentId).compose(found -> onContext(() -> {
            AgentLeg leg = found.orElseThrow(() -> new Conflict("agent " + agentId + " is not logged in"));
            if (!supervisor.supervises(leg.campaignId())) {
                throw new Forbidden("agent " + agentId + " is not working a campaign you supervise");
            }
            if (!leg.up()) {
                throw new Conflict("agent " + agentId + "'s phone is not connected");
            }
            if (mode.needsCall() && !leg.onCall()) {
                throw new Conflict("barging joins a call: agent " + agentId + " is not on one (listen, and barge once a call comes)");
            }
            Session current = sessions.get(agentId);
            if (current != null && current.supervisorId() != supervisor.id()) {
                throw new Conflict("agent " + agentId + " is being listened to by " + current.supervisor());
            }
            if (!changing.add(agentId)) {
                throw new Conflict("agent " + agentId + "'s listening-in is changing already; try again");
            }
            Future<Session> done = current != null ? switchMode(current, mode) : start(supervisor, leg, mode);
            return done.onComplete(ar -> changing.remove(agentId));
        }));
    }

    /** Stops listening in: the supervisor's leg is hung up. Their own session, or any for an administrator. */
    public Future<Session> stop(User user, long agentId) {
        return onContext(() -> {
            Session current = sessions.get(agentId);
            if (current == null) {
                throw new NotFound("a listening-in to agent " + agentId);
            }
            if (current.supervisorId() != user.id() && !user.admin()) {
                throw new Forbidden(current.supervisor() + " listens in to agent " + agentId + ", not you");
            }
            return end(current, user.actor(), "stopped listening in to agent " + agentId + " (" + current.mode() + ")", true)
                    .map(current);
        });
    }

    /**
     * The dialer stops: every supervisor's leg is hung up and its end audited, so no listening-in goes on
     * that this process no longer knows of (nor audits).
     */
    public Future<Void> stopAll(String why) {
        return onContext(() -> {
            List<Future<Void>> ends = new java.util.ArrayList<>();
            for (Session s : List.copyOf(sessions.values())) {
                ends.add(end(s, s.actor(), "listening in to agent " + s.agentId() + " (" + s.mode() + ") ended: " + why, true)
                        .recover(e -> Future.succeededFuture()));
            }
            return Future.all(ends).mapEmpty();
        });
    }

    /** The campaign's setting changed: sessions on its agents show (or stop showing) who listens. */
    public void shownChanged(long campaignId, boolean shown) {
        context.runOnContext(v -> {
            for (Session s : List.copyOf(sessions.values())) {
                if (s.campaignId() == campaignId && s.shownToAgent() != shown) {
                    put(s.shown(shown));
                }
            }
        });
    }

    // --- the steps -----------------------------------------------------------------------------


    private Future<Session> start(User supervisor, AgentLeg leg, MonitorMode mode) {
        Pbx pbx = pbxs.get(leg.pbx());
        if (pbx == null) {
            return Future.failedFuture(new Conflict("agent " + leg.agentId() + "'s PBX " + leg.pbx() + " is not one of this node's"));
        }
        return here(records.settings(supervisor.id(), leg.campaignId()))
                .compose(read -> {
            Optional<String> phone = read.phone();
            boolean shown = read.shownToAgent();
            if (phone.isEmpty()) {
                throw new Conflict("no phone is set for your account: an administrator sets it (PUT /api/users/" + supervisor.id()
                        + "/phone)");
            }
            // one agent at a time: the supervisor's leg on another agent is hung up first
            Session elsewhere = sessions.values().stream().filter(s -> s.supervisorId() == supervisor.id()).findFirst().orElse(null);
            Future<Void> freed = elsewhere == null ? Future.succeededFuture()
                    : end(elsewhere, supervisor.actor(), "stopped listening in to agent " + elsewhere.agentId()
                            + " (to listen in to agent " + leg.agentId() + ")", true);
            return freed.compose(v -> ring(pbx, supervisor, leg, mode, phone.get(), shown));
        });
    }

    private Future<Session> ring(Pbx pbx, User supervisor, AgentLeg leg, MonitorMode mode, String phone, boolean shown) {
        String callId = CALL_PREFIX + supervisor.id() + "x" + UUID.randomUUID().toString().replace("-", "");
        OriginateRequest ring = new OriginateRequest(callId, phone, mode.target(), RING_TIMEOUT, null, false,
                Map.of("DIALER_ROLE", "supervisor", "DIALER_SPY_LEG", leg.channelId(), "DIALER_SPY_CONF", leg.conference()));
        Session s = new Session(leg.agentId(), leg.campaignId(), supervisor.id(), supervisor.displayName(), supervisor.actor(),
                mode, callId, leg.pbx(), false, shown, clock.instant());
        // known before the call is placed: its events may come before the command's answer
        byCall.put(callId, leg.agentId());
        put(s);
        log.info("supervisor {} listens in to agent {} ({}): ringing {}", supervisor.id(), leg.agentId(), mode,
                SupervisorPhone.masked(phone));
        return here(Future.fromCompletionStage(pbx.control().originate(ring)))
                .recover(e -> {
                    forget(s);
                    return Future.failedFuture(new Conflict("could not ring your phone: " + e.getMessage()));
                })
                .compose(x -> audited(s.actor(), "started listening in to agent " + leg.agentId() + " (" + mode
                        + ") on campaign " + leg.campaignId()))
                .map(x -> sessions.getOrDefault(leg.agentId(), s));
    }

    private Future<Session> switchMode(Session current, MonitorMode mode) {
        if (current.mode() == mode) {
            return Future.succeededFuture(current);
        }
        if (!current.answered()) {
            return Future.failedFuture(new Conflict("your phone has not answered yet"));
        }
        Pbx pbx = pbxs.get(current.pbx());
        return here(Future.fromCompletionStage(pbx.control().redirect(current.channelId(), mode.target())))
                .recover(e -> Future.failedFuture(new Conflict("could not switch to " + mode + ": " + e.getMessage())))
                .compose(v -> {
                    Session now = sessions.get(current.agentId());
                    if (now == null || !now.callId().equals(current.callId())) {
                        throw new Conflict("the listening-in to agent " + current.agentId() + " ended meanwhile");
                    }
                    Session switched = now.withMode(mode, clock.instant());
                    put(switched);
                    return audited(current.actor(), "switched listening in to agent " + current.agentId() + " from "
                            + current.mode() + " to " + mode).map(switched);
                });
    }

    /** Ends a session: forgotten at once, its leg hung up if asked, then audited. */
    private Future<Void> end(Session s, String actor, String change, boolean hangUp) {
        forget(s);
        Future<Void> hungUp = Future.succeededFuture();
        Pbx pbx = pbxs.get(s.pbx());
        if (hangUp && pbx != null) {
            // gone already (the supervisor hung up meanwhile): nothing to hang up
            hungUp = here(Future.fromCompletionStage(pbx.control().hangup(s.channelId(), NORMAL_CLEARING)))
                    .recover(e -> Future.succeededFuture());
        }
        return hungUp.compose(v -> audited(actor, change));
    }

    private Future<Void> audited(String actor, String change) {
        return here(records.audit(actor, change));
    }

    /** The settings from {@link MonitorStore}, the audit trail of {@link CampaignStore}. */
    private static Records inDatabase(Sql sql) {
        MonitorStore store = new MonitorStore();
        CampaignStore trail = new CampaignStore();
        return new Records() {
            @Override
            public Future<Settings> settings(long userId, long campaignId) {
                return sql.tx(c -> new Settings(store.phone(c, userId), store.shownToAgent(c, campaignId)));
            }

            @Override
            public Future<Void> audit(String actor, String change) {
                return sql.tx(c -> {
                    trail.audit(c, actor, change, null);
                    return null;
                });
            }
        };
    }

    private void put(Session s) {
        sessions.put(s.agentId(), s);
        listeners.forEach(l -> l.changed(s.agentId(), s.campaignId()));
    }

    private void forget(Session s) {
        byCall.remove(s.callId());
        Session there = sessions.get(s.agentId());
        if (there != null && there.callId().equals(s.callId())) {
            sessions.remove(s.agentId());
            listeners.forEach(l -> l.changed(s.agentId(), s.campaignId()));
        }
    }

    // --- what the PBX and the engine say -------------------------------------------------------

    /** Whether an event may concern a supervisor's call: checked on the bridge's thread, so callees' events cost no hop. */
    static boolean concerns(CallEvent event) {
        if (event instanceof CallEvent.Outcome o) {
            return isSupervisorCall(o.callId());
        }
        if (event instanceof CallEvent.HungUp h) {
            return isSupervisorCall(h.callId());
        }
        return event instanceof CallEvent.Resynchronized || event instanceof CallEvent.ShuttingDown;
    }

    /** Supervisors' calls have ids of their own: {@code spy<user id>x<random>} (agents' legs are {@code a<agent id>x...}). */
    static boolean isSupervisorCall(String callId) {
        return callId != null && callId.startsWith(CALL_PREFIX);
    }

    private void on(String pbx, CallEvent event) {
        if (event instanceof CallEvent.Outcome o && byCall.containsKey(o.callId())) {
            Session s = sessions.get(byCall.get(o.callId()));
            if (s == null) {
                return;
            }
            if (o.outcome() == CallOutcome.ANSWERED_HUMAN) {
                put(s.answeredNow());
            } else {
                ended(s, "the supervisor's phone did not answer (" + o.outcome() + ")");
            }
        } else if (event instanceof CallEvent.HungUp h && byCall.containsKey(h.callId())) {
            Session s = sessions.get(byCall.get(h.callId()));
            if (s != null) {
                ended(s, "the supervisor's phone hung up, or the agent's leg ended");
            }
        } else if (event instanceof CallEvent.Resynchronized r) {
            Set<String> live = new HashSet<>();
            r.channels().forEach((LiveChannel ch) -> live.add(ch.channelId()));
            for (Session s : List.copyOf(sessions.values())) {
                if (s.pbx().equals(pbx) && s.answered() && !live.contains(s.channelId())) {
                    ended(s, "the supervisor's leg is gone from the PBX");
                }
            }
        } else if (event instanceof CallEvent.ShuttingDown) {
            for (Session s : List.copyOf(sessions.values())) {
                if (s.pbx().equals(pbx)) {
                    ended(s, "the PBX is going down");
                }
            }
        }
    }

    private void ended(Session s, String why) {
        log.info("listening-in to agent {} ended: {}", s.agentId(), why);
        end(s, s.actor(), "listening in to agent " + s.agentId() + " (" + s.mode() + ") ended: " + why, false)
                .onFailure(e -> log.warn("the end of a listening-in could not be audited: {}", e.toString()));
    }

    /** A barge ends with the call: the dialplan brings the supervisor back to listening. */
    @Override
    public void agentChanged(AgentStatus status) {
        context.runOnContext(v -> {
            Session s = sessions.get(status.agentId());
            if (s != null && s.mode() == MonitorMode.BARGE && status.state() != AgentState.ON_CALL) {
                put(s.withMode(MonitorMode.LISTEN, clock.instant()));
                audited(s.actor(), "listening in to agent " + s.agentId() + ": the call ended, BARGE went back to LISTEN")
                        .onFailure(e -> log.warn("a change of listening-in could not be audited: {}", e.toString()));
            }
        });
    }

    // --- the context ---------------------------------------------------------------------------

    private <T> Future<T> onContext(Supplier<Future<T>> action) {
        Promise<T> promise = Promise.promise();
        context.runOnContext(v -> {
            try {
                action.get().onComplete(promise);
            } catch (RuntimeException e) {
                promise.fail(e);
            }
        });
        return promise.future();
    }

    /** The same outcome, told on this class's context. */
    private <T> Future<T> here(Future<T> elsewhere) {
        Promise<T> promise = Promise.promise();
        elsewhere.onComplete(ar -> context.runOnContext(v -> promise.handle(ar)));
        return promise.future();
    }
}
