package dialer.pacing.estimate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class RiseDetectorTest {

    private static final int SEEDS = 20;

    private static RiseDetector detector() {
        return new RiseDetector(ShiftTrackingRate.RISE_RATIO, ShiftTrackingRate.RISE_THRESHOLD);
    }

    /** Trials until the detector fires when the true rate is {@code actual} and it is told {@code reference}. */
    private static int trialsToAlarm(double reference, double actual, long seed, int limit) {
        RiseDetector d = detector();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 1; i <= limit; i++) {
            if (d.add(random.nextDouble() < actual, reference)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    @ParameterizedTest(name = "{0} -> {1}: every one of 20 seeds detects within {2} trials, on average within {3}")
    @CsvSource({
            // reference, actual, worst trials, mean trials   (the steps: S2 12% -> 24%, S4 15% -> 25%)
            "0.12, 0.24, 400, 200",
            "0.15, 0.25, 600, 250",
            "0.06, 0.12, 900, 450",
            "0.20, 0.40, 250, 120",
    })
    void detectsARiseWithinAFewHundredTrials(double reference, double actual, int worst, int mean) {
        long total = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            int n = trialsToAlarm(reference, actual, seed, 10 * worst);
            assertThat(n).as("seed %d", seed).isLessThanOrEqualTo(worst);
            total += n;
        }
        assertThat(total / (double) SEEDS).isLessThanOrEqualTo(mean);
    }

    @ParameterizedTest(name = "steady {0}: at most {1} false alarms in 100,000 trials")
    @CsvSource({"0.06, 3", "0.12, 8", "0.15, 10", "0.25, 15"})
    void rarelyFiresWhileTheRateHolds(double rate, int maxAlarms) {
        RiseDetector d = detector();
        SplittableRandom random = new SplittableRandom(3);
        int alarms = 0;
        for (int i = 0; i < 100_000; i++) {
            if (d.add(random.nextDouble() < rate, rate)) {
                alarms++;
                d.reset();
            }
        }
        assertThat(alarms).isLessThanOrEqualTo(maxAlarms);
    }

    @ParameterizedTest(name = "a fall from {0} to {1} is not a rise")
    @CsvSource({"0.24, 0.12", "0.15, 0.05"})
    void ignoresFalls(double reference, double actual) {
        for (long seed = 1; seed <= SEEDS; seed++) {
            assertThat(trialsToAlarm(reference, actual, seed, 5_000)).isEqualTo(Integer.MAX_VALUE);
        }
    }

    @ParameterizedTest(name = "after a rise to {1}, the rate since the rise is within {2} of it")
    @CsvSource({"0.12, 0.24, 0.08", "0.15, 0.25, 0.08"})
    void estimatesTheNewRateFromTheTrialsSinceTheRise(double reference, double actual, double tolerance) {
        double sum = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            RiseDetector d = detector();
            SplittableRandom random = new SplittableRandom(seed);
            for (int i = 0; i < 200; i++) { // a quiet stretch first: the change point must be found
                d.add(random.nextDouble() < reference, reference);
            }
            while (!d.add(random.nextDouble() < actual, reference)) {
                // until the alarm
            }
            assertThat(d.trialsSinceRise()).isPositive();
            sum += d.rateSinceRise();
        }
        // the estimate leans high (the alarm comes on a lucky run): safe for a pacer
        assertThat(sum / SEEDS).isBetween(actual, actual + tolerance);
    }
}
