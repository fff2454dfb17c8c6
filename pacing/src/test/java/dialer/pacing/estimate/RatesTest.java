package dialer.pacing.estimate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RatesTest {

    private static final long MINUTE = 60_000;

    @Test
    void decayingRateIsNaNUntilATrial() {
        DecayingRate r = new DecayingRate(MINUTE);
        assertThat(r.rate()).isNaN();
        r.add(0, true);
        r.add(0, false);
        assertThat(r.rate()).isEqualTo(0.5);
        assertThat(r.effectiveTrials(MINUTE)).isEqualTo(1.0, within(1e-9));
    }

    @Test
    void shiftTrackingRateJumpsToANewLevelQuickly() {
        ShiftTrackingRate r = new ShiftTrackingRate(30 * MINUTE, 4 * MINUTE);
        SplittableRandom random = new SplittableRandom(7);
        long t = 0;
        for (int i = 0; i < 3_000; i++, t += 1_000) {
            r.add(t, random.nextDouble() < 0.12);
        }
        assertThat(r.rate()).isEqualTo(0.12, within(0.03));
        long shiftedAt = t;
        for (int i = 0; i < 900; i++, t += 1_000) { // fifteen minutes at twice the rate
            r.add(t, random.nextDouble() < 0.24);
        }
        assertThat(r.shiftsDetected() + r.risesDetected()).isPositive();
        assertThat(r.rate()).isEqualTo(0.24, within(0.04));
        // a slow estimate alone would still be far off after fifteen minutes of a thirty-minute half-life
        DecayingRate slowOnly = new DecayingRate(30 * MINUTE);
        SplittableRandom again = new SplittableRandom(7);
        long u = 0;
        for (int i = 0; i < 3_000; i++, u += 1_000) {
            slowOnly.add(u, again.nextDouble() < 0.12);
        }
        for (int i = 0; i < 900; i++, u += 1_000) {
            slowOnly.add(u, again.nextDouble() < 0.24);
        }
        assertThat(u).isEqualTo(shiftedAt + 900_000);
        assertThat(slowOnly.rate()).isLessThan(0.20);
    }

    @Test
    void shiftTrackingRateIgnoresNoiseAtASteadyLevel() {
        ShiftTrackingRate r = new ShiftTrackingRate(30 * MINUTE, 4 * MINUTE);
        SplittableRandom random = new SplittableRandom(11);
        for (long t = 0; t < 8 * 3_600_000L; t += 1_000) {
            r.add(t, random.nextDouble() < 0.2);
        }
        assertThat(r.shiftsDetected()).isLessThan(5);
        assertThat(r.rate()).isEqualTo(0.2, within(0.02));
    }

    @ParameterizedTest(name = "{0} -> {1} at one dial a second: past half-way, and not above it by {2}, after {3} s")
    @CsvSource({"0.12, 0.24, 0.07, 480", "0.15, 0.25, 0.07, 600", "0.20, 0.40, 0.10, 240", "0.06, 0.12, 0.05, 900"})
    void shiftTrackingRateFollowsARiseWithinMinutes(double before, double after, double overshoot, int seconds) {
        for (long seed = 1; seed <= 10; seed++) {
            ShiftTrackingRate r = new ShiftTrackingRate(30 * MINUTE, 4 * MINUTE);
            SplittableRandom random = new SplittableRandom(seed);
            long t = 0;
            for (int i = 0; i < 3_600; i++, t += 1_000) {
                r.add(t, random.nextDouble() < before);
            }
            for (int i = 0; i < seconds; i++, t += 1_000) {
                r.add(t, random.nextDouble() < after);
            }
            assertThat(r.rate()).as("seed %d", seed).isBetween((before + after) / 2, after + overshoot);
        }
    }
}
