package dialer.core.bench;

import dialer.pacing.sim.DurationSpec;
import dialer.pacing.sim.ScenarioLoader;
import dialer.pacing.sim.Traffic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ScaledTrafficTest {

    private final Traffic s1 = ScenarioLoader.loadShipped("S1").trafficAt(0);

    @Test
    void everyTimeIsMultipliedAndEveryShareKept() {
        Traffic t = ScaledTraffic.scaled(s1, 0.25);
        assertThat(t.live()).isEqualTo(s1.live());
        assertThat(t.noAnswer()).isEqualTo(s1.noAnswer());
        assertThat(t.rightPartyShare()).isEqualTo(s1.rightPartyShare());
        assertThat(t.liveRing().meanSeconds()).isCloseTo(9 * 0.25, within(1e-9));
        assertThat(t.machineRing()).isEqualTo(new DurationSpec.Uniform(18 * 0.25, 25 * 0.25));
        assertThat(t.rightPartyTalk()).isEqualTo(new DurationSpec.Lognormal(240 * 0.25, 0.8));
        assertThat(t.otherWrap()).isEqualTo(new DurationSpec.Lognormal(10 * 0.25, 0.5));
        assertThat(t.noAnswerTimeout()).isCloseTo(25 * 0.25, within(1e-9));
        assertThat(t.busySeconds()).isCloseTo(1.0, within(1e-9));
        assertThat(t.invalidSeconds()).isCloseTo(0.75, within(1e-9));
        assertThat(t.liveAmdSeconds()).isCloseTo(1.5 * 0.25, within(1e-9));
        assertThat(ScaledTraffic.scaled(new DurationSpec.Fixed(8), 0.5)).isEqualTo(new DurationSpec.Fixed(4));
    }

    @Test
    void aNonPositiveScaleIsRefused() {
        assertThatThrownBy(() -> ScaledTraffic.scaled(s1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void asActedPutsBackWhatTheLiveRunMeasured() {
        Traffic t = ScaledTraffic.asActed(ScaledTraffic.scaled(s1, 0.25), 1.7, 3.1, 6, 0);
        assertThat(t.liveAmdSeconds()).isEqualTo(1.7);
        assertThat(t.machineAmdSeconds()).isEqualTo(3.1);
        assertThat(t.noAnswerTimeout()).isEqualTo(6);
        assertThat(t.invalidSeconds()).isZero();
        assertThat(t.rightPartyTalk()).isEqualTo(new DurationSpec.Lognormal(60, 0.8));
    }

    @Test
    void theRingTimeoutIsWholeSecondsWithinTheCampaignsBounds() {
        assertThat(ScaledTraffic.ringTimeoutSeconds(6.25)).isEqualTo(6);
        assertThat(ScaledTraffic.ringTimeoutSeconds(6.5)).isEqualTo(7);
        assertThat(ScaledTraffic.ringTimeoutSeconds(2.5)).isEqualTo(5);
        assertThat(ScaledTraffic.ringTimeoutSeconds(400)).isEqualTo(120);
    }

    @Test
    void aSteadyScenarioHasOneTrafficAndAFixedTeam() {
        var steady = ScaledTraffic.steady(ScenarioLoader.loadShipped("S2-answer-jump"), s1, 7, 60_000);
        assertThat(steady.agents()).isEqualTo(7);
        assertThat(steady.phases()).hasSize(1);
        assertThat(steady.agentEvents()).isEmpty();
        assertThat(steady.trafficAt(59_000)).isEqualTo(s1);
    }
}
