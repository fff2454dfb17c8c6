package dialer.core.engine;

import dialer.pacing.AgentActivity;

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
