package dialer.core.bench;

import dialer.pacing.PacingConfig;
import dialer.pacing.sim.Scenario;
import dialer.pacing.sim.ScenarioLoader;
import dialer.pacing.sim.Traffic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SimulatedWindowTest {

    private final Scenario s1 = ScenarioLoader.loadShipped("S1");
    private final Traffic scaled = ScaledTraffic.scaled(s1.trafficAt(0), 0.25);

    @Test
    void theWindowIsTheLongerRunLessTheWarmUp() {
        Scenario steady = ScaledTraffic.steady(s1, scaled, 10, 1);
        SimulatedWindow.Figures whole = SimulatedWindow.run(steady, PacingConfig.defaults(), 0, 180_000, 2);
        SimulatedWindow.Figures first = SimulatedWindow.run(steady, PacingConfig.defaults(), 0, 60_000, 2);
        SimulatedWindow.Figures rest = SimulatedWindow.run(steady, PacingConfig.defaults(), 60_000, 120_000, 2);
        // the same seeds: the first minute and the two after it add up to the three minutes
        assertThat(first.loggedInMillis() + rest.loggedInMillis()).isEqualTo(whole.loggedInMillis());
        assertThat(first.talkMillis() + rest.talkMillis()).isEqualTo(whole.talkMillis());
        assertThat(first.wrapMillis() + rest.wrapMillis()).isEqualTo(whole.wrapMillis());
        assertThat(first.dials() + rest.dials()).isEqualTo(whole.dials());
        assertThat(first.liveAnswered() + rest.liveAnswered()).isEqualTo(whole.liveAnswered());
        assertThat(first.lineMillis() + rest.lineMillis()).isCloseTo(whole.lineMillis(), within(1e-3));
        // all ten agents logged in throughout, in each of two runs
        assertThat(rest.loggedInMillis()).isEqualTo(2 * 10 * 120_000L);
        assertThat(rest.seeds()).isEqualTo(2);
    }

    @Test
    void thePacerKeepsAgentsBusyAndItsDecisionsAreTimedInTheWindowOnly() {
        Scenario steady = ScaledTraffic.steady(s1, scaled, 20, 1);
        SimulatedWindow.Figures f = SimulatedWindow.run(steady, PacingConfig.defaults(), 60_000, 120_000, 1);
        assertThat(f.occupancy()).isBetween(0.5, 1.0);
        assertThat(f.linesPerAgent()).isGreaterThan(0);
        assertThat(f.liveAnswered()).isGreaterThan(0);
        // one decision per 250 ms over the two minutes
        assertThat(f.decisionMicros().length).isBetween(470, 490);
    }
}
