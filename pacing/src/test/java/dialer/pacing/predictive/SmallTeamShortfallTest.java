package dialer.pacing.predictive;

import dialer.pacing.AgentView;
import dialer.pacing.CallView;
import dialer.pacing.CampaignStatistics;
import dialer.pacing.PacingConfig;
import dialer.pacing.PacingSnapshot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The exact small-team look-ahead, on the hand-made forecasts of {@link ShortfallForecastTest}. */
class SmallTeamShortfallTest {

    private static PacingSnapshot snapshot(List<AgentView> agents, List<CallView> calls) {
        return new PacingSnapshot(0, agents, calls, new CampaignStatistics(PacingConfig.defaults()));
    }

    @ParameterizedTest(name = "Bernoullis {0} sum to {1}")
    @CsvSource(delimiter = '|', value = {
            "0.5          | 0.5 0.5",
            "0.5 0.5      | 0.25 0.5 0.25",
            "1 0.2        | 0 0.8 0.2",
            "0 0.3        | 0.7 0.3",
    })
    void convolvesBernoullis(String probabilities, String expected) {
        double[] pmf = {1};
        for (String p : probabilities.trim().split(" ")) {
            pmf = SmallTeamShortfall.withBernoulli(pmf, Double.parseDouble(p));
        }
        double[] want = Arrays.stream(expected.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
        assertThat(pmf).containsExactly(want, within(1e-12));
    }

    /**
     * One agent in wrap-up and no call out: the first dial's risk is exactly the chance that the agent is
     * not free by its answer plus the grace time, averaged over when it is answered.
     */
    @ParameterizedTest(name = "agent {0} ms into wrap-up: risk of the first dial {1}")
    @CsvSource({
            // wrap-ups last 10-20 s, answers come 9-12 s after the dial (equally), the agent must be free 2 s
            // later: 11-14 s on. From 0 s into wrap-up it is still busy then with 0.9, 0.8, 0.7, 0.6.
            "0,     0.75",
            "5000,  0.25",
            "7000,  0.075",
            "9000,  0",
    })
    void oneAgentInWrapUpIsAsLikelyToFailAsItIsToStillBeBusy(long wrapElapsed, double risk) {
        PacingSnapshot s = snapshot(List.of(AgentView.wrapUp(wrapElapsed, 70_000)), List.of());
        CampaignStatistics.Forecasts f = ShortfallForecastTest.forecasts();
        double exact = SmallTeamShortfall.of(s, f).riskOfDial(1);
        assertThat(exact).isCloseTo(risk, within(1e-9));
        // the same number from the definition
        double[] free = f.agents().freeWithin(AgentView.wrapUp(wrapElapsed, 70_000));
        double expected = 0;
        double previous = 0;
        double[] h = f.horizonsMillis();
        for (int i = 0; i < h.length; i++) {
            double c = f.dials().liveAfter().cdf(h[i]);
            double w = c - previous + (i == h.length - 1 ? 1 - c : 0);
            previous = c;
            expected += w * (1 - free[i]);
        }
        assertThat(exact).isCloseTo(expected, within(1e-9));
    }

    @ParameterizedTest(name = "{0} ready agent(s), {1} call(s) ringing 9 s: dials within 1% risk = {2}")
    @CsvSource({
            "1, 0, 1",   // the first dial has an agent for sure; a second one is answered too with ~5-20%
            "2, 0, 2",
            "1, 1, 0",   // the call ringing 9 s is a live answer within 3 s with a sizeable chance
            "3, 0, 4",   // the fourth dial finds no agent only if the three others are all answered first
    })
    void dialsAsManyAsTheExactRiskAllows(int ready, int ringing, int expected) {
        PacingSnapshot s = snapshot(Collections.nCopies(ready, AgentView.ready(0)),
                Collections.nCopies(ringing, CallView.ringing(9_000)));
        SmallTeamShortfall f = SmallTeamShortfall.of(s, ShortfallForecastTest.forecasts());
        assertThat(f.dialsWithinRisk(0.01, 100)).isEqualTo(expected);
        double previous = 0;
        for (int n = 1; n < 10; n++) {
            assertThat(f.riskOfDial(n)).isGreaterThanOrEqualTo(previous - 1e-12);
            previous = f.riskOfDial(n);
        }
    }

    @ParameterizedTest(name = "safe mode credits no agent still talking ({0} talking)")
    @CsvSource({"1", "5"})
    void agentsStillTalkingAreNotCounted(int talking) {
        PacingSnapshot s = snapshot(Collections.nCopies(talking, AgentView.talking(119_000)), List.of());
        assertThat(SmallTeamShortfall.of(s, ShortfallForecastTest.forecasts()).riskOfDial(1)).isEqualTo(1.0, within(1e-12));
    }
}
