package dialer.pacing.estimate;

/**
 * A proportion estimated with a slow half-life for precision, that jumps to a fast estimate when the two
 * disagree by more than chance allows (a new list, a new time of day). Used for the live-answer rate.
 */
public final class ShiftTrackingRate {

    private static final double Z = 3.0;
    private static final double MIN_FAST_TRIALS = 40;

    private final DecayingRate slow;
    private final DecayingRate fast;
    private long shifts;

    public ShiftTrackingRate(long slowHalfLifeMillis, long fastHalfLifeMillis) {
        this.slow = new DecayingRate(slowHalfLifeMillis);
        this.fast = new DecayingRate(fastHalfLifeMillis);
    }

    public void add(long atMillis, boolean success) {
        slow.add(atMillis, success);
        fast.add(atMillis, success);
        double n = fast.effectiveTrials(atMillis);
        if (n < MIN_FAST_TRIALS) {
            return;
        }
        double p = slow.rate();
        double q = fast.rate();
        double bounded = Math.min(1 - 1.0 / n, Math.max(1.0 / n, p));
        double sd = Math.sqrt(bounded * (1 - bounded) / n);
        if (Math.abs(q - p) > Z * sd) {
            slow.resetTo(fast, atMillis);
            shifts++;
        }
    }

    /** The estimate, {@code NaN} before any trial. */
    public double rate() {
        return slow.rate();
    }

    public double effectiveTrials(long nowMillis) {
        return slow.effectiveTrials(nowMillis);
    }

    /** How many times a shift was detected (for diagnostics and tests). */
    public long shiftsDetected() {
        return shifts;
    }
}
