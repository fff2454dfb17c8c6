package dialer.core.engine;

import dialer.ami.CallEvent;
import dialer.ami.LiveChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Every event from a PBX, on the engine thread, to the part it concerns: the agents' phone legs to
 * {@link AgentPhones}, callees' calls to {@link CallFlow}, link changes to {@link PbxLinks}.
 * Event times are moved onto the engine's clock first.
 */
final class CallEventRouter {

    private static final Logger log = LoggerFactory.getLogger(CallEventRouter.class);

    private final EngineThread thread;
    private final Clock clock;
    /** The clock Asterisk's event stamps are on (the system's). */
    private final Clock wallClock;
    private final CallFlow flow;
    private final AgentPhones phones;
    private final PbxLinks pbxs;
    private final Runnable linkUp;
    private final InboundCalls inbound;
    private final OutsideTransfers outside;
    /** Told each callee call's hang-up after {@link CallFlow} took it (a transfer of it ends: {@link Transfers}). */
    private final java.util.function.Consumer<String> calleeHungUp;
    /** Told each qualify or registration result (trunk health). */
    private java.util.function.Consumer<CallEvent.PeerHealth> peerHealth = h -> { };

    CallEventRouter(EngineThread thread, Clock clock, Clock wallClock, CallFlow flow, AgentPhones phones, PbxLinks pbxs,
                    Runnable linkUp, InboundCalls inbound, OutsideTransfers outside,
                    java.util.function.Consumer<String> calleeHungUp) {
        this.inbound = inbound;
        this.outside = outside;
        this.thread = thread;
        this.clock = clock;
        this.wallClock = wallClock;
        this.flow = flow;
        this.phones = phones;
        this.pbxs = pbxs;
        this.linkUp = linkUp;
        this.calleeHungUp = calleeHungUp;
    }

    void onPeerHealth(java.util.function.Consumer<CallEvent.PeerHealth> listener) {
        this.peerHealth = listener;
    }

    /** Hands every event of every PBX to the engine thread. */
    void listen() {
        for (Pbx pbx : pbxs.all()) {
            pbx.control().addListener(event -> thread.run(() -> on(pbx.name(), event)));
        }
    }

    void on(String pbx, CallEvent wallClockEvent) {
        thread.check();
        CallEvent event = onEngineClock(wallClockEvent);
        try {
            route(pbx, event);
        } catch (IllegalTransition e) {
            // a bug: the state tables say this cannot happen; loud in tests, logged in production
            log.error("{} from {}: {}", event, pbx, e.getMessage(), e);
            throw e;
        } catch (RuntimeException e) {
            log.error("failed to handle {} from {}", event, pbx, e);
        }
    }

    private void route(String pbx, CallEvent event) {
        if (event instanceof CallEvent.Outcome o) {
            if (phones.isLeg(o.callId())) {
                phones.outcome(o.callId(), o.outcome());
            } else if (outside.isLeg(o.callId())) {
                outside.outcome(o.callId(), o.outcome());
            } else {
                flow.outcome(o);
            }
        } else if (event instanceof CallEvent.Answered a) {
            flow.answered(a.callId(), a.at());
        } else if (event instanceof CallEvent.JoinedConference j && j.callId() != null) {
            // an agent's leg joins the conference at each call, brought in with the person: nothing to do
            if (!phones.isLeg(j.callId())) {
                flow.joined(j);
            }
        } else if (event instanceof CallEvent.Abandoned a) {
            flow.abandoned(a.callId(), a.at());
        } else if (event instanceof CallEvent.SafeHarborPlayed s) {
            flow.safeHarborPlayed(s);
        } else if (event instanceof CallEvent.HungUp h) {
            if (phones.isLeg(h.callId())) {
                phones.hungUp(h.callId());
            } else {
                flow.hungUp(h);
                calleeHungUp.accept(h.callId());
            }
        } else if (event instanceof CallEvent.InboundArrived a) {
            inbound.arrived(pbx, a);
        } else if (event instanceof CallEvent.PeerHealth h) {
            peerHealth.accept(h);
        } else if (event instanceof CallEvent.ShuttingDown down) {
            pbxs.down(pbx, down.restart() ? "Asterisk restarts" : "Asterisk shuts down");
        } else if (event instanceof CallEvent.ConnectionLost lost) {
            pbxs.down(pbx, lost.reason());
        } else if (event instanceof CallEvent.Resynchronized r) {
            pbxs.up(pbx);
            Set<String> live = new HashSet<>();
            r.channels().forEach((LiveChannel ch) -> live.add(ch.channelId()));
            phones.resynchronized(pbx, live);
            log.info("PBX {} connected: {} live channel(s)", pbx, r.channels().size());
            linkUp.run();
        }
        // Ringing, WaitingForAgent and LeftConference change nothing the engine keeps
    }

    /**
     * Asterisk stamps events with the wall clock; the engine runs on its own clock (the same one the
     * compliance guard judges by). Event times are moved onto the engine's clock so every duration
     * and every stored time is measured on one clock.
     */
    private CallEvent onEngineClock(CallEvent e) {
        Duration shift = Duration.between(wallClock.instant(), clock.instant());
        if (e instanceof CallEvent.Outcome o) {
            return new CallEvent.Outcome(o.callId(), o.outcome(), o.originateReason(), o.hangupCause(), o.sipStatus(), o.detail(),
                    o.at().plus(shift));
        } else if (e instanceof CallEvent.Answered a) {
            return new CallEvent.Answered(a.callId(), a.at().plus(shift));
        } else if (e instanceof CallEvent.JoinedConference j) {
            return new CallEvent.JoinedConference(j.conference(), j.channelId(), j.callId(), j.at().plus(shift));
        } else if (e instanceof CallEvent.HungUp h) {
            return new CallEvent.HungUp(h.callId(), h.channelId(), h.cause(), h.at().plus(shift));
        } else if (e instanceof CallEvent.Abandoned a) {
            return new CallEvent.Abandoned(a.callId(), a.at().plus(shift));
        } else if (e instanceof CallEvent.InboundArrived a) {
            return new CallEvent.InboundArrived(a.channelName(), a.channelId(), a.from(), a.to(), a.at().plus(shift));
        }
        return e;
    }
}
