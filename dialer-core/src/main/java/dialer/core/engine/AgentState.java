package dialer.core.engine;

import dialer.pacing.AgentActivity;

import java.util.EnumSet;
import java.util.Set;

/** Where an agent's session stands. */
public enum AgentState {
    LOGGED_OUT,
    /** The dialer is ringing the agent's phone to bring it into the agent's conference. */
    CONNECTING,
    PAUSED,
    READY,
    /** Preview dialing: a lead is shown to the agent, who dials it or skips it. */
    PREVIEWING,
    /** A detected person is being moved into the agent's conference. */
    RESERVED,
    ON_CALL,
    /** The call ended; the agent is writing the disposition. */
    WRAP_UP;

    private Set<AgentState> next() {
        return switch (this) {
            case LOGGED_OUT -> EnumSet.noneOf(AgentState.class);
            case CONNECTING -> EnumSet.of(PAUSED, READY, LOGGED_OUT);
            // PAUSED to PAUSED: a new reason; RESERVED: the agent dials by hand;
            // CONNECTING (from any state but LOGGED_OUT): the phone leg is rung again after its PBX restarted
            case PAUSED -> EnumSet.of(PAUSED, READY, RESERVED, CONNECTING, LOGGED_OUT);
            case READY -> EnumSet.of(PAUSED, PREVIEWING, RESERVED, CONNECTING, LOGGED_OUT);
            case PREVIEWING -> EnumSet.of(READY, PAUSED, RESERVED, CONNECTING, LOGGED_OUT);
            // RESERVED to RESERVED: the person of the call placed for this agent is on the way;
            // READY or PAUSED: the call never reached the agent
            case RESERVED -> EnumSet.of(RESERVED, ON_CALL, READY, PAUSED, CONNECTING, LOGGED_OUT);
            // READY or PAUSED: the disposition came during the call, so no wrap-up
            case ON_CALL -> EnumSet.of(WRAP_UP, READY, PAUSED, CONNECTING, LOGGED_OUT);
            case WRAP_UP -> EnumSet.of(READY, PAUSED, CONNECTING, LOGGED_OUT);
        };
    }

    public boolean canMoveTo(AgentState to) {
        return next().contains(to);
    }

    /** How the pacer sees an agent in this state. */
    public AgentActivity activity() {
        return switch (this) {
            case READY -> AgentActivity.READY;
            case RESERVED, ON_CALL -> AgentActivity.TALKING;
            case WRAP_UP -> AgentActivity.WRAP_UP;
            // reading a lead before dialing it by hand: not available to the pacer
            default -> AgentActivity.PAUSED;
        };
    }

    public boolean loggedIn() {
        return this != LOGGED_OUT;
    }
}
