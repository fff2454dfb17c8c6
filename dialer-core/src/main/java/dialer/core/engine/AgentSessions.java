package dialer.core.engine;

import dialer.core.Conflict;
import dialer.core.agent.Agent;
import dialer.core.call.QueuedLead;
import dialer.core.campaign.Campaign;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Agents' sessions: their state machine ({@link AgentState}'s table), their phone legs' call ids
 * (what happens to the legs is {@link AgentPhones}'), and their wrap-up timers. It never dials or connects anyone: what other parts must act on (an agent free to
 * take a call, a preview to give back, a call to hang up, a wrap-up that ran out) it reports to
 * {@link Reactions}.
 */
final class AgentSessions {

    private static final Logger log = LoggerFactory.getLogger(AgentSessions.class);

    /** What the engine does when a session changes in these ways. Called on the engine thread. */
    interface Reactions {
        /** The agent just became READY: a waiting person may be theirs, else the pacer may dial. */
        void agentFree(AgentSession s);

        /** The agent no longer previews this lead (paused, skipped elsewhere, logged out). */
        void previewReturned(AgentSession s, QueuedLead lead);

        /** The session ended while it held this attempt: its person must not stay in an empty conference. */
        void agentGone(AgentSession s, long attemptId);

        /** The campaign's wrap-up limit passed without a disposition. */
        void wrapUpRanOut(AgentSession s, long attemptId);

        /** The agent's phone leg went with its PBX and the PBX is back: ring the phone again. */
        void ringAgain(AgentSession s);

        /** The agent asked to log out during a call that is over now: hang up their phone leg. */
        void logOut(AgentSession s);
    }

    private final EngineThread thread;
    private final Clock clock;
    private final EngineEvents events;
    private Reactions reactions;
    /** Keeps a durable copy of each session (see {@link SessionKeeper}); set once at construction. */
    private java.util.function.Consumer<AgentSession> keeper = s -> { };
    /** Engine thread: sessions by agent id. */
    private final Map<Long, AgentSession> sessions = new HashMap<>();
    /** Engine thread: agent id by the call id of their phone leg. */
    private final Map<String, Long> legs = new HashMap<>();
    private long legSequence;

    AgentSessions(EngineThread thread, Clock clock, EngineEvents events) {
        this.thread = thread;
        this.clock = clock;
        this.events = events;
    }

    void reactTo(Reactions reactions) {
        this.reactions = reactions;
    }

    // --- lookups --------------------------------------------------------------------------------

    AgentSession get(long agentId) {
        thread.check();
        return sessions.get(agentId);
    }

    /** The agent's session, or Conflict when they are not logged in. */
    AgentSession require(long agentId) {
        AgentSession s = get(agentId);
        if (s == null) {
            throw new Conflict("agent " + agentId + " is not logged in");
        }
        return s;
    }

    Collection<AgentSession> all() {
        thread.check();
        return sessions.values();
    }

    List<AgentSession> inCampaign(long campaignId) {
        return all().stream().filter(s -> s.campaignId == campaignId).toList();
    }

    boolean isLeg(String callId) {
        thread.check();
        return legs.containsKey(callId);
    }

    List<AgentStatus> statuses() {
        return all().stream().map(AgentSession::status).sorted(Comparator.comparingLong(AgentStatus::agentId)).toList();
    }

    /** The READY agent of the campaign on the PBX who has waited longest, their phone leg up. */
    AgentSession longestReady(long campaignId, String pbx) {
        AgentSession best = null;
        for (AgentSession s : all()) {
            if (s.in(AgentState.READY) && s.legUp && s.campaignId == campaignId && s.agent.pbx().equals(pbx)
                    && (best == null || s.readySince.isBefore(best.readySince))) {
                best = s;
            }
        }
        return best;
    }

    // --- the session's life ---------------------------------------------------------------------

    /** A new session, CONNECTING until the agent's phone answers. */
    AgentSession open(Agent agent, long campaignId, boolean ready) {
        AgentSession existing = get(agent.id());
        if (existing != null) {
            throw new Conflict("agent " + agent.id() + " is already logged in (" + existing.state() + ")");
        }
        AgentSession s = new AgentSession(agent, campaignId, newLegId(agent.id()), ready, clock.instant());
        sessions.put(agent.id(), s);
        legs.put(s.legCallId, agent.id());
        changed(s);
        return s;
    }

    /**
     * A session an earlier run of this node had when it stopped (a crash): its phone leg is taken
     * as still on the line (if it is not, the resynchronisation that follows rings it again);
     * paused until the calls are adopted, then as it was (see {@link Readoption}).
     */
    AgentSession restore(Agent agent, long campaignId, String legCallId) {
        AgentSession existing = get(agent.id());
        if (existing != null) {
            throw new Conflict("agent " + agent.id() + " is already logged in (" + existing.state() + ")");
        }
        AgentSession s = new AgentSession(agent, campaignId, legCallId, false, clock.instant());
        s.legUp = true;
        sessions.put(agent.id(), s);
        legs.put(legCallId, agent.id());
        moveTo(s, AgentState.PAUSED, "taken back after a restart");
        return s;
    }

