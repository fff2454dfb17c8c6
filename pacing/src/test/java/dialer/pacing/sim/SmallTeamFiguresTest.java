package dialer.pacing.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14's small-team rule on a representative subset (the whole of it, every shipped scenario at 1-5
 * agents over seeds 1-10, is {@code PacingBenchmark --scenarios all --agents 1-5 --seeds 10 --pacers
 * predictive}): no 8-hour run above 3.0% abandonment. The subset holds the runs that were worst before the
 * safe mode was fixed: one agent with AMD false positives (two of them are 2% of a day's ~120 answers),
 * one agent on short calls, two agents on S2.
 */
class SmallTeamFiguresTest {

    private static final double TARGET = 0.03;

    @ParameterizedTest(name = "{0} at {1} agent(s), seeds 1-10: every run at or under 3%")
    @CsvSource({"S1-amd-false-positives, 1", "S4, 1", "S2, 2"})
    void noSmallTeamRunGoesOverTheTarget(String name, int agents) {
        Scenario scenario = ScenarioLoader.loadShipped(name).withAgents(agents);
        List<SimulationResult> runs = seedsOneToTenUnderTheTarget(scenario);
        assertThat(SimulationResult.pool(runs).worstRunAbandonRate()).isLessThanOrEqualTo(TARGET);
        SimulationResult progressive = new Simulator(scenario).run(Contender.progressive(), 1);
        assertThat(runs.get(0).occupancy()).as("busier than progressive").isGreaterThan(progressive.occupancy());
    }

    /**
     * S2-staffing at 3 agents: safe mode for 2.5 h, all log out, 10 log in (normal pacing), a break of all
     * of them, 13, then 3 again. Seed 8 went to 3.09% while the abandonment controller wound up above the
     * safe mode's 1% cap and the 10-agent team started from that untried risk (3.1% abandoned in its first
     * hour over seeds 1-10, against 2.6% for a pacer that was never in safe mode); the controller now
     * tracks the cap in safe mode.
     */
    @Test
    void aTeamGrowingOutOfSafeModeStaysUnderTheTarget() {
        seedsOneToTenUnderTheTarget(ScenarioLoader.loadShipped("S2-staffing").withAgents(3));
    }

    /**
     * S2 with AMD hanging up on 1.5% of the people who answer, at one agent: about 93 people answer in a day, so
     * three false positives already make 3.2%, and progressive dialling with AMD has a run at 3.41% (seed 1-10).
     * Told the rate, the pacer's safe mode dials without AMD: nobody is hung up on as a machine, and with a line
     * per free agent nobody waits either.
     */
    @Test
    void aSmallTeamWhoseAmdHangsUpOnPeopleStaysUnderTheTarget() {
        Scenario scenario = ScenarioLoader.loadShipped("S2-amd-false-positives").withAgents(1);
        List<SimulationResult> runs = seedsOneToTenUnderTheTarget(scenario,
                Contender.predictiveExpectingAmdFalsePositives(scenario.trafficAt(0).amdFalsePositive()));
        assertThat(SimulationResult.pool(runs).falsePositives()).isZero();
        List<SimulationResult> withAmd = new ArrayList<>();
        for (long seed = 1; seed <= 3; seed++) {
            withAmd.add(new Simulator(scenario).run(Contender.progressive(), seed));
        }
        assertThat(SimulationResult.pool(withAmd).falsePositives()).as("the same leads screened").isPositive();
    }

    private static List<SimulationResult> seedsOneToTenUnderTheTarget(Scenario scenario) {
        return seedsOneToTenUnderTheTarget(scenario, Contender.predictive());
    }

    /** The pacer's runs of seeds 1-10, each checked at or under the target; their pooled figures printed. */
    private static List<SimulationResult> seedsOneToTenUnderTheTarget(Scenario scenario, Contender contender) {
        List<SimulationResult> runs = new ArrayList<>();
        for (long seed = 1; seed <= 10; seed++) {
            SimulationResult r = new Simulator(scenario).run(contender, seed);
            assertThat(r.abandonRate()).as("%s seed %d", scenario.name(), seed).isLessThanOrEqualTo(TARGET);
            runs.add(r);
        }
        SimulationResult pooled = SimulationResult.pool(runs);
        System.out.printf(Locale.ROOT, "%s: %.1f%% occupancy, %.2f%% abandoned, worst run %.2f%%%n", scenario.name(),
                100 * pooled.occupancy(), 100 * pooled.abandonRate(), 100 * pooled.worstRunAbandonRate());
        return runs;
    }
}
