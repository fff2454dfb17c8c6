package dialer.core.engine;

import dialer.core.agent.Agent;
import dialer.core.call.QueuedLead;

import java.time.Instant;

/** One agent's live session. Owned by the engine thread (held in {@link AgentSessions}). */
final class AgentSession {

    final Agent agent;
    final long campaignId;
    /** The call id of the agent's phone leg into their conference (a new one each time it is rung). */
    String legCallId;
    /** The phone leg is in the agent's conference now. */
    boolean legUp;
    /** The phone leg went with its PBX (Asterisk stopped or restarted): it is rung again when the PBX is back. */
    boolean legLost;
    /** How often the phone was rung again since its leg went with its PBX (0 once it answered). */
    int ringsAgain;
    /** The agent logged out: the hang-up of their phone leg that follows ends the session at once. */
    boolean loggingOut;
    /** The agent asked to log out while on a call: they do once it (and its disposition) is over. */
    boolean logOutAfterCall;
    /** The pause reason to come back to once the phone has answered again. */
    String resumePause;
    private AgentState state = AgentState.CONNECTING;
    Instant since;
    String pauseReason;
    /** The attempt the agent is on, in wrap-up for, or reserved for. */
    Long attemptId;
    /** The agent already gave the disposition of the current call: no wrap-up after it. */
    boolean disposed;
    /** The agent asked to pause after the current call. */
    String pauseAfterCall;
    boolean readyWhenConnected;
    Instant readySince;
    long lastTalkMillis;
    /** The debtor of the current call or preview: the one debtor the agent may see. */
    Long debtorId;
    /** The number of the current call or preview. */
    Long phoneId;
    /** The lead the agent previews (preview campaigns). */
    QueuedLead preview;
    /** The current call is a debtor's call to us, not one we placed. */
    boolean inbound;
    /** The current call was dialed by the agent (preview or manual), not by the pacer. */
    boolean manual;
    /** The current call was placed by the pacer without the campaign's AMD: its wrap-up does not feed the pacer. */
    boolean screenWaived;
    Instant wrapUpEndsAt;
    long wrapUpTimer = -1;
    /** The timer that ends the session if its phone leg's hang-up was the agent's, not the PBX going down. */
    long legGraceTimer = -1;

    AgentSession(Agent agent, long campaignId, String legCallId, boolean readyWhenConnected, Instant now) {
        this.agent = agent;
        this.campaignId = campaignId;
        this.legCallId = legCallId;
        this.readyWhenConnected = readyWhenConnected;
        this.since = now;
    }

    AgentState state() {
        return state;
    }

    boolean in(AgentState s) {
        return state == s;
    }

    /** Moves the session along {@link AgentState}'s table; anything else is a bug and throws. */
    void moveTo(AgentState to, Instant now) {
        if (!state.canMoveTo(to)) {
            throw new IllegalTransition("agent " + agent.id(), state, to);
        }
        state = to;
        since = now;
    }

    /** True when this session is reserved for, or on, or wrapping up this attempt. */
    boolean holds(long attempt) {
        return attemptId != null && attemptId == attempt;
    }

    AgentStatus status() {
        return new AgentStatus(agent.id(), agent.name(), agent.extension(), agent.pbx(), agent.simulated(), campaignId,
                state, since, pauseReason, attemptId, debtorId, phoneId, preview == null ? null : preview.leadId(),
                wrapUpEndsAt, manual, disposed, logOutAfterCall, inbound);
    }
}
