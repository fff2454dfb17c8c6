package dialer.pacing;

import java.util.List;

/**
 * Everything a pacer may look at when it decides.
 *
 * @param nowMillis              the driver's current time (epoch millis, or virtual time in a simulation);
 *                               the only notion of "now" the library ever uses
 * @param agents                 the campaign's logged-in agents
 * @param calls                  the campaign's calls that are ringing or waiting for an agent (calls already
 *                               connected to an agent are represented by the agent's {@code TALKING} state)
 * @param statistics             the campaign's running statistics, fed by the driver
 * @param pendingPreviewRequests preview mode only: how many agents asked for their next lead and have not
 *                               had a call placed for them yet
 * @param inboundWaiting         blended campaigns: inbound callers queued for an agent now (they take the next
 *                               free agent before any outbound call; agents already talking to inbound callers
 *                               appear as {@link AgentView#talkingInbound(long)})
 */
public record PacingSnapshot(long nowMillis, List<AgentView> agents, List<CallView> calls,
                             CampaignStatistics statistics, int pendingPreviewRequests, int inboundWaiting) {

    public PacingSnapshot {
        agents = List.copyOf(agents);
        calls = List.copyOf(calls);
        if (statistics == null) {
            throw new IllegalArgumentException("statistics are required");
        }
        if (pendingPreviewRequests < 0) {
            throw new IllegalArgumentException("pendingPreviewRequests cannot be negative");
        }
        if (inboundWaiting < 0) {
            throw new IllegalArgumentException("inboundWaiting cannot be negative");
        }
    }

    public PacingSnapshot(long nowMillis, List<AgentView> agents, List<CallView> calls, CampaignStatistics statistics) {
        this(nowMillis, agents, calls, statistics, 0, 0);
    }

    public PacingSnapshot(long nowMillis, List<AgentView> agents, List<CallView> calls, CampaignStatistics statistics,
                          int pendingPreviewRequests) {
        this(nowMillis, agents, calls, statistics, pendingPreviewRequests, 0);
    }

    /** A blended campaign's snapshot: {@code inboundWaiting} inbound callers queued for an agent now. */
    public static PacingSnapshot blended(long nowMillis, List<AgentView> agents, List<CallView> calls,
                                         CampaignStatistics statistics, int inboundWaiting) {
        return new PacingSnapshot(nowMillis, agents, calls, statistics, 0, inboundWaiting);
    }

    /**
     * How the abandonment target is shared out at this snapshot's time between the expected AMD false
     * positives and the pacer's own abandons ({@link CampaignStatistics#abandonmentBudget(long)}).
     */
    public AbandonmentBudget abandonmentBudget() {
        return statistics.abandonmentBudget(nowMillis);
    }

    public int count(AgentActivity activity) {
        int n = 0;
        for (AgentView a : agents) {
            if (a.activity() == activity) {
                n++;
            }
        }
        return n;
    }

    /** Ready agents, who can take a call right now. */
    public int readyAgents() {
        return count(AgentActivity.READY);
    }

    /** Agents who take calls now or will after their current call. */
    public int staffingAgents() {
        int n = 0;
        for (AgentView a : agents) {
            if (a.staffing()) {
                n++;
            }
        }
        return n;
    }

    public int count(CallStage stage) {
        int n = 0;
        for (CallView c : calls) {
            if (c.stage() == stage) {
                n++;
            }
        }
        return n;
    }
}
