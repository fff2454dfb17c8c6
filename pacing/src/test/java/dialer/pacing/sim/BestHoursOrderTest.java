package dialer.pacing.sim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small version of {@link BestHoursBenchmark}: 6 agents, 12-hour days, 15,000 debtors, 2 warm-up days
 * and 2 measured days, seed 1. The learned best-hours order must reach more right-party contacts per
 * agent hour than amount-then-days, with fewer calls per contact, both arms within the 3% target.
 */
class BestHoursOrderTest {

    @Test
    void bestHoursRaisesRightPartyContactsPerAgentHourAtTheSameAbandonment() {
        BestHoursBenchmark.Setup setup = new BestHoursBenchmark.Setup(
                ScenarioLoader.loadShipped("S1").withShiftMillis(12 * 3_600_000L).withAgents(6),
                15_000, 2, 2, CallingList.Rules.defaults());
        Contender predictive = Contender.predictive();
        BestHoursBenchmark.Arm a = BestHoursBenchmark.run(setup, predictive, 1, BestHoursBenchmark.Order.AMOUNT_THEN_DAYS);
        BestHoursBenchmark.Arm b = BestHoursBenchmark.run(setup, predictive, 1, BestHoursBenchmark.Order.BEST_HOURS);
        System.out.printf("amount-then-days %.3f RPC/a.h, %.2f%% abandoned, %.1f calls/RPC; best-hours %.3f, %.2f%%, %.1f%n",
                a.rightPartyContactsPerAgentHour(), 100 * a.pacing().abandonRate(), a.callsPerRightPartyContact(),
                b.rightPartyContactsPerAgentHour(), 100 * b.pacing().abandonRate(), b.callsPerRightPartyContact());

        assertThat(a.pacing().agentHours()).isEqualTo(b.pacing().agentHours());
        assertThat(b.rightPartyContactsPerAgentHour()).isGreaterThan(a.rightPartyContactsPerAgentHour());
        assertThat(b.callsPerRightPartyContact()).isLessThan(a.callsPerRightPartyContact());
        assertThat(a.pacing().abandonRate()).isLessThanOrEqualTo(0.03);
        assertThat(b.pacing().abandonRate()).isLessThanOrEqualTo(0.03);
    }
}
