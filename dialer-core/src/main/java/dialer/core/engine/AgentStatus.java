package dialer.core.engine;

import java.time.Instant;

/**
 * An agent's session as others may see it (API, live pages, metrics).
 *
 * @param attemptId    the call the agent is on, wrapping up, or reserved for
 * @param debtorId     the debtor the agent may see now: of that call, or of the lead they preview
 * @param phoneId      the number of that call or preview
 * @param previewLeadId in a preview campaign, the lead shown to the agent, waiting for dial or skip
 * @param wrapUpEndsAt when the system writes NO_DISPOSITION if the agent has not given one
 * @param manual       the current call is one the agent dialed by hand
 * @param disposed     the agent already gave the disposition of the current call (no wrap-up follows)
 * @param inbound      the current call is a debtor's call to us (an inbound callback), not one we placed
 */
public record AgentStatus(long agentId, String name, String extension, String pbx, boolean simulated, Long campaignId,
                          AgentState state, Instant since, String pauseReason, Long attemptId, Long debtorId,
                          Long phoneId, Long previewLeadId, Instant wrapUpEndsAt, boolean manual, boolean disposed,
                          boolean logOutAfterCall, boolean inbound) {
}
