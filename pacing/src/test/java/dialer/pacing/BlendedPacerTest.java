package dialer.pacing;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The predictive pacer in a blended campaign: inbound callers come first, and agents are kept idle for them. */
class BlendedPacerTest {

    private static final long NOW = 600_000;

    /** A warmed-up campaign (PacersTest's) that also had inbound callers, {@code perMinute} over its ten minutes. */
    private static CampaignStatistics blended(double perMinute) {
        CampaignStatistics stats = PacersTest.warmedUp(PacingConfig.defaults());
        long gap = Math.round(60_000 / perMinute);
        for (long t = gap / 2; t < NOW; t += gap) {
            stats.inboundArrived(t);
            stats.inboundAnswered(t, 0);
            stats.inboundTalkCompleted(t, 180_000);
            stats.inboundWrapCompleted(t, 30_000, 180_000);
        }
        return stats;
    }

    /** Twenty agents: five ready, ten talking (half of them to inbound callers), five in wrap-up. */
    private static List<AgentView> floor() {
        List<AgentView> agents = new ArrayList<>(Collections.nCopies(5, AgentView.ready(0)));
        for (int i = 0; i < 5; i++) {
            agents.add(AgentView.talking(20_000 + i * 10_000));
            agents.add(AgentView.talkingInbound(20_000 + i * 10_000));
        }
        agents.addAll(Collections.nCopies(5, AgentView.wrapUp(5_000, 80_000)));
        return agents;
    }

    @Test
    void aCampaignWithoutInboundCallersIsPacedAsBefore() {
        CampaignStatistics plain = PacersTest.warmedUp(PacingConfig.defaults());
        CampaignStatistics same = PacersTest.warmedUp(PacingConfig.defaults());
        assertThat(same.inbound(NOW).active()).isFalse();
        int before = new PredictivePacer().decide(new PacingSnapshot(NOW, floor(), List.of(), plain)).callsToPlace();
        PacingDecision after = new PredictivePacer().decide(PacingSnapshot.blended(NOW, floor(), List.of(), same, 0));
        assertThat(after.callsToPlace()).isEqualTo(before);
        assertThat(after.reason()).doesNotContain("inbound");
    }

    @Test
    void inboundArrivalsAndCallersWaitingLeaveFewerAgentsForOutbound() {
        int outboundOnly = new PredictivePacer().decide(PacingSnapshot.blended(NOW, floor(), List.of(),
                PacersTest.warmedUp(PacingConfig.defaults()), 0)).callsToPlace();
        PacingDecision blended = new PredictivePacer().decide(PacingSnapshot.blended(NOW, floor(), List.of(), blended(4), 0));
        PacingDecision waiting = new PredictivePacer().decide(PacingSnapshot.blended(NOW, floor(), List.of(), blended(4), 3));
        assertThat(blended.callsToPlace()).isLessThan(outboundOnly);
        assertThat(waiting.callsToPlace()).isLessThan(blended.callsToPlace());
        assertThat(blended.reason()).contains("inbound: 0 waiting, 4.00/min").contains("kept idle for 80% in 20 s");
        assertThat(waiting.reason()).contains("inbound: 3 waiting");
        CampaignStatistics.InboundLoad load = blended(4).inbound(NOW);
        assertThat(load.warmedUp()).isTrue();
        assertThat(load.handleMillis()).isBetween(209_000.0, 211_000.0);
        assertThat(load.offeredErlangs()).isBetween(13.0, 15.0);
        assertThat(load.lastHour().serviceLevel()).isEqualTo(1.0);
    }

    @Test
    void theProgressiveFloorLeavesReadyAgentsToTheCallersWaitingAndTheReserve() {
        List<AgentView> allReady = Collections.nCopies(10, AgentView.ready(0));
        CampaignStatistics fresh = new CampaignStatistics(PacingConfig.defaults());
        assertThat(new ProgressivePacer().decide(PacingSnapshot.blended(0, allReady, List.of(), fresh, 4)).callsToPlace()).isEqualTo(6);
        fresh.inboundArrived(0);
        // cold start, one caller seen: sized for the warm-up's upper bound, agents are kept for it
        PacingDecision d = new PredictivePacer().decide(PacingSnapshot.blended(1_000, allReady, List.of(), fresh, 1));
        assertThat(d.reason()).contains("cold start");
        assertThat(d.callsToPlace()).isLessThan(9).isPositive();
    }

    @Test
    void aTighterServiceLevelKeepsMoreAgentsIdle() {
        CampaignStatistics loose = blended(1);
        CampaignStatistics tight = blended(1);
        tight.retargetInbound(0.95, 10_000);
        int staffing = 10;
        int looseReserve = PredictivePacer.reserve(loose.inbound(NOW), loose, staffing);
        int tightReserve = PredictivePacer.reserve(tight.inbound(NOW), tight, staffing);
        assertThat(tightReserve).isGreaterThan(looseReserve);
        assertThat(tight.inbound(NOW).serviceMillis()).isEqualTo(10_000);
    }
}
