package dialer.core.floor;

import dialer.core.engine.AgentState;

import java.time.Instant;

/**
 * An agent's state changed at {@code at}: the span the agent was in ends, and a new one starts
 * (none when the agent logged out).
 */
public record SpanChange(long agentId, Long campaignId, AgentState state, String pauseReason, Instant at) {

    /** Whether a span starts (every state but LOGGED_OUT). */
    public boolean startsSpan() {
        return state.loggedIn();
    }
}
