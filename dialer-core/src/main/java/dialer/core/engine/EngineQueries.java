package dialer.core.engine;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Read-only snapshots of the engine's state for the API, the live pages and the metrics. */
final class EngineQueries {

    private final Clock clock;
    private final CampaignRuns runs;
    private final AgentSessions agents;
    private final CallFlow flow;

    EngineQueries(Clock clock, CampaignRuns runs, AgentSessions agents, CallFlow flow) {
        this.clock = clock;
        this.runs = runs;
        this.agents = agents;
        this.flow = flow;
    }

    Optional<DialerEngine.PacingState> pacingState(long campaignId) {
        long now = clock.millis();
        return Optional.ofNullable(runs.get(campaignId)).map(r -> new DialerEngine.PacingState(
                r.campaign.dialMode().name(), r.lastDecision.callsToPlace(), r.lastDecision.reason(), r.linesPerAgent,
                r.maxLinesPerAgent, r.statistics.warmedUp(), r.statistics.config().targetAbandonRate(),
                r.statistics.calendarDay(now), r.statistics.rollingWindow(now)));
    }

    /** The live figures of every campaign that runs here, has agents here or calls still in progress here. */
    List<DialerEngine.CampaignLive> allLive() {
        Set<Long> ids = new TreeSet<>(runs.ids());
        agents.all().forEach(s -> ids.add(s.campaignId));
        flow.all().forEach(call -> ids.add(call.campaign.id()));
        return ids.stream().map(this::live).toList();
    }

    DialerEngine.CampaignLive live(long campaignId) {
        CampaignRun run = runs.get(campaignId);
        List<AgentStatus> statuses = agents.statuses().stream().filter(s -> s.campaignId() == campaignId).toList();
        Map<String, Integer> stages = new LinkedHashMap<>();
        DialerEngine.CampaignLive.STAGES.forEach(stage -> stages.put(stage, 0));
        for (LiveCall call : flow.all()) {
            String stage = call.phase().stage();
            if (call.campaign.id() == campaignId && stage != null) {
                stages.merge(stage, 1, Integer::sum);
            }
        }
        return new DialerEngine.CampaignLive(campaignId, run != null, statuses, stages, run == null ? 0 : run.linesPerAgent,
                run == null ? 0 : run.maxLinesPerAgent, run == null ? "not running" : run.lastDecision.reason(),
                run == null ? 0 : run.queue.size());
    }

    Optional<AgentStatus> agent(long agentId) {
        return Optional.ofNullable(agents.get(agentId)).map(AgentSession::status);
    }

    /** The agent's phone leg, while they have a session. */
    Optional<AgentLeg> agentLeg(long agentId) {
        return Optional.ofNullable(agents.get(agentId)).map(s -> new AgentLeg(s.agent.id(), s.campaignId, s.agent.pbx(),
                dialer.ami.CallIds.channelId(s.legCallId), s.agent.conference(), s.legUp, s.in(AgentState.ON_CALL)));
    }

    /** The debtor this agent may see now: of their call, wrap-up or preview. */
    Optional<Long> debtorOfAgent(long agentId) {
        return Optional.ofNullable(agents.get(agentId)).map(s -> s.debtorId);
    }
}