    /** The session whose agent's conference this is, or null. */
    AgentSession ofConference(String conference) {
        for (AgentSession s : all()) {
            if (s.agent.conference().equals(conference)) {
                return s;
            }
        }
        return null;
    }

    private String newLegId(long agentId) {
        return legPrefix(agentId) + Long.toString(clock.millis(), 36) + (++legSequence);
    }

    /** The call id prefix of every phone leg this agent ever had. */
    static String legPrefix(long agentId) {
        return "a" + agentId + "x";
    }

    void end(AgentSession s, String why) {
        thread.check();
        if (s.in(AgentState.LOGGED_OUT)) {
            return;
        }
        sessions.remove(s.agent.id(), s);
        legs.remove(s.legCallId);
        givePreviewBack(s);
        cancelWrapUpTimer(s);
        cancelLegGrace(s);
        if (s.attemptId != null) {
            reactions.agentGone(s, s.attemptId);
            if (s.in(AgentState.WRAP_UP) && !s.disposed) {
                // the session ends in the wrap-up: no disposition will come from this agent
                reactions.wrapUpRanOut(s, s.attemptId);
            }
        }
        s.moveTo(AgentState.LOGGED_OUT, clock.instant());
        s.pauseReason = why;
        log.info("agent {} logged out: {}", s.agent.id(), why);
        changed(s);
    }

    // --- what agents ask for --------------------------------------------------------------------

    AgentStatus ready(long agentId) {
        AgentSession s = require(agentId);
        switch (s.state()) {
            case READY -> {
            }
            case PAUSED -> {
                s.pauseAfterCall = null;
                becomeReady(s);
            }
            case WRAP_UP -> throw new Conflict("agent " + agentId + " must give the disposition of attempt "
                    + s.attemptId + " before taking another call");
            case RESERVED, ON_CALL, PREVIEWING -> s.pauseAfterCall = null;
            default -> s.readyWhenConnected = true;
        }
        return s.status();
    }

    AgentStatus pause(long agentId, String reason) {
        AgentSession s = require(agentId);
        switch (s.state()) {
            case READY, PAUSED -> pauseNow(s, reason);
            case PREVIEWING -> {
                givePreviewBack(s);
                pauseNow(s, reason);
            }
            case CONNECTING -> {
                // paused, with this reason, once the phone has answered
                s.readyWhenConnected = false;
                s.resumePause = reason;
            }
            default -> s.pauseAfterCall = reason;
        }
        return s.status();
    }

    // --- transitions ----------------------------------------------------------------------------

    void becomeReady(AgentSession s) {
        s.readySince = clock.instant();
        moveTo(s, AgentState.READY, null);
        reactions.agentFree(s);
    }

    void pauseNow(AgentSession s, String reason) {
        moveTo(s, AgentState.PAUSED, reason);
    }

    /** Shows a lead to the agent (preview dialing). */
    void preview(AgentSession s, QueuedLead lead) {
        s.preview = lead;
        s.attemptId = null;
        s.debtorId = lead.debtorId();
        s.phoneId = lead.phoneId();
        moveTo(s, AgentState.PREVIEWING, null);
    }

    /** The agent is held for a call: {@code attemptId} when it is known, null while it is being placed. */
    void reserve(AgentSession s, Long attemptId, Long debtorId, Long phoneId) {
        s.attemptId = attemptId;
        s.debtorId = debtorId;
        s.phoneId = phoneId;
        s.disposed = false;
        moveTo(s, AgentState.RESERVED, null);
    }

    /** The call placed for a reserved agent has its attempt now. */
    void placedFor(AgentSession s, long attemptId, long debtorId, long phoneId) {
        s.attemptId = attemptId;
        s.debtorId = debtorId;
        s.phoneId = phoneId;
        changed(s);
    }

    void onCall(AgentSession s) {
        moveTo(s, AgentState.ON_CALL, null);
    }

    /**
     * A reserved agent whose call never reached them (it ended unanswered, or could not be placed or
     * moved): ready again, or paused if they asked (or dialed it by hand from pause).
     */
    void release(AgentSession s, long attemptId) {
        if (s.in(AgentState.RESERVED) && s.holds(attemptId)) {
            afterCall(s);
        }
    }

