package dialer.pacing.sim;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ScenarioLoaderTest {

    @Test
    void shippedScenariosCarryTheIssuesFigures() {
        Scenario s1 = ScenarioLoader.loadShipped("S1");
        Traffic t = s1.trafficAt(0);
        assertThat(s1.agents()).isEqualTo(10);
        assertThat(s1.shiftMillis()).isEqualTo(8 * 3_600_000L);
        assertThat(new double[] {t.live(), t.machine(), t.busy(), t.invalid(), t.noAnswer()})
                .containsExactly(new double[] {0.20, 0.25, 0.05, 0.10, 0.40}, within(1e-12));
        assertThat(t.rightPartyShare()).isEqualTo(0.5, within(1e-12));
        assertThat(t.liveRing()).isEqualTo(new DurationSpec.Lognormal(9, 0.55));
        assertThat(t.liveAmdSeconds()).isEqualTo(1.5);
        assertThat(t.machineRing()).isEqualTo(new DurationSpec.Uniform(18, 25));
        assertThat(t.machineAmdSeconds()).isEqualTo(2.5);
        assertThat(t.noAnswerTimeout()).isEqualTo(25);
        assertThat(t.busySeconds()).isEqualTo(4);
        assertThat(t.invalidSeconds()).isEqualTo(3);
        assertThat(t.rightPartyTalk()).isEqualTo(new DurationSpec.Lognormal(240, 0.8));
        assertThat(t.rightPartyWrap()).isEqualTo(new DurationSpec.Lognormal(45, 0.5));
        assertThat(t.otherTalk()).isEqualTo(new DurationSpec.Lognormal(40, 0.6));
        assertThat(t.otherWrap().meanSeconds()).isEqualTo(10);

        Map<String, double[]> expected = Map.of(
                "S2", new double[] {25, 0.12, 0.30, 0.05, 0.10, 0.43, 0.40},
                "S3", new double[] {50, 0.06, 0.30, 0.04, 0.15, 0.45, 0.30},
                "S4", new double[] {100, 0.15, 0.30, 0.05, 0.05, 0.45, 0.60});
        expected.forEach((name, e) -> {
            Scenario s = ScenarioLoader.loadShipped(name);
            Traffic x = s.trafficAt(0);
            assertThat(new double[] {s.agents(), x.live(), x.machine(), x.busy(), x.invalid(), x.noAnswer(), x.rightPartyShare()})
                    .as(name).containsExactly(e, within(1e-12));
        });
        Traffic s4 = ScenarioLoader.loadShipped("S4").trafficAt(0);
        assertThat(new double[] {s4.rightPartyTalk().meanSeconds(), s4.rightPartyWrap().meanSeconds(),
                s4.otherTalk().meanSeconds(), s4.otherWrap().meanSeconds()}).containsExactly(120, 20, 30, 8);
    }

    @Test
    void variantsExtendABaseAndChangeThingsDuringTheShift() {
        Scenario jump = ScenarioLoader.loadShipped("S2-answer-jump");
        assertThat(jump.agents()).isEqualTo(25);
        assertThat(jump.trafficAt(0).live()).isEqualTo(0.12, within(1e-12));
        assertThat(jump.trafficAt(3 * 3_600_000L).live()).isEqualTo(0.24, within(1e-12));
        assertThat(jump.trafficAt(3 * 3_600_000L).rightPartyTalk()).isEqualTo(new DurationSpec.Lognormal(240, 0.8));

        Scenario staffing = ScenarioLoader.loadShipped("S2-staffing");
        assertThat(staffing.agentEvents()).hasSize(6);
        assertThat(staffing.agentEvents().get(0)).isEqualTo(new AgentEvent(3_600_000L, AgentEvent.Action.PAUSE, 8, 15 * 60_000L));
        assertThat(staffing.agentEvents().get(1)).isEqualTo(new AgentEvent(9_000_000L, AgentEvent.Action.LOGOUT, 6, 0));
        assertThat(ScenarioLoader.loadShipped("S1-small-team").agents()).isEqualTo(4);
        assertThat(ScenarioLoader.loadShipped("S1-amd-false-positives").trafficAt(0).amdFalsePositive()).isEqualTo(0.01, within(1e-12));
    }

    @Test
    void readsItsOwnTextFormat() {
        ScenarioLoader loader = new ScenarioLoader(name -> ScenarioLoader.readResource(name));
        Scenario s = loader.parse("""
                # a comment
                extends = S1
                name = mine
                agents = 3   # trailing comment
                shift = 1h30m
                talk.other = fixed(30)
                at 45m: rightparty = 10
                at 1h: login 2
                """, "ignored");
        assertThat(s.name()).isEqualTo("mine");
        assertThat(s.agents()).isEqualTo(3);
        assertThat(s.shiftMillis()).isEqualTo(90 * 60_000L);
        assertThat(s.trafficAt(0).otherTalk()).isEqualTo(new DurationSpec.Fixed(30));
        assertThat(s.trafficAt(45 * 60_000L).rightPartyShare()).isEqualTo(0.10, within(1e-12));
        assertThat(s.phases()).hasSize(2);
        assertThat(s.agentEvents()).containsExactly(new AgentEvent(3_600_000L, AgentEvent.Action.LOGIN, 2, 0));
    }

    @Test
    void rejectsWhatItCannotRead() {
        ScenarioLoader loader = ScenarioLoader.shipped();
        assertThatThrownBy(() -> loader.parse("extends = S1\nmix = live 50, machine 25, busy 5, invalid 10, noanswer 40", "x"))
                .hasMessageContaining("100%");
        assertThatThrownBy(() -> loader.parse("extends = S1\nring.live = gamma(2, 3)", "x"))
                .hasMessageContaining("gamma");
        assertThatThrownBy(() -> loader.parse("agents = 3\nthis line has no equals sign", "x"))
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> ScenarioLoader.loadShipped("S9")).hasMessageContaining("S9");
        assertThat(ScenarioLoader.parseMillis("2.5h")).isEqualTo(9_000_000L);
        assertThat(ScenarioLoader.parseMillis("90")).isEqualTo(90_000L);
    }

    @Test
    void inboundCallersAreReadFromTheirOwnKeys() {
        ScenarioLoader loader = new ScenarioLoader(ScenarioLoader::readResource);
        Scenario perMinute = loader.parse("extends = S1\ninbound.rate = 1.5/m\ninbound.talk = lognormal(180, 0.7)\n"
                + "inbound.wrap = 30\ninbound.patience = uniform(30, 90)\n", "x");
        assertThat(perMinute.inbound().perHour()).isEqualTo(90, within(1e-9));
        assertThat(perMinute.inbound().wrap()).isEqualTo(new DurationSpec.Fixed(30));
        assertThat(perMinute.inbound().patience()).isEqualTo(new DurationSpec.Uniform(30, 90));
        assertThat(perMinute.withAgents(3).inbound()).isEqualTo(perMinute.inbound());
        assertThat(perMinute.withShiftMillis(60_000).inbound()).isEqualTo(perMinute.inbound());
        assertThat(loader.parse("extends = S1\ninbound.rate = 0\n", "x").inbound()).isNull();
        assertThatThrownBy(() -> loader.parse("extends = S1\ninbound.rate = 40/h\ninbound.talk = 100\n", "x"))
                .hasMessageContaining("inbound.wrap");
        assertThat(ScenarioLoader.loadShipped("S2-blended").inbound().perHour()).isEqualTo(120);
    }
}
