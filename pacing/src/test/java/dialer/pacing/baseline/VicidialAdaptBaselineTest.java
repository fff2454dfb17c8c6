package dialer.pacing.baseline;

import dialer.pacing.AgentView;
import dialer.pacing.CallView;
import dialer.pacing.CampaignStatistics;
import dialer.pacing.PacingConfig;
import dialer.pacing.PacingSnapshot;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class VicidialAdaptBaselineTest {

    private static List<AgentView> agents(int ready, int talking, int wrap) {
        List<AgentView> a = new ArrayList<>(Collections.nCopies(ready, AgentView.ready(1_000)));
        a.addAll(Collections.nCopies(talking, AgentView.talking(30_000)));
        a.addAll(Collections.nCopies(wrap, AgentView.wrapUp(5_000, 30_000)));
        return a;
    }

    /** Drives the baseline every half second for {@code millis}, with a fixed floor; returns its last call count. */
    private static int run(VicidialAdaptBaseline v, CampaignStatistics stats, long from, long millis,
                           List<AgentView> agents, List<CallView> calls) {
        int last = 0;
        for (long t = from; t < from + millis; t += 500) {
            last = v.decide(new PacingSnapshot(t, agents, calls, stats)).callsToPlace();
        }
        return last;
    }

    @Test
    void dialsLevelTimesActiveAgentsMinusCallsItAlreadyHas() {
        VicidialAdaptBaseline v = new VicidialAdaptBaseline(VicidialAdaptBaseline.Settings.defaults(VicidialAdaptBaseline.Method.ADAPT_HARD_LIMIT));
        CampaignStatistics stats = new CampaignStatistics(PacingConfig.defaults());
        // level 1.0, 2 ready + 3 talking (wrap-up is PAUSED in VICIdial) = 5 goal, minus 3 talking and 1 ringing
        int calls = v.decide(new PacingSnapshot(0, agents(2, 3, 4), List.of(CallView.ringing(1_000)), stats)).callsToPlace();
        assertThat(calls).isEqualTo(1);
        // the dial loop runs every 2.5 s
        assertThat(v.decide(new PacingSnapshot(1_000, agents(2, 3, 4), List.of(), stats)).callsToPlace()).isZero();
        assertThat(v.decide(new PacingSnapshot(2_500, agents(2, 3, 4), List.of(), stats)).callsToPlace()).isEqualTo(2);
    }

    @Test
    void levelRisesWhileAgentsWaitAndIsCappedAtTheMaximum() {
        VicidialAdaptBaseline v = new VicidialAdaptBaseline(VicidialAdaptBaseline.Settings.defaults(VicidialAdaptBaseline.Method.ADAPT_HARD_LIMIT));
        CampaignStatistics stats = new CampaignStatistics(PacingConfig.defaults());
        run(v, stats, 0, 16_000, agents(5, 5, 0), List.of());
        // (ready - waiting) / agents = 0.5: 1.0 -> 1.5 after the first 15 s
        assertThat(v.dialLevel()).isEqualTo(1.5, within(1e-9));
        run(v, stats, 16_000, 300_000, agents(5, 5, 0), List.of());
        assertThat(v.dialLevel()).isEqualTo(3.0);
    }

    @Test
    void levelFallsWhenCallsWaitForAgentsButNeverBelowOne() {
        VicidialAdaptBaseline v = new VicidialAdaptBaseline(new VicidialAdaptBaseline.Settings(
                VicidialAdaptBaseline.Method.ADAPT_HARD_LIMIT, 3, 3.0, 0, 2_500, 2.0));
        CampaignStatistics stats = new CampaignStatistics(PacingConfig.defaults());
        run(v, stats, 0, 16_000, agents(0, 10, 0), List.of(CallView.waitingForAgent(500), CallView.waitingForAgent(500)));
        assertThat(v.dialLevel()).isEqualTo(1.6, within(1e-9));
        run(v, stats, 16_000, 300_000, agents(0, 10, 0), List.of(CallView.waitingForAgent(500)));
        assertThat(v.dialLevel()).isEqualTo(1.0);
    }

    @Test
    void hardLimitDropsToOneAndAverageHalvesWhenTodaysDropsExceedTheTarget() {
        for (VicidialAdaptBaseline.Method method : VicidialAdaptBaseline.Method.values()) {
            VicidialAdaptBaseline v = new VicidialAdaptBaseline(new VicidialAdaptBaseline.Settings(method, 3, 3.0, 0, 2_500, 2.8));
            CampaignStatistics stats = new CampaignStatistics(PacingConfig.defaults());
            for (int i = 0; i < 100; i++) {
                stats.dialPlaced(i);
                stats.liveConnected(i, 0);
            }
            for (int i = 0; i < 10; i++) {
                stats.liveAbandoned(100, 2_000); // 10 drops of 110 answers: 9%
            }
            run(v, stats, 1_000, 16_000, agents(5, 5, 0), List.of()); // differential +0.5 would raise to 3.0 (cap)
            double expected = method == VicidialAdaptBaseline.Method.ADAPT_HARD_LIMIT ? 1.0 : 1.5;
            assertThat(v.dialLevel()).as(method.name()).isEqualTo(expected, within(1e-9));
        }
    }
}
