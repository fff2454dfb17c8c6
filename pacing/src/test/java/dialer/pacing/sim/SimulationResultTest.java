package dialer.pacing.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SimulationResultTest {

    private static final long MINUTE = 60_000;

    /** A run of {@code minutes} minutes with 10 live answers a minute and abandons at the given minutes. */
    private static SimulationResult run(int minutes, int... abandonMinutes) {
        long[] live = new long[minutes];
        long[] lost = new long[minutes];
        Arrays.fill(live, 10);
        for (int m : abandonMinutes) {
            lost[m]++;
        }
        long abandoned = abandonMinutes.length;
        return new SimulationResult("t", "p", 1, minutes * MINUTE, 1, 0, 0, 0, 10L * minutes, abandoned, 0, 0, live, lost);
    }

    @ParameterizedTest(name = "abandons at minutes [{0}], windows of {3} min from {1} to {2}: worst {4}")
    @CsvSource({
            // abandons   from  to   window  worst
            "'5 6 7',       0,   60,  10,     0.03",      // three in one 10-minute window: 3/100
            "'5 6 7',       6,   60,  10,     0.02",      // windows starting at 6 min or later see two
            "'5 6 7',       8,   60,  10,     0",
            "'5 6 7',       0,   12,  10,     0.03",
            "'5 6 7',       0,   60,  30,     0.01",      // 3/300
            "'5 20 40',     0,   60,  30,     0.00666667",// two at most in any 30 minutes
            "'59',          0,   60,  60,     0.001666667",
    })
    void worstSlidingWindowAfterAGivenTime(String abandons, int fromMinute, int toMinute, int window, double worst) {
        int[] at = Arrays.stream(abandons.trim().split(" ")).mapToInt(Integer::parseInt).toArray();
        SimulationResult r = run(60, at);
        assertThat(r.worstWindowAbandonRate(fromMinute * MINUTE, toMinute * MINUTE, window)).isCloseTo(worst, within(1e-6));
    }

    @Test
    void poolingKeepsRunsApart() {
        // 120-minute runs: run 1 has three abandons at its end, run 2 at its start; no window spans both runs
        SimulationResult pooled = SimulationResult.pool(List.of(run(120, 117, 118, 119), run(120, 0, 1, 2)));
        assertThat(pooled.worstWindowAbandonRate(0, Long.MAX_VALUE, 10)).isCloseTo(0.03, within(1e-9));
        assertThat(pooled.worstWindowAbandonRate(0, Long.MAX_VALUE, 20)).isCloseTo(0.015, within(1e-9));
        assertThat(pooled.worstRunAbandonRate()).isCloseTo(3 / 1200.0, within(1e-9));
        assertThat(pooled.worstHourAbandonRate()).isCloseTo(0.005, within(1e-9));
        assertThat(pooled.abandonRate()).isCloseTo(6 / 2400.0, within(1e-9));
    }
}
