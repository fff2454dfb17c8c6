package dialer.core.engine;

import dialer.ami.CallIds;
import dialer.ami.CallOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What happens to agents' phone legs, the calls that keep each agent's phone on the line: answered
 * (the session starts; the leg waits outside any bridge until a call brings it into the agent's
 * conference, and goes back to waiting after), hung up by the agent (the session ends), gone with
 * their PBX when Asterisk stops or restarts (the phone is rung again when it is back, and the
 * agent comes back as they were). The sessions' state is {@link AgentSessions}'.
 */
final class AgentPhones {

    private static final Logger log = LoggerFactory.getLogger(AgentPhones.class);
    /** How long a phone leg's hang-up waits for its PBX to say it is going down before it ends the session. */
    static final long LEG_GRACE_MILLIS = 3_000;
    /** A phone rung again that does not answer is rung once more after this long, this many times at most. */
    static final long RING_AGAIN_MILLIS = 2_000;
    static final int MAX_RINGS_AGAIN = 10;

    private final EngineThread thread;
    private final AgentSessions sessions;
    /** Whether a PBX is connected now (engine thread). */
    private final Predicate<String> pbxUp;
    /** The server is stopping: the legs it hangs up leave the sessions as they are (engine thread). */
    private boolean stopping;

    /** Asks the PBX at once whether it is still there (engine thread). */
    private final Consumer<String> checkPbx;

    AgentPhones(EngineThread thread, AgentSessions sessions, Predicate<String> pbxUp, Consumer<String> checkPbx) {
        this.thread = thread;
        this.sessions = sessions;
        this.pbxUp = pbxUp;
        this.checkPbx = checkPbx;
    }

    boolean isLeg(String callId) {
        return sessions.isLeg(callId);
    }

    /**
     * The phone was rung: not answered ends a new session; a phone rung again after its PBX came back
     * is rung once more a little later (a PBX that has just started may not place calls yet), up to
     * {@link #MAX_RINGS_AGAIN} times.
     */
    void outcome(String callId, CallOutcome outcome) {
        AgentSession s = sessions.ofLeg(callId);
        if (s == null) {
            return;
        }
        if (outcome == CallOutcome.ANSWERED_HUMAN) {
            answered(s);
            return;
        }
        if (s.ringsAgain > 0 && s.ringsAgain < MAX_RINGS_AGAIN) {
            log.info("agent {}: the phone did not answer ({}); ringing again in {} ms", s.agent.id(), outcome, RING_AGAIN_MILLIS);
            s.legLost = true;
            s.legGraceTimer = thread.timer(RING_AGAIN_MILLIS, () -> {
                s.legGraceTimer = -1;
                if (sessions.get(s.agent.id()) == s && s.legLost && pbxUp.test(s.agent.pbx())) {
                    ringAgain(s);
                }
            });
            return;
        }
        sessions.end(s, "the agent's phone did not answer (" + outcome + ")");
    }

    /** The phone answered: its leg is in the dialplan's hands, waiting for the first call. */
    private void answered(AgentSession s) {
        s.legUp = true;
        s.ringsAgain = 0;
        if (!s.in(AgentState.CONNECTING)) {
            return;
        }
        if (s.readyWhenConnected) {
            s.resumePause = null;
            sessions.becomeReady(s);
        } else {
            String reason = s.resumePause != null ? s.resumePause : "logged in";
            s.resumePause = null;
            sessions.pauseNow(s, reason);
        }
        log.info("agent {}: the phone answered", s.agent.id());
    }

    /**
     * The agent's phone leg hung up: the agent hung up, or Asterisk is going down (it hangs up every
     * channel before it says so). The agent takes no call meanwhile (a call they are on is hung up);
     * if the PBX is still up after {@link #LEG_GRACE_MILLIS} the session ends, and if it went down
     * the phone is rung again when it is back.
     */
    void hungUp(String callId) {
        AgentSession s = sessions.ofLeg(callId);
        if (s == null) {
            return;
        }
        if (stopping) {
            // the session stays as recorded for the next start, but nobody is sent to a leg that is gone
            s.legUp = false;
            return;
        }
        if (s.loggingOut) {
            sessions.end(s, "logged out");
            return;
        }
        lost(s);
        // Asterisk going down hangs every channel up before it says so; it refuses a ping at once, so
        // the PBX is known down well within the grace time, however long its shutdown then takes
        checkPbx.accept(s.agent.pbx());
        if (s.attemptId != null && (s.in(AgentState.ON_CALL) || s.in(AgentState.RESERVED))) {
            sessions.reactions().agentGone(s, s.attemptId);
        }
        sessions.awaitPhone(s);
        s.legGraceTimer = thread.timer(LEG_GRACE_MILLIS, () -> {
            s.legGraceTimer = -1;
            if (sessions.get(s.agent.id()) == s && s.legLost && pbxUp.test(s.agent.pbx())) {
                sessions.end(s, "the agent's phone hung up");
            }
        });
    }

    /**
     * After a reconnect: a session whose phone leg is gone from the PBX (Asterisk restarted, say)
     * keeps its place and its phone is rung into the conference again; its state comes back once
     * the phone is there (a call in wrap-up stays in wrap-up). A session still ringing its phone
     * for the first time is left to that.
     */
    void resynchronized(String pbx, Set<String> liveChannelIds) {
        for (AgentSession s : List.copyOf(sessions.all())) {
            if (!s.agent.pbx().equals(pbx)) {
                continue;
            }
            if (s.legUp && !liveChannelIds.contains(CallIds.channelId(s.legCallId))) {
                lost(s);
            }
            if (s.legLost) {
                ringAgain(s);
            }
        }
    }

    /** From now on, a leg's hang-up is the server's own at its stop: the session stays as recorded. */
    void stopping() {
        stopping = true;
    }

    private void lost(AgentSession s) {
        s.legUp = false;
        s.legLost = true;
        log.info("agent {}: the phone leg is gone", s.agent.id());
    }

    private void ringAgain(AgentSession s) {
        sessions.newLeg(s);
        s.legLost = false;
        s.ringsAgain++;
        sessions.cancelLegGrace(s);
        if (!s.in(AgentState.CONNECTING)) {
            sessions.awaitPhone(s);
        }
        sessions.reactions().ringAgain(s);
    }
}
