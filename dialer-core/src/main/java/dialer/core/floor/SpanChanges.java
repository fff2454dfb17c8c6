package dialer.core.floor;

import dialer.core.engine.AgentState;
import dialer.core.engine.AgentStatus;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Turns the engine's agent changes into span changes: the engine tells every change of a session
 * (a call's attempt, a preview, a flag), and only a new state, pause reason or campaign starts a new
 * span. Used on the engine's thread only (not thread-safe).
 */
public final class SpanChanges {

    private record Current(Long campaignId, AgentState state, String pauseReason) {
    }

    private final Map<Long, Current> current = new HashMap<>();

    /** The span change this status makes, or null when the agent stays in the same span. */
    public SpanChange of(AgentStatus status) {
        AgentState state = status.state() == null ? AgentState.LOGGED_OUT : status.state();
        String reason = state == AgentState.PAUSED ? status.pauseReason() : null;
        Long campaign = state.loggedIn() ? status.campaignId() : null;
        Current now = new Current(campaign, state, reason);
        Current before = state.loggedIn() ? current.put(status.agentId(), now) : current.remove(status.agentId());
        if (now.equals(before) || before == null && !state.loggedIn()) {
            return null;
        }
        return new SpanChange(status.agentId(), campaign, state, reason,
                Objects.requireNonNullElseGet(status.since(), java.time.Instant::now));
    }
}
