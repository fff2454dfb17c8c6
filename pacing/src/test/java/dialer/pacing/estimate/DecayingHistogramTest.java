package dialer.pacing.estimate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DecayingHistogramTest {

    private static final long MINUTE = 60_000;

    @Test
    void distributionReflectsWhatWasAdded() {
        DecayingHistogram h = new DecayingHistogram(1_000, 100, 60 * MINUTE);
        for (int i = 0; i < 100; i++) {
            h.add(i * 1_000L, 10_000 + (i % 2) * 20_000); // half 10 s, half 30 s
        }
        DurationDistribution d = h.distribution();
        assertThat(d.cdf(9_000)).isEqualTo(0.0, within(1e-9));
        assertThat(d.cdf(20_000)).isEqualTo(0.5, within(1e-3)); // the first observations have faded a little
        assertThat(d.cdf(31_000)).isEqualTo(1.0, within(1e-9));
        assertThat(d.meanMillis()).isEqualTo(20_500, within(1.0));
        assertThat(h.observations()).isEqualTo(100);
    }

    @Test
    void oldObservationsFadeWithTheHalfLife() {
        DecayingHistogram h = new DecayingHistogram(1_000, 100, 10 * MINUTE);
        for (int i = 0; i < 50; i++) {
            h.add(0, 10_000);
        }
        for (int i = 0; i < 50; i++) {
            h.add(20 * MINUTE, 50_000); // two half-lives later: the old ones weigh a quarter
        }
        DurationDistribution d = h.distribution();
        assertThat(d.cdf(20_000)).isEqualTo(0.25 / 1.25, within(1e-6));
        assertThat(h.effectiveObservations(20 * MINUTE)).isEqualTo(62.5, within(1e-6));
        assertThat(h.effectiveObservations(30 * MINUTE)).isEqualTo(31.25, within(1e-6));
    }

    @Test
    void survivesVeryLongRunsWithoutOverflow() {
        DecayingHistogram h = new DecayingHistogram(1_000, 10, MINUTE);
        for (long t = 0; t < 1_000 * MINUTE; t += MINUTE / 2) {
            h.add(t, 3_000);
        }
        assertThat(h.distribution().cdf(4_000)).isEqualTo(1.0, within(1e-9));
        assertThat(h.effectiveObservations(1_000 * MINUTE)).isFinite().isPositive();
    }

    @Test
    void runningDurationsCorrectTheShortBiasOfAFreshEstimate() {
        // half the calls last 10 s, half 100 s; at t = 60 s only the short ones have ended
        DecayingHistogram h = new DecayingHistogram(1_000, 300, 60 * MINUTE);
        long[] running = new long[10];
        for (int i = 0; i < 10; i++) {
            h.add(i * 1_000L, 10_000); // filed at start times 0..9 s
            running[i] = 60_000 - i * 1_000L; // the long ones started at the same times, still running
        }
        assertThat(h.distribution().cdf(20_000)).isEqualTo(1.0, within(1e-9));
        DurationDistribution corrected = h.distributionWithRunning(60_000, running);
        assertThat(corrected.cdf(20_000)).isEqualTo(0.5, within(0.01));
        assertThat(corrected.survival(50_000)).isEqualTo(0.5, within(0.01));
    }

    @Test
    void runningDurationsAloneStillGiveADistribution() {
        DecayingHistogram h = new DecayingHistogram(1_000, 100, MINUTE);
        assertThat(h.distribution()).isNull();
        DurationDistribution d = h.distributionWithRunning(5_000, new long[] {30_000});
        assertThat(d.cdf(29_000)).isZero();
    }
}
