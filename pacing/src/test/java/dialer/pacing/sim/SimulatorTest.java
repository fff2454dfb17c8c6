package dialer.pacing.sim;

import dialer.pacing.AgentActivity;
import dialer.pacing.AgentView;
import dialer.pacing.CampaignStatistics;
import dialer.pacing.DialOutcome;
import dialer.pacing.Pacer;
import dialer.pacing.PacingConfig;
import dialer.pacing.PacingDecision;
import dialer.pacing.PacingSnapshot;
import dialer.pacing.ProgressivePacer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatorTest {

    private static final Scenario S1_HOUR = ScenarioLoader.loadShipped("S1").withShiftMillis(3_600_000);

    private static Contender contender(String name, Function<PacingSnapshot, Integer> rule) {
        return new Contender(name, 1_000, () -> s -> new PacingDecision(rule.apply(s), name), PacingConfig.defaults());
    }

    @Test
    void theKthLeadIsTheSameForEveryPacerWithTheSameSeed() {
        Traffic traffic = S1_HOUR.trafficAt(0);
        LeadStream a = new LeadStream(42);
        LeadStream b = new LeadStream(42);
        LeadStream other = new LeadStream(43);
        List<Lead> fromA = new ArrayList<>();
        boolean differs = false;
        for (int i = 0; i < 200; i++) {
            Lead la = a.next(traffic);
            fromA.add(la);
            assertThat(b.next(traffic)).isEqualTo(la);
            differs |= !other.next(traffic).equals(la);
        }
        assertThat(differs).isTrue();
        long live = fromA.stream().filter(l -> l.outcome() == DialOutcome.LIVE).count();
        assertThat(live).isBetween(20L, 60L); // 20% of 200
    }

    @Test
    void runsAreReproducible() {
        SimulationResult first = new Simulator(S1_HOUR).run(Contender.predictive(), 5);
        SimulationResult second = new Simulator(S1_HOUR).run(Contender.predictive(), 5);
        assertThat(second.dials()).isEqualTo(first.dials());
        assertThat(second.talkMillis()).isEqualTo(first.talkMillis());
        assertThat(second.abandoned()).isEqualTo(first.abandoned());
    }

    @Test
    void progressiveNeverAbandonsAndNoDialsMeansNoWork() {
        SimulationResult progressive = new Simulator(S1_HOUR).run(Contender.progressive(), 1);
        assertThat(progressive.abandoned()).isZero();
        assertThat(progressive.liveAnswered()).isPositive();
        assertThat(progressive.occupancy()).isBetween(0.3, 0.9);
        SimulationResult idle = new Simulator(S1_HOUR).run(contender("never", s -> 0), 1);
        assertThat(idle.dials()).isZero();
        assertThat(idle.occupancy()).isZero();
        assertThat(idle.loggedInMillis()).isEqualTo(10 * 3_600_000L);
    }

    @Test
    void callsPlacedWithoutAmdBringMachinesToAgentsHangUpOnNobodyAndTeachTheStatisticsNothing() {
        Scenario amd = ScenarioLoader.loadShipped("S2-amd-false-positives").withAgents(5); // 8 h: some 460 people answer
        List<CampaignStatistics> seen = new ArrayList<>();
        Contender unscreened = new Contender("progressive without AMD", 1_000, () -> s -> {
            seen.add(s.statistics());
            return PacingDecision.withoutMachineDetection(new ProgressivePacer().decide(s).callsToPlace(), "no AMD");
        }, PacingConfig.defaults());
        SimulationResult without = new Simulator(amd).run(unscreened, 3);
        SimulationResult with = new Simulator(amd).run(Contender.progressive(), 3);

        assertThat(without.falsePositives()).isZero();
        assertThat(without.abandoned()).isZero(); // a line per free agent: every answer has one
        assertThat(with.falsePositives()).isPositive(); // the same draw screened hangs up on some people
        assertThat(without.liveAnswered()).isPositive();
        // machines take the agents' time (10 s + 3 s each), so they handle fewer people than with AMD
        assertThat(without.liveAnswered()).isLessThan(with.liveAnswered() + with.falsePositives());
        assertThat(without.occupancy()).isGreaterThan(with.occupancy());
        // nothing reached the statistics: no dial, no outcome, no handle time
        CampaignStatistics stats = seen.get(seen.size() - 1);
        assertThat(stats.dialsPlaced()).isZero();
        assertThat(stats.warmedUp()).isFalse();
    }

    @Test
    void answeredCalleesWithoutAnAgentForTwoSecondsAreAbandoned() {
        // one agent, 100 dials at once: ~20 live answers within ~20 s, one can be served
        Scenario oneAgent = new Scenario("one", "", 1, 600_000, S1_HOUR.phases(), List.of());
        SimulationResult flood = new Simulator(oneAgent).run(contender("flood", s -> s.nowMillis() == 0 ? 100 : 0), 1);
        assertThat(flood.dials()).isEqualTo(100);
        assertThat(flood.liveAnswered()).isBetween(10L, 35L);
        assertThat(flood.abandoned()).isBetween(flood.liveAnswered() - 2, flood.liveAnswered() - 1);
        assertThat(flood.abandonRate()).isGreaterThan(0.8);
    }

    @Test
    void thePacerOnlySeesElapsedTimesAndAgentsOnBreakFinishTheirCallFirst() {
        Scenario breaks = new Scenario("breaks", "", 10, 1_800_000, S1_HOUR.phases(),
                List.of(new AgentEvent(900_000, AgentEvent.Action.PAUSE, 10, 300_000)));
        List<PacingSnapshot> seen = new ArrayList<>();
        Pacer spy = s -> {
            seen.add(s);
            return new ProgressivePacer().decide(s);
        };
        new Simulator(breaks).run(new Contender("spy", 1_000, () -> spy, PacingConfig.defaults()), 3);
        PacingSnapshot justAfter = seen.stream().filter(s -> s.nowMillis() == 901_000).findFirst().orElseThrow();
        assertThat(justAfter.readyAgents()).isZero();
        for (AgentView a : justAfter.agents()) {
            if (a.activity() == AgentActivity.TALKING || a.activity() == AgentActivity.WRAP_UP) {
                assertThat(a.leavingAfterCall()).isTrue();
            } else {
                assertThat(a.activity()).isEqualTo(AgentActivity.PAUSED);
            }
        }
        PacingSnapshot backFromBreak = seen.stream().filter(s -> s.nowMillis() == 1_700_000).findFirst().orElseThrow();
        // a five-minute break starts when the call and wrap-up end: by 28 min most are back (long calls, later)
        assertThat(backFromBreak.count(AgentActivity.PAUSED)).isLessThan(3);
        assertThat(seen).allSatisfy(s -> s.calls().forEach(c -> assertThat(c.elapsedMillis()).isLessThanOrEqualTo(30_000)));
    }
}
