package dialer.pacing.predictive;

import dialer.pacing.AgentView;
import dialer.pacing.CallView;
import dialer.pacing.CampaignStatistics;
import dialer.pacing.PacingConfig;
import dialer.pacing.PacingSnapshot;
import dialer.pacing.estimate.DialOutcomeModel;
import dialer.pacing.estimate.DurationDistribution;
import dialer.pacing.estimate.HandleTimeModel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The look-ahead on hand-made forecasts: answers 20% at 8-12 s, talks 60-120 s, wrap-ups 10-20 s. */
class ShortfallForecastTest {

    private static final double[] HORIZONS = new double[21];

    static {
        for (int i = 0; i < HORIZONS.length; i++) {
            HORIZONS[i] = i * 1_000;
        }
    }

    static CampaignStatistics.Forecasts forecasts() {
        double[] live = new double[13];
        live[8] = live[9] = live[10] = live[11] = 1;
        DurationDistribution liveAfter = DurationDistribution.ofBinWeights(1_000, live);
        DurationDistribution otherAfter = DurationDistribution.ofBinWeights(1_000, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1);
        DialOutcomeModel.Forecast dials = new DialOutcomeModel.Forecast(0.2, liveAfter, otherAfter);
        double[] talk = new double[121];
        for (int i = 60; i < 120; i++) {
            talk[i] = 1;
        }
        double[] wrap = new double[21];
        for (int i = 10; i < 20; i++) {
            wrap[i] = 1;
        }
        double[] supply = new double[HORIZONS.length];
        for (int i = 0; i < supply.length; i++) {
            supply[i] = HORIZONS[i] + 2_000;
        }
        HandleTimeModel.Forecast agents = HandleTimeModel.Forecast.withSingleWrap(
                DurationDistribution.ofBinWeights(1_000, talk), DurationDistribution.ofBinWeights(1_000, wrap), supply);
        return new CampaignStatistics.Forecasts(HORIZONS, dials, agents);
    }

    private static int dials(List<AgentView> agents, List<CallView> calls, double threshold) {
        PacingSnapshot s = new PacingSnapshot(0, agents, calls, new CampaignStatistics(PacingConfig.defaults()));
        return ShortfallForecast.of(s, forecasts(), true).dialsWithinRisk(threshold, 1_000);
    }

    @Test
    void riskGrowsWithEveryDial() {
        PacingSnapshot s = new PacingSnapshot(0, Collections.nCopies(3, AgentView.ready(0)), List.of(),
                new CampaignStatistics(PacingConfig.defaults()));
        ShortfallForecast f = ShortfallForecast.of(s, forecasts(), true);
        double previous = 0;
        for (int n = 1; n < 40; n++) {
            double risk = f.riskOfDial(n);
            assertThat(risk).isBetween(previous - 1e-12, 1.0);
            previous = risk;
        }
        assertThat(f.riskOfDial(1)).isLessThan(0.001);
        assertThat(previous).isGreaterThan(0.5);
    }

    @Test
    void overDialsForReadyAgentsSinceMostDialsAreNotAnswered() {
        int n = dials(Collections.nCopies(5, AgentView.ready(0)), List.of(), 0.05);
        assertThat(n).isGreaterThan(5).isLessThan(25); // 20% answer: around four dials per agent, minus a margin
    }

    @Test
    void countsAgentsAboutToFinishTheirWrapUp() {
        int none = dials(Collections.nCopies(5, AgentView.talking(1_000)), List.of(), 0.05);
        int soon = dials(Collections.nCopies(5, AgentView.wrapUp(12_000, 60_000)), List.of(), 0.05);
        assertThat(none).isZero();
        assertThat(soon).isGreaterThan(5);
    }

    @Test
    void callsAlreadyRingingOrWaitingLeaveLessRoom() {
        List<AgentView> agents = Collections.nCopies(5, AgentView.ready(0));
        int free = dials(agents, List.of(), 0.05);
        List<CallView> ringing = new ArrayList<>(Collections.nCopies(10, CallView.ringing(2_000)));
        int withRinging = dials(agents, ringing, 0.05);
        int withWaiting = dials(agents, List.of(CallView.waitingForAgent(500), CallView.waitingForAgent(500)), 0.05);
        assertThat(withRinging).isLessThan(free);
        assertThat(withWaiting).isLessThan(free);
        // calls ringing for 13 s are past the answers' time: they take nothing
        assertThat(dials(agents, Collections.nCopies(10, CallView.ringing(13_000)), 0.05)).isEqualTo(free);
    }

    @Test
    void aHigherAcceptedRiskDialsMore() {
        List<AgentView> agents = Collections.nCopies(8, AgentView.wrapUp(8_000, 70_000));
        assertThat(dials(agents, List.of(), 0.2)).isGreaterThan(dials(agents, List.of(), 0.02));
    }

    @Test
    void safeModeGivesNoCreditToAgentsStillTalking() {
        // talks end within a second, then 10-20 s of wrap-up: some of these agents are free by the answers
        List<AgentView> agents = Collections.nCopies(5, AgentView.talking(119_000));
        PacingSnapshot s = new PacingSnapshot(0, agents, List.of(), new CampaignStatistics(PacingConfig.defaults()));
        assertThat(ShortfallForecast.of(s, forecasts(), true).dialsWithinRisk(0.5, 100)).isPositive();
        assertThat(ShortfallForecast.of(s, forecasts(), false).dialsWithinRisk(0.5, 100)).isZero();
    }

    @Test
    void burstsOfAbandonsGetLikelierWithEveryDialAndWithAWiderSpread() {
        PacingSnapshot s = new PacingSnapshot(0, Collections.nCopies(5, AgentView.ready(0)), List.of(),
                new CampaignStatistics(PacingConfig.defaults()));
        ShortfallForecast f = ShortfallForecast.of(s, forecasts(), true);
        double previous = 0;
        for (int n = 0; n < 60; n++) {
            double one = f.chanceOfAbandons(n, 1, 1);
            assertThat(one).isBetween(previous - 1e-12, 1.0);
            assertThat(f.chanceOfAbandons(n, 3, 1)).isLessThanOrEqualTo(one);
            previous = one;
        }
        assertThat(f.chanceOfAbandons(0, 1, 1)).isLessThan(1e-6);
        assertThat(f.chanceOfAbandons(50, 1, 1)).isGreaterThan(0.5);
        // a burst of 3 with 30 dials (6 live expected for 5 agents): rare, but a wider spread makes it likelier
        assertThat(f.chanceOfAbandons(30, 3, 3)).isGreaterThan(f.chanceOfAbandons(30, 3, 1));
        int few = f.dialsKeepingBurstsUnder(1, 0.02, 3, 1_000);
        int more = f.dialsKeepingBurstsUnder(3, 0.02, 3, 1_000);
        assertThat(few).isLessThan(more);
        assertThat(f.chanceOfAbandons(few, 1, 3)).isLessThanOrEqualTo(0.02);
        assertThat(f.chanceOfAbandons(few + 1, 1, 3)).isGreaterThan(0.02);
        assertThat(f.dialsKeepingBurstsUnder(3, 0.02, 3, 7)).isEqualTo(Math.min(7, more));
    }
}
