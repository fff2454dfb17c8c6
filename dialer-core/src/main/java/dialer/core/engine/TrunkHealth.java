package dialer.core.engine;

import dialer.ami.CallEvent;
import dialer.core.trunk.PjsipTrunkConfig;
import dialer.core.trunk.Trunk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether each carrier trunk can carry calls, and how many more it may take now. A trunk stops
 * dialing when Asterisk's qualify of it goes unanswered (ContactStatus Unreachable), its
 * registration is refused or lapses, or a call fails at the trunk (TRUNK_FAILURE: no response to the
 * INVITE, credentials refused); it dials again when the qualify answers, the registration succeeds,
 * or (after a call failure) {@link #CALL_FAILURE_PAUSE} has passed (the next call tries it again).
 * Confined to the engine thread.
 */
final class TrunkHealth {

    private static final Logger log = LoggerFactory.getLogger(TrunkHealth.class);

    /** How long a trunk whose calls failed at the trunk dials nothing before it is tried again. */
    static final Duration CALL_FAILURE_PAUSE = Duration.ofSeconds(
            Long.getLong("dialer.trunk.callFailurePauseSeconds", 30));

    private final EngineThread thread;
    private final EngineEvents events;

    private static final class State {
        Trunk trunk;
        String unreachable;
        String unregistered;
        String callsFailing;
        Instant callsFailingUntil;
        /** Whether it was reported down last (changes are told once). */
        boolean toldDown;
        String toldReason;
        /** Whether its health was told at all (a new trunk's is told once, healthy or not). */
        boolean told;
        final Deque<Long> placedMillis = new ArrayDeque<>();
    }

    /** Engine thread: by trunk name, in name order. */
    private final Map<String, State> trunks = new LinkedHashMap<>();

    TrunkHealth(EngineThread thread, EngineEvents events) {
        this.thread = thread;
        this.events = events;
    }

    /** The trunks as configured now (a trunk removed is forgotten, a new one starts healthy). */
    void configured(List<Trunk> list, Instant now) {
        thread.check();
        Map<String, State> kept = new HashMap<>(trunks);
        trunks.clear();
        for (Trunk t : list) {
            State s = kept.getOrDefault(t.name(), new State());
            s.trunk = t;
            trunks.put(t.name(), s);
        }
        for (String gone : kept.keySet()) {
            if (!trunks.containsKey(gone) && kept.get(gone).toldDown) {
                events.trunkHealth(gone, true, "removed");
            }
        }
        trunks.keySet().forEach(name -> tell(name, now));
    }

    /** A qualify or registration result from Asterisk. */
    void peer(CallEvent.PeerHealth h) {
        thread.check();
        String name = null;
        if (h.source() == CallEvent.PeerHealth.Source.CONTACT) {
            name = PjsipTrunkConfig.trunkOfAor(h.name());
        } else {
            for (State s : trunks.values()) {
                if (s.trunk.register() && s.trunk.serverUri().equalsIgnoreCase(h.name())) {
                    name = s.trunk.name();
                }
            }
        }
        State s = name == null ? null : trunks.get(name);
        if (s == null) {
            return;
        }
        if (h.source() == CallEvent.PeerHealth.Source.CONTACT) {
            s.unreachable = h.healthy() ? null : "the carrier does not answer its qualify (SIP OPTIONS): " + h.detail();
            if (h.healthy()) {
                // reachable again: calls may be tried at once
                s.callsFailing = null;
                s.callsFailingUntil = null;
            }
        } else {
            s.unregistered = h.healthy() ? null : "the carrier refuses or lost our registration: " + h.detail();
        }
        tell(name, h.at());
    }

    /** A call through {@code trunk} failed at the trunk (no response, credentials refused). */
    void callFailed(String trunk, String detail, Instant at) {
        thread.check();
        State s = trunks.get(trunk);
        if (s == null) {
            return;
        }
        s.callsFailing = "calls fail at the trunk: " + detail;
        s.callsFailingUntil = at.plus(CALL_FAILURE_PAUSE);
        tell(trunk, at);
    }

    /** Why {@code trunk} dials nothing now, or null when it can carry calls (or is not one of the configured trunks). */
    String down(String trunk, Instant now) {
        thread.check();
        State s = trunk == null ? null : trunks.get(trunk);
        if (s == null) {
            return null;
        }
        if (s.callsFailingUntil != null && !now.isBefore(s.callsFailingUntil)) {
            // paused long enough: the next call tries it again
            s.callsFailing = null;
            s.callsFailingUntil = null;
            tell(trunk, now);
        }
        return reason(s);
    }

    /** How many more calls {@code trunk} takes now: its cap of calls up at once and its calls per second. */
    int room(String trunk, int callsUp, long nowMillis) {
        thread.check();
        State s = trunk == null ? null : trunks.get(trunk);
        if (s == null) {
            return Integer.MAX_VALUE;
        }
        while (!s.placedMillis.isEmpty() && s.placedMillis.peekFirst() <= nowMillis - 1000) {
            s.placedMillis.pollFirst();
        }
        return Math.max(0, Math.min(s.trunk.maxCalls() - callsUp, s.trunk.callsPerSecond() - s.placedMillis.size()));
    }

    void placing(String trunk, long nowMillis) {
        State s = trunk == null ? null : trunks.get(trunk);
        if (s != null) {
            s.placedMillis.addLast(nowMillis);
        }
    }

    /** The caller id calls through {@code trunk} go out with, given the campaign's. */
    String callerId(String trunk, String campaignCallerId) {
        State s = trunk == null ? null : trunks.get(trunk);
        if (s != null && "FIXED".equals(s.trunk.callerIdPolicy()) && s.trunk.fixedCallerId() != null) {
            return s.trunk.fixedCallerId();
        }
        return campaignCallerId;
    }

    /** Every configured trunk's health now. */
    List<TrunkStatus> statuses(Instant now) {
        thread.check();
        List<TrunkStatus> out = new ArrayList<>();
        for (String name : List.copyOf(trunks.keySet())) {
            String why = down(name, now);
            out.add(new TrunkStatus(name, why == null, why));
        }
        return out;
    }

    private static String reason(State s) {
        List<String> why = new ArrayList<>();
        if (s.unreachable != null) {
            why.add(s.unreachable);
        }
        if (s.unregistered != null) {
            why.add(s.unregistered);
        }
        if (s.callsFailing != null) {
            why.add(s.callsFailing);
        }
        return why.isEmpty() ? null : String.join("; ", why);
    }

    private void tell(String name, Instant at) {
        State s = trunks.get(name);
        String why = reason(s);
        boolean down = why != null;
        if (s.told && down == s.toldDown && (!down || why.equals(s.toldReason))) {
            return;
        }
        boolean first = !s.told;
        s.told = true;
        s.toldDown = down;
        s.toldReason = why;
        if (down) {
            log.warn("trunk {} stops dialing: {}", name, why);
        } else if (!first) {
            log.info("trunk {} carries calls again", name);
        }
        events.trunkHealth(name, !down, why);
    }
}
