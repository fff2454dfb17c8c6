package dialer.pacing.estimate;

/**
 * A proportion estimated with a slow half-life for precision, that jumps to a fast estimate when the two
 * disagree by more than chance allows (a new list, a new time of day). Used for the live-answer rate.
 *
 * <p>A rise is also watched by a {@link RiseDetector} (CUSUM) against the slow estimate, which notices a
 * doubling of the rate after about a hundred trials instead of the fast estimate's few minutes; the slow
 * estimate then restarts from the trials since the rise. A rise is what makes a pacer abandon calls.
 */
public final class ShiftTrackingRate {

    private static final double Z = 3.0;
    private static final double MIN_FAST_TRIALS = 40;
    static final double RISE_RATIO = 1.4;
    static final double RISE_THRESHOLD = 5.0;

    private final DecayingRate slow;
    private final DecayingRate fast;
    private final RiseDetector rise = new RiseDetector(RISE_RATIO, RISE_THRESHOLD);
    private long shifts;
    private long rises;

    public ShiftTrackingRate(long slowHalfLifeMillis, long fastHalfLifeMillis) {
        this.slow = new DecayingRate(slowHalfLifeMillis);
        this.fast = new DecayingRate(fastHalfLifeMillis);
    }

    public void add(long atMillis, boolean success) {
        if (rise.add(success, slow.rate())) {
            slow.resetTo(rise.rateSinceRise(), rise.trialsSinceRise(), atMillis);
            fast.resetTo(rise.rateSinceRise(), rise.trialsSinceRise(), atMillis);
            rise.reset();
            rises++;
        }
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
            rise.reset();
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

    /** How many times the rise detector restarted the estimate (for diagnostics and tests). */
    public long risesDetected() {
        return rises;
    }

    /** How many times a shift was detected by the fast estimate (for diagnostics and tests). */
    public long shiftsDetected() {
        return shifts;
    }
}
