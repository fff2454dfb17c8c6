package dialer.pacing.estimate;

/** The proportion of successes among recent trials, old trials fading with a half-life. */
public final class DecayingRate {

    private final ExponentialDecay decay;
    private double storedSuccesses;
    private double storedTrials;

    public DecayingRate(long halfLifeMillis) {
        this.decay = new ExponentialDecay(halfLifeMillis);
    }

    public void add(long atMillis, boolean success) {
        double w = decay.storedWeight(atMillis, f -> {
            storedSuccesses *= f;
            storedTrials *= f;
        });
        storedTrials += w;
        if (success) {
            storedSuccesses += w;
        }
    }

    /** The estimated proportion, or {@code NaN} before any trial. */
    public double rate() {
        return storedTrials > 0 ? storedSuccesses / storedTrials : Double.NaN;
    }

    /** Decayed number of trials as of {@code nowMillis}. */
    public double effectiveTrials(long nowMillis) {
        return storedTrials * decay.presentFactor(nowMillis);
    }

    /** Replaces this estimate's data with a copy of {@code other}'s, rescaled to this decay's reference. */
    void resetTo(DecayingRate other, long atMillis) {
        resetTo(other.rate(), other.effectiveTrials(atMillis), atMillis);
    }

    /** Replaces this estimate's data with {@code trials} trials at {@code rate}, as of {@code atMillis}. */
    void resetTo(double otherRate, double otherTrials, long atMillis) {
        storedSuccesses = 0;
        storedTrials = 0;
        if (otherTrials > 0 && !Double.isNaN(otherRate)) {
            double w = decay.storedWeight(atMillis, f -> { });
            storedTrials = otherTrials * w;
            storedSuccesses = otherTrials * otherRate * w;
        }
    }
}
