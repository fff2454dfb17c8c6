package dialer.core.engine;

import java.time.Instant;

/** An agent's session as others may see it (API, dashboard, metrics). */
public record AgentStatus(long agentId, String name, String extension, String pbx, boolean simulated, Long campaignId,
                          AgentState state, Instant since, String pauseReason, Long attemptId) {
}
