package dialer.core.bench;

import dialer.pacing.DialOutcome;
import dialer.pacing.sim.Lead;
import dialer.pacing.sim.ScenarioLoader;
import dialer.pacing.sim.Traffic;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScenarioCalleesTest {

    private final Traffic scaled = ScaledTraffic.scaled(ScenarioLoader.loadShipped("S1").trafficAt(0), 0.25);

    @Test
    void theSameSeedAndAttemptDrawTheSameCallee() {
        ScenarioCallees a = new ScenarioCallees(scaled, 7);
        ScenarioCallees b = new ScenarioCallees(scaled, 7);
        for (long attempt = 1; attempt <= 50; attempt++) {
            assertThat(a.draw(attempt)).isEqualTo(b.draw(attempt));
        }
        long differ = 0;
        ScenarioCallees other = new ScenarioCallees(scaled, 8);
        for (long attempt = 1; attempt <= 50; attempt++) {
            differ += a.draw(attempt).equals(other.draw(attempt)) ? 0 : 1;
        }
        assertThat(differ).as("draws that another seed changes").isGreaterThan(40);
    }

    @Test
    void theOutcomeMixAndTimesFollowTheScaledScenario() {
        ScenarioCallees callees = new ScenarioCallees(scaled, 1);
        Map<DialOutcome, Integer> outcomes = new EnumMap<>(DialOutcome.class);
        int n = 40_000;
        double ring = 0;
        double talk = 0;
        int live = 0;
        int rightParty = 0;
        for (long attempt = 1; attempt <= n; attempt++) {
            Lead lead = callees.draw(attempt);
            outcomes.merge(lead.outcome(), 1, Integer::sum);
            if (lead.outcome() == DialOutcome.LIVE) {
                live++;
                ring += lead.answerMillis() / 1000.0;
                if (lead.rightParty()) {
                    rightParty++;
                    talk += lead.talkMillis() / 1000.0;
                }
            }
        }
        assertThat(outcomes.get(DialOutcome.LIVE) / (double) n).isCloseTo(0.20, within(0.01));
        assertThat(outcomes.get(DialOutcome.MACHINE) / (double) n).isCloseTo(0.25, within(0.01));
        assertThat(outcomes.get(DialOutcome.BUSY) / (double) n).isCloseTo(0.05, within(0.01));
        assertThat(outcomes.get(DialOutcome.INVALID) / (double) n).isCloseTo(0.10, within(0.01));
        assertThat(outcomes.get(DialOutcome.NO_ANSWER) / (double) n).isCloseTo(0.40, within(0.01));
        assertThat(rightParty / (double) live).isCloseTo(0.5, within(0.03));
        assertThat(ring / live).as("mean ring of people, s").isCloseTo(9 * 0.25, within(0.1));
        assertThat(talk / rightParty).as("mean right-party talk, s").isCloseTo(240 * 0.25, within(3.0));
    }

    @Test
    void eachOutcomeBecomesTheDialplansVariables() {
        Lead person = new Lead(DialOutcome.LIVE, false, true, 2_250, 2_625, 61_500, 11_000);
        assertThat(ScenarioCallees.variablesFor(person)).containsOnly(Map.entry("SIM_OUTCOME", "human"),
                Map.entry("SIM_RING", "2.250"), Map.entry("SIM_TALK", "121.500"));
        Lead falsePositive = new Lead(DialOutcome.MACHINE, true, false, 3_000, 3_400, 9_000, 2_000);
        assertThat(ScenarioCallees.variablesFor(falsePositive)).containsEntry("SIM_OUTCOME", "human");
        Lead machine = new Lead(DialOutcome.MACHINE, false, false, 5_100, 5_700, 9_000, 2_000);
        assertThat(ScenarioCallees.variablesFor(machine)).containsOnly(Map.entry("SIM_OUTCOME", "machine"),
                Map.entry("SIM_RING", "5.100"));
        Lead busy = new Lead(DialOutcome.BUSY, false, false, -1, 1_000, 9_000, 2_000);
        assertThat(ScenarioCallees.variablesFor(busy)).containsOnly(Map.entry("SIM_OUTCOME", "busy"), Map.entry("SIM_RING", "1.000"));
        assertThat(ScenarioCallees.variablesFor(new Lead(DialOutcome.INVALID, false, false, -1, 750, 9_000, 2_000)))
                .containsOnly(Map.entry("SIM_OUTCOME", "unallocated"));
        assertThat(ScenarioCallees.variablesFor(new Lead(DialOutcome.NO_ANSWER, false, false, -1, 6_250, 9_000, 2_000)))
                .containsOnly(Map.entry("SIM_OUTCOME", "noanswer"));
    }
}