    /** The call ended before the agent's disposition: wrap-up, which the campaign may limit. */
    void startWrapUp(AgentSession s, Campaign campaign) {
        cancelWrapUpTimer(s);
        int limit = campaign.wrapUpLimitSeconds();
        if (limit > 0 && s.attemptId != null) {
            long attemptId = s.attemptId;
            s.wrapUpEndsAt = clock.instant().plusSeconds(limit);
            s.wrapUpTimer = thread.timer(limit * 1000L, () -> wrapUpTimerFired(s, attemptId));
        }
        moveTo(s, AgentState.WRAP_UP, null);
    }

    private void wrapUpTimerFired(AgentSession s, long attemptId) {
        s.wrapUpTimer = -1;
        if (wrappingUp(s, attemptId)) {
            reactions.wrapUpRanOut(s, attemptId);
        }
    }

    /** The session is still the agent's and wraps up this attempt. */
    boolean wrappingUp(AgentSession s, long attemptId) {
        return get(s.agent.id()) == s && s.in(AgentState.WRAP_UP) && s.holds(attemptId);
    }

    /** The call and its disposition are done: ready again, or paused if the agent asked. */
    void afterCall(AgentSession s) {
        s.attemptId = null;
        s.inbound = false;
        s.disposed = false;
        s.manual = false;
        s.screenWaived = false;
        s.debtorId = null;
        s.phoneId = null;
        cancelWrapUpTimer(s);
        if (s.logOutAfterCall) {
            s.pauseAfterCall = null;
            moveTo(s, AgentState.PAUSED, "logging out");
            reactions.logOut(s);
        } else if (!s.legUp) {
            // the phone is being rung again: ready or paused once it has answered
            s.readyWhenConnected = s.pauseAfterCall == null;
            s.resumePause = s.pauseAfterCall;
            s.pauseAfterCall = null;
            moveTo(s, AgentState.CONNECTING, null);
        } else if (s.pauseAfterCall != null) {
            String reason = s.pauseAfterCall;
            s.pauseAfterCall = null;
            pauseNow(s, reason);
        } else {
            becomeReady(s);
        }
    }

    /** The agent gave the disposition while still on the call: no wrap-up follows. */
    void disposedDuringCall(AgentSession s) {
        s.disposed = true;
        changed(s);
    }

    /** A previewed lead goes back to whoever keeps leads. */
    void givePreviewBack(AgentSession s) {
        QueuedLead lead = s.preview;
        if (lead != null) {
            s.preview = null;
            reactions.previewReturned(s, lead);
        }
    }

    private void cancelWrapUpTimer(AgentSession s) {
        if (s.wrapUpTimer >= 0) {
            thread.cancel(s.wrapUpTimer);
            s.wrapUpTimer = -1;
        }
        s.wrapUpEndsAt = null;
    }

    private void moveTo(AgentSession s, AgentState state, String reason) {
        thread.check();
        if (state == AgentState.READY || state == AgentState.PAUSED) {
            s.debtorId = null;
            s.phoneId = null;
            s.manual = false;
            s.screenWaived = false;
            s.wrapUpEndsAt = null;
        }
        s.moveTo(state, clock.instant());
        s.pauseReason = state == AgentState.PAUSED ? reason : null;
        changed(s);
    }

    void changed(AgentSession s) {
        keeper.accept(s);
        events.agentChanged(s.status());
    }

    /** Told every change of every session (on the engine thread), to keep a durable copy. */
    void keepWith(java.util.function.Consumer<AgentSession> keeper) {
        this.keeper = keeper;
    }

    // --- the agent's phone leg (its events: AgentPhones) ----------------------------------------

    /** The phone leg is gone: no call for the agent until it is back; ready or paused as before, then. */
    void awaitPhone(AgentSession s) {
        switch (s.state()) {
            case READY, PREVIEWING -> {
                givePreviewBack(s);
                s.readyWhenConnected = true;
                moveTo(s, AgentState.CONNECTING, null);
            }
            case PAUSED -> {
                s.readyWhenConnected = false;
                s.resumePause = s.pauseReason;
                moveTo(s, AgentState.CONNECTING, null);
            }
            default -> changed(s);
        }
    }

    /** The session's phone is rung again: a new leg, with its own call id. */
    void newLeg(AgentSession s) {
        thread.check();
        legs.remove(s.legCallId);
        s.legCallId = newLegId(s.agent.id());
        legs.put(s.legCallId, s.agent.id());
    }

    void cancelLegGrace(AgentSession s) {
        if (s.legGraceTimer >= 0) {
            thread.cancel(s.legGraceTimer);
            s.legGraceTimer = -1;
        }
    }

    Reactions reactions() {
        return reactions;
    }

    /** The session whose phone leg has this call id. */
    AgentSession ofLeg(String callId) {
        thread.check();
        Long agentId = legs.get(callId);
        return agentId == null ? null : sessions.get(agentId);
    }

    Instant now() {
        return clock.instant();
    }
}
