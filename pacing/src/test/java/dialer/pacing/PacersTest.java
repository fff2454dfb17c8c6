package dialer.pacing;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PacersTest {

    private static final CampaignStatistics FRESH = new CampaignStatistics(PacingConfig.defaults());

    /** Statistics of a campaign that has run a while: 20% live at ~10 s, talks of 60-120 s, wrap-ups of 10-20 s. */
    static CampaignStatistics warmedUp(PacingConfig config) {
        CampaignStatistics stats = new CampaignStatistics(config);
        long t = 0;
        for (int i = 0; i < 500; i++, t += 1_000) {
            stats.dialPlaced(t);
            boolean live = i % 5 == 0;
            stats.dialResolved(t, live ? DialOutcome.LIVE : (i % 5 == 1 ? DialOutcome.BUSY : DialOutcome.NO_ANSWER),
                    live ? 9_000 + (i % 7) * 500 : (i % 5 == 1 ? 4_000 : 25_000));
            if (live) {
                stats.liveConnected(t, 0);
                long talk = 60_000 + (i % 13) * 5_000;
                stats.talkCompleted(t, talk);
                stats.wrapCompleted(t, 10_000 + (i % 11) * 1_000, talk);
            }
        }
        assertThat(stats.warmedUp()).isTrue();
        return stats;
    }

    private static PacingSnapshot snapshot(long now, List<AgentView> agents, List<CallView> calls, CampaignStatistics stats) {
        return new PacingSnapshot(now, agents, calls, stats);
    }

    @Test
    void progressiveDialsOncePerReadyAgentCountingCallsInFlight() {
        List<AgentView> agents = List.of(AgentView.ready(0), AgentView.ready(5_000), AgentView.talking(30_000),
                AgentView.wrapUp(5_000, 30_000), AgentView.paused());
        assertThat(new ProgressivePacer().decide(snapshot(0, agents, List.of(), FRESH)).callsToPlace()).isEqualTo(2);
        assertThat(new ProgressivePacer().decide(snapshot(0, agents, List.of(CallView.ringing(3_000)), FRESH)).callsToPlace()).isEqualTo(1);
        assertThat(new ProgressivePacer().decide(snapshot(0, agents,
                List.of(CallView.ringing(3_000), CallView.waitingForAgent(100), CallView.ringing(1)), FRESH)).callsToPlace()).isZero();
    }

    @Test
    void previewDialsOneCallPerAgentRequest() {
        PacingSnapshot s = new PacingSnapshot(0, List.of(AgentView.ready(0), AgentView.ready(0)), List.of(), FRESH, 1);
        PacingDecision d = Pacers.forMode(PacingMode.PREVIEW).decide(s);
        assertThat(d.callsToPlace()).isEqualTo(1);
        assertThat(d.reason()).contains("preview");
    }

    @Test
    void eachModeHasItsPacer() {
        assertThat(Pacers.forMode(PacingMode.PREVIEW)).isInstanceOf(PreviewPacer.class);
        assertThat(Pacers.forMode(PacingMode.PROGRESSIVE)).isInstanceOf(ProgressivePacer.class);
        assertThat(Pacers.forMode(PacingMode.PREDICTIVE)).isInstanceOf(PredictivePacer.class);
    }

    @Test
    void predictiveDialsProgressivelyUntilItHasSeenEnough() {
        List<AgentView> agents = Collections.nCopies(20, AgentView.ready(0));
        PacingDecision d = new PredictivePacer().decide(snapshot(0, agents, List.of(), new CampaignStatistics(PacingConfig.defaults())));
        assertThat(d.callsToPlace()).isEqualTo(20);
        assertThat(d.reason()).contains("cold start");
    }

    @Test
    void predictiveOverDialsOnceWarmedUp() {
        CampaignStatistics stats = warmedUp(PacingConfig.defaults());
        List<AgentView> agents = new ArrayList<>(Collections.nCopies(10, AgentView.ready(0)));
        agents.addAll(Collections.nCopies(10, AgentView.wrapUp(9_000, 80_000)));
        PacingDecision d = new PredictivePacer().decide(snapshot(600_000, agents, List.of(), stats));
        assertThat(d.callsToPlace()).isGreaterThan(20);
        assertThat(d.reason()).startsWith("predictive:");
    }

    @Test
    void predictiveNeverDialsFewerThanProgressiveNorWithoutAgents() {
        CampaignStatistics stats = warmedUp(PacingConfig.defaults().toBuilder()
                .initialRiskThreshold(0.001).minRiskThreshold(0.001).build());
        List<AgentView> agents = Collections.nCopies(8, AgentView.ready(0));
        List<CallView> calls = Collections.nCopies(40, CallView.ringing(1_000));
        assertThat(new PredictivePacer().decide(snapshot(600_000, agents, calls, stats)).callsToPlace()).isZero();
        assertThat(new PredictivePacer().decide(snapshot(600_000, agents, List.of(), stats)).callsToPlace()).isGreaterThanOrEqualTo(8);
        PacingDecision nobody = new PredictivePacer().decide(snapshot(600_000, List.of(AgentView.paused(),
                AgentView.talking(5_000).leavingAfterThisCall()), List.of(), stats));
        assertThat(nobody.callsToPlace()).isZero();
    }

    @Test
    void predictiveRespectsTheLineCap() {
        CampaignStatistics stats = warmedUp(PacingConfig.defaults().toBuilder().maxLinesPerAgent(2).build());
        List<AgentView> agents = Collections.nCopies(10, AgentView.ready(0));
        int calls = new PredictivePacer().decide(snapshot(600_000, agents, List.of(CallView.ringing(100)), stats)).callsToPlace();
        assertThat(calls).isEqualTo(19);
    }

    @Test
    void smallTeamsGetTheSafeMode() {
        CampaignStatistics stats = warmedUp(PacingConfig.defaults());
        List<AgentView> team = List.of(AgentView.ready(0), AgentView.talking(100_000), AgentView.talking(100_000));
        PacingDecision d = new PredictivePacer().decide(snapshot(600_000, team, List.of(), stats));
        assertThat(d.reason()).contains("safe mode");
        List<AgentView> bigger = new ArrayList<>(team);
        bigger.addAll(Collections.nCopies(10, AgentView.talking(100_000)));
        int perAgentSmall = d.callsToPlace();
        assertThat(perAgentSmall).isGreaterThanOrEqualTo(1); // never below progressive
        assertThat(new PredictivePacer().decide(snapshot(600_000, bigger, List.of(), stats)).reason()).doesNotContain("safe mode");
    }

    @Test
    void aSmallTeamWhoseAmdHangsUpOnPeopleDialsProgressivelyWithoutAmd() {
        CampaignStatistics told = warmedUp(PacingConfig.defaults().toBuilder().amdFalsePositiveRate(0.015).build());
        List<AgentView> team = List.of(AgentView.ready(0), AgentView.ready(3_000), AgentView.talking(100_000));
        PacingDecision d = new PredictivePacer().decide(snapshot(600_000, team, List.of(CallView.ringing(2_000)), told));
        assertThat(d.screenForMachines()).isFalse();
        assertThat(d.callsToPlace()).isEqualTo(1); // one line per ready agent, the call in flight counted
        assertThat(d.reason()).contains("without AMD");
        // cold too: the rule does not wait for estimates
        CampaignStatistics cold = new CampaignStatistics(told.config());
        assertThat(new PredictivePacer().decide(snapshot(0, team, List.of(), cold)).screenForMachines()).isFalse();

        // not told a rate: AMD as the campaign says; a team out of safe mode keeps AMD, told or not
        assertThat(new PredictivePacer().decide(snapshot(600_000, team, List.of(), warmedUp(PacingConfig.defaults())))
                .screenForMachines()).isTrue();
        List<AgentView> bigger = new ArrayList<>(team);
        bigger.addAll(Collections.nCopies(10, AgentView.talking(100_000)));
        PacingDecision big = new PredictivePacer().decide(snapshot(600_000, bigger, List.of(), told));
        assertThat(big.screenForMachines()).isTrue();
        assertThat(big.reason()).doesNotContain("safe mode");
    }

    @Test
    void aDecisionKeepsItsAmdChoiceWhenTheDriverCapsIt() {
        PacingDecision d = PacingDecision.withoutMachineDetection(4, "small-team safe mode");
        PacingDecision capped = d.limitedTo(1, "trunk at its cap");
        assertThat(capped.callsToPlace()).isEqualTo(1);
        assertThat(capped.screenForMachines()).isFalse();
        assertThat(capped.reason()).isEqualTo("small-team safe mode; trunk at its cap");
        assertThat(d.noting("throttled").screenForMachines()).isFalse();
        assertThat(new PacingDecision(2, "predictive").screenForMachines()).isTrue();
    }

    @Test
    void measuredAbandonsMakeThePacerMoreCareful() {
        CampaignStatistics calm = warmedUp(PacingConfig.defaults());
        CampaignStatistics burnt = warmedUp(PacingConfig.defaults());
        for (int i = 0; i < 30; i++) {
            burnt.liveAbandoned(590_000, 2_000);
        }
        assertThat(burnt.riskThreshold(600_000)).isLessThan(calm.riskThreshold(600_000));
        List<AgentView> agents = Collections.nCopies(20, AgentView.wrapUp(9_000, 80_000));
        int calmCalls = new PredictivePacer().decide(snapshot(600_000, agents, List.of(), calm)).callsToPlace();
        int burntCalls = new PredictivePacer().decide(snapshot(600_000, agents, List.of(), burnt)).callsToPlace();
        assertThat(burntCalls).isLessThan(calmCalls);
    }
}
