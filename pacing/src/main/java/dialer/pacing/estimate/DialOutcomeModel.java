package dialer.pacing.estimate;

import dialer.pacing.DialOutcome;

/**
 * Online estimates of how dials resolve: the probability that a dial reaches a person, the time from dial
 * to a live answer (ringing plus answering-machine detection), and the time other dials take to resolve.
 * From them: the chance that a call still ringing after some time turns into a live answer within a horizon.
 */
public final class DialOutcomeModel {

    private static final long BIN_MILLIS = 250;
    private static final int BINS = 480; // two minutes

    private final ShiftTrackingRate liveRate;
    private final DecayingHistogram liveAfter;
    private final DecayingHistogram otherAfter;
    private long resolved;
    private long lives;

    public DialOutcomeModel(long halfLifeMillis, long fastHalfLifeMillis) {
        liveRate = new ShiftTrackingRate(halfLifeMillis, fastHalfLifeMillis);
        liveAfter = new DecayingHistogram(BIN_MILLIS, BINS, halfLifeMillis);
        otherAfter = new DecayingHistogram(BIN_MILLIS, BINS, halfLifeMillis);
    }

    public void dialResolved(long atMillis, DialOutcome outcome, long millisSinceDial) {
        boolean live = outcome == DialOutcome.LIVE;
        liveRate.add(atMillis, live);
        (live ? liveAfter : otherAfter).add(atMillis, millisSinceDial);
        resolved++;
        if (live) {
            lives++;
        }
    }

    public long resolvedDials() {
        return resolved;
    }

    public long liveAnswers() {
        return lives;
    }

    /** The estimated probability that a dial reaches a person, {@code NaN} before any resolved dial. */
    public double liveRate() {
        return liveRate.rate();
    }

    public long answerRateShiftsDetected() {
        return liveRate.shiftsDetected();
    }

    /** An immutable forecast, or {@code null} until both a live and a non-live resolution were seen. */
    public Forecast forecast() {
        DurationDistribution l = liveAfter.distribution();
        DurationDistribution o = otherAfter.distribution();
        if (l == null || o == null || Double.isNaN(liveRate.rate())) {
            return null;
        }
        return new Forecast(liveRate.rate(), l, o);
    }

    /** The answer probability and resolution-time distributions of one moment. */
    public record Forecast(double liveRate, DurationDistribution liveAfter, DurationDistribution otherAfter) {

        /** P(a new dial is answered live within {@code millis}). */
        public double newDialLiveWithin(double millis) {
            return liveRate * liveAfter.cdf(millis);
        }

        /**
         * P(a dial still unresolved after {@code elapsedMillis} is answered live within {@code withinMillis}
         * more), from Bayes: the longer it rings, the likelier it is a machine or a no-answer.
         */
        public double ringingLiveWithin(double elapsedMillis, double withinMillis) {
            double liveLeft = liveRate * liveAfter.survival(elapsedMillis);
            double otherLeft = (1 - liveRate) * otherAfter.survival(elapsedMillis);
            double unresolved = liveLeft + otherLeft;
            if (unresolved <= 1e-12) {
                return 0;
            }
            double liveSoon = liveRate * (liveAfter.cdf(elapsedMillis + withinMillis) - liveAfter.cdf(elapsedMillis));
            return Math.min(1, Math.max(0, liveSoon / unresolved));
        }
    }
}
