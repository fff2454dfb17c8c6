package dialer.pacing.estimate;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ArrivalRateTest {

    private static final long MINUTE = 60_000;
    private static final long HALF_LIFE = 15 * MINUTE;

    /** Poisson arrivals at {@code perMinute} from {@code from} to {@code to}; returns the time of the last. */
    private static void poisson(ArrivalRate rate, SplittableRandom random, double perMinute, long from, long to) {
        double t = from;
        while (true) {
            t += -Math.log(1 - random.nextDouble()) / (perMinute / MINUTE);
            if (t > to) {
                return;
            }
            rate.arrived((long) t);
        }
    }

    @Test
    void nothingBeforeAnyArrivalAndNoRateBeforeTheWatchStarts() {
        ArrivalRate rate = new ArrivalRate(HALF_LIFE, 10);
        assertThat(rate.ratePerMilli(0)).isNaN();
        assertThat(rate.sizingRatePerMilli(MINUTE)).isZero();
        rate.start(0);
        assertThat(rate.ratePerMilli(10 * MINUTE)).isZero();
        assertThat(rate.sizingRatePerMilli(10 * MINUTE)).isZero(); // a campaign that never had a caller
    }

    @Test
    void aConstantPoissonStreamIsEstimatedWithoutBiasAtAnyAge() {
        SplittableRandom random = new SplittableRandom(7);
        double sumEarly = 0;
        double sumLate = 0;
        int trials = 200;
        for (int i = 0; i < trials; i++) {
            ArrivalRate rate = new ArrivalRate(HALF_LIFE, 10);
            rate.start(0);
            poisson(rate, random, 2, 0, 10 * MINUTE);
            sumEarly += rate.ratePerMilli(10 * MINUTE) * MINUTE;
            poisson(rate, random, 2, 10 * MINUTE, 3 * 60 * MINUTE);
            sumLate += rate.ratePerMilli(3 * 60 * MINUTE) * MINUTE;
        }
        // the estimate over a 10-minute watch and over a long one (about 21 effective minutes) average 2/min
        assertThat(sumEarly / trials).isCloseTo(2.0, within(0.08));
        assertThat(sumLate / trials).isCloseTo(2.0, within(0.08));
    }

    @Test
    void followsAChangeOfRateWithinAFewHalfLives() {
        ArrivalRate rate = new ArrivalRate(HALF_LIFE, 10);
        SplittableRandom random = new SplittableRandom(11);
        rate.start(0);
        poisson(rate, random, 1, 0, 120 * MINUTE);
        assertThat(rate.ratePerMilli(120 * MINUTE) * MINUTE).isCloseTo(1.0, within(0.35));
        poisson(rate, random, 4, 120 * MINUTE, 180 * MINUTE); // four half-lives at four times the rate
        assertThat(rate.ratePerMilli(180 * MINUTE) * MINUTE).isCloseTo(4.0, within(0.9));
    }

    @Test
    void duringTheWarmUpTheRateToSizeForIsAnUpperBound() {
        ArrivalRate rate = new ArrivalRate(HALF_LIFE, 10);
        rate.start(0);
        rate.arrived(20_000);
        assertThat(rate.warmedUp(MINUTE)).isFalse();
        // one arrival in the first minute: sized as about 4.6 arrivals over the 5-minute warm-up or the
        // arrival over the minute watched, whichever is larger (here the latter, about 1/min)
        double upper = (0.969 + 1.645 * Math.sqrt(1.969) + 1.35) / 5;
        assertThat(upper).isCloseTo(0.93, within(0.01));
        assertThat(rate.sizingRatePerMilli(MINUTE) * MINUTE).isCloseTo(Math.max(upper, rate.ratePerMilli(MINUTE) * MINUTE), within(0.01));
        assertThat(rate.sizingRatePerMilli(2 * MINUTE) * MINUTE).isCloseTo((0.94 + 1.645 * Math.sqrt(1.94) + 1.35) / 5, within(0.01));
        // a burst is never sized under what it shows
        for (int i = 0; i < 20; i++) {
            rate.arrived(30_000 + i * 1_000);
        }
        assertThat(rate.sizingRatePerMilli(MINUTE) * MINUTE).isGreaterThanOrEqualTo(rate.ratePerMilli(MINUTE) * MINUTE * 0.99);
        assertThat(rate.sizingRatePerMilli(MINUTE) * MINUTE).isGreaterThan(20);
        // after five minutes and ten arrivals, the estimate itself
        assertThat(rate.warmedUp(5 * MINUTE)).isTrue();
        assertThat(rate.sizingRatePerMilli(5 * MINUTE)).isEqualTo(rate.ratePerMilli(5 * MINUTE));
    }

    @Test
    void closedTimeCountsForNothingAndNoCallerIsExpectedWhileClosed() {
        ArrivalRate rate = new ArrivalRate(HALF_LIFE, 10);
        SplittableRandom random = new SplittableRandom(5);
        rate.start(0);
        poisson(rate, random, 2, 0, 60 * MINUTE);
        double evening = rate.ratePerMilli(60 * MINUTE);
        rate.close(60 * MINUTE);
        assertThat(rate.isOpen()).isFalse();
        assertThat(rate.sizingRatePerMilli(10 * 60 * MINUTE)).isZero();
        // ten hours later the line opens: the estimate starts from the evening's rate, not from a night of nothing
        long morning = 11 * 60 * MINUTE;
        rate.open(morning);
        assertThat(rate.ratePerMilli(morning + MINUTE)).isCloseTo(evening, within(evening * 0.05));
        assertThat(rate.warmedUp(morning + MINUTE)).isTrue();
        // without closing, the night dilutes it to nothing
        ArrivalRate kept = new ArrivalRate(HALF_LIFE, 10);
        kept.start(0);
        poisson(kept, new SplittableRandom(5), 2, 0, 60 * MINUTE);
        assertThat(kept.ratePerMilli(morning + MINUTE) * MINUTE).isLessThan(0.01);
    }
}
