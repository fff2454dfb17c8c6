package dialer.pacing.predictive;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class InboundReserveTest {

    private static final double PER_HOUR = 1 / 3_600_000.0;

    /** Erlang C from the Erlang B recursion, independently of the birth-death chain. */
    private static double erlangC(int agents, double erlangs) {
        double b = 1;
        for (int k = 1; k <= agents; k++) {
            b = erlangs * b / (k + erlangs * b);
        }
        return b / (1 - erlangs / agents * (1 - b));
    }

    @Test
    void withEveryAgentKeptForInboundItIsErlangC() {
        // 11 agents, 10 Erlangs (200 calls/h of 180 s): C = 0.682, P(wait > 20 s) = C exp(-(11 - 10) 20 / 180)
        double c = erlangC(11, 10);
        assertThat(c).isCloseTo(0.682, within(0.001));
        double expected = 1 - c * Math.exp(-20.0 / 180);
        assertThat(InboundReserve.erlangCServiceLevel(11, 200 * PER_HOUR, 180_000, 20_000)).isCloseTo(expected, within(1e-9));
        assertThat(InboundReserve.serviceLevel(11, 11, 200 * PER_HOUR, 180_000, 150_000, 20_000)).isCloseTo(expected, within(1e-9));
        // a textbook case: 100 calls per half hour of 180 s (10 Erlangs) need 14 agents for 80% in 20 s
        double lambda = 200 * PER_HOUR;
        assertThat(InboundReserve.erlangCServiceLevel(13, lambda, 180_000, 20_000)).isLessThan(0.8);
        assertThat(InboundReserve.erlangCServiceLevel(14, lambda, 180_000, 20_000)).isGreaterThan(0.8);
        // and for large teams, where the products overflow without care
        assertThat(InboundReserve.erlangCServiceLevel(400, 390 * 20 * PER_HOUR, 180_000, 20_000))
                .isCloseTo(1 - erlangC(400, 390) * Math.exp(-10 * 20.0 / 180), within(1e-6));
    }

    @Test
    void theServiceLevelRisesWithTheAgentsKeptIdleAndTheSmallestSufficientReserveIsChosen() {
        // ten agents, one caller a minute of 210 s, outbound calls of 167.5 s (S1-blended)
        double lambda = 60 * PER_HOUR;
        double previous = -1;
        for (int r = 0; r <= 10; r++) {
            double sl = InboundReserve.serviceLevel(10, r, lambda, 210_000, 167_500, 20_000);
            assertThat(sl).isGreaterThan(previous);
            previous = sl;
        }
        // with no agent idle every caller waits for the next agent to come free (every 17 s or so)
        assertThat(InboundReserve.serviceLevel(10, 0, lambda, 210_000, 167_500, 20_000)).isCloseTo(0.54, within(0.01));
        assertThat(InboundReserve.serviceLevel(10, 1, lambda, 210_000, 167_500, 20_000)).isCloseTo(0.86, within(0.01));
        assertThat(InboundReserve.idleAgentsFor(10, lambda, 210_000, 167_500, 20_000, 0.80)).isEqualTo(1);
        assertThat(InboundReserve.idleAgentsFor(10, lambda, 210_000, 167_500, 20_000, 0.90)).isEqualTo(2);
        // a bigger team drains a queue faster: 25 agents need none kept idle for 80% in 20 s
        assertThat(InboundReserve.idleAgentsFor(25, 60 * PER_HOUR, 210_000, 150_000, 20_000, 0.80)).isZero();
    }

    @Test
    void noCallersNoReserveAndAnInboundLoadBeyondTheTeamTakesEveryone() {
        assertThat(InboundReserve.idleAgentsFor(10, 0, 210_000, 167_500, 20_000, 0.8)).isZero();
        assertThat(InboundReserve.idleAgentsFor(0, 60 * PER_HOUR, 210_000, 167_500, 20_000, 0.8)).isZero();
        // 12 Erlangs of inbound for 10 agents
        assertThat(InboundReserve.idleAgentsFor(10, 240 * PER_HOUR, 180_000, 167_500, 20_000, 0.8)).isEqualTo(10);
        assertThat(InboundReserve.serviceLevel(10, 10, 240 * PER_HOUR, 180_000, 167_500, 20_000)).isZero();
    }

    @Test
    void theSmallTeamLookAheadAddsTheCallersExactly() {
        // Poisson(2.5) arrivals and 3 callers waiting on top of a Bernoulli(0.4) demand
        double[] d = SmallTeamShortfall.shifted(SmallTeamShortfall.withPoisson(new double[] {0.6, 0.4}, 2.5), 3);
        double total = 0;
        double mean = 0;
        for (int x = 0; x < d.length; x++) {
            total += d[x];
            mean += x * d[x];
        }
        assertThat(total).isCloseTo(1, within(1e-12));
        assertThat(mean).isCloseTo(0.4 + 2.5 + 3, within(1e-9));
        assertThat(d[2]).isZero();
        assertThat(d[3]).isCloseTo(0.6 * Math.exp(-2.5), within(1e-12));
    }
}
