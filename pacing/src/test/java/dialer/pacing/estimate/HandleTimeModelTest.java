package dialer.pacing.estimate;

import dialer.pacing.AgentView;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HandleTimeModelTest {

    private static final double[] HORIZONS = {2_000, 12_000, 32_000, 62_000};

    /** Right parties talk 200 s and wrap 40 s; wrong parties talk 20 s and wrap 5 s. */
    private static HandleTimeModel.Forecast bimodal() {
        HandleTimeModel m = new HandleTimeModel(3_600_000);
        long t = 1_000_000;
        for (int i = 0; i < 200; i++) {
            boolean rightParty = i % 2 == 0;
            long talk = rightParty ? 200_000 : 20_000;
            long wrap = rightParty ? 40_000 : 5_000;
            m.talkCompleted(t, talk);
            m.wrapCompleted(t + wrap, wrap, talk);
            t += 1_000;
        }
        assertThat(m.completedCalls()).isEqualTo(200);
        return m.forecast(t, HORIZONS);
    }

    @Test
    void readyAgentsAreFreeAndPausedOrLeavingOnesNeverAre() {
        HandleTimeModel.Forecast f = bimodal();
        assertThat(f.freeWithin(AgentView.ready(0))).containsOnly(1.0);
        assertThat(f.freeWithin(AgentView.paused())).containsOnly(0.0);
        assertThat(f.freeWithin(AgentView.wrapUp(39_000, 200_000).leavingAfterThisCall())).containsOnly(0.0);
    }

    @Test
    void wrapUpDependsOnHowLongTheTalkWas() {
        HandleTimeModel.Forecast f = bimodal();
        // (each talk class is shrunk a little towards the pooled wrap-ups, half of which are long)
        // 3 s into the wrap-up of a short (wrong-party) call: done within 12 s
        assertThat(f.freeWithin(AgentView.wrapUp(3_000, 20_000))[1]).isGreaterThan(0.9);
        // 3 s into the wrap-up of a long (right-party) call: not within 12 s, surely within 62 s
        double[] afterLong = f.freeWithin(AgentView.wrapUp(3_000, 200_000));
        assertThat(afterLong[1]).isLessThan(0.1);
        assertThat(afterLong[3]).isEqualTo(1.0, within(1e-9));
    }

    @Test
    void aTalkingAgentFreesAfterTheRestOfTheTalkAndTheWrapUp() {
        HandleTimeModel.Forecast f = bimodal();
        // 10 s into a call: half are wrong parties, who end at 20 s and wrap 5 s (free at +15 s)
        double[] early = f.freeWithin(AgentView.talking(10_000));
        assertThat(early[0]).isEqualTo(0.0, within(1e-9));
        assertThat(early[2]).isEqualTo(0.5, within(0.05));
        // 30 s into a call it can only be a right party: 170 s of talk left
        double[] late = f.freeWithin(AgentView.talking(30_000));
        assertThat(late[3]).isEqualTo(0.0, within(1e-9));
        // 190 s in, the talk ends in ~10 s and the wrap-up takes 40 s
        double[] nearEnd = f.freeWithin(AgentView.talking(190_000));
        assertThat(nearEnd[2]).isLessThan(0.05);
        assertThat(nearEnd[3]).isGreaterThan(0.95);
    }

    @Test
    void probabilitiesGrowWithTheHorizon() {
        HandleTimeModel.Forecast f = bimodal();
        for (long elapsed = 0; elapsed < 400_000; elapsed += 7_000) {
            double[] p = f.freeWithin(AgentView.talking(elapsed));
            for (int k = 1; k < p.length; k++) {
                assertThat(p[k]).isGreaterThanOrEqualTo(p[k - 1] - 1e-12).isBetween(0.0, 1.0);
            }
        }
    }

    @Test
    void noForecastBeforeAnyCallEnded() {
        assertThat(new HandleTimeModel(60_000).forecast(0, HORIZONS)).isNull();
    }
}
