package dialer.pacing.estimate;

/**
 * Page's CUSUM test for a rise in a proportion: detects, within a few dozen trials, that successes now come
 * markedly more often than a reference rate says (for the live-answer rate: a fresh list, the evening).
 *
 * <p>Each trial adds its log-likelihood ratio between "the rate is {@code riseRatio} times the reference"
 * and "the rate is the reference" to a sum that is floored at zero; a rise is declared when the sum passes
 * {@code threshold}. The trials since the sum last left zero are the ones after the change, so their share
 * of successes is the new rate's estimate. Only rises are watched: a pacer that over-estimates the answer
 * rate loses a little occupancy, one that under-estimates it abandons calls.
 */
public final class RiseDetector {

    private final double riseRatio;
    private final double threshold;
    private double sum;
    private long trials;
    private long successes;

    /**
     * @param riseRatio the rise worth detecting, as a ratio of the new rate to the reference (above 1)
     * @param threshold the evidence, in log-likelihood, that declares it (higher: fewer false alarms, later)
     */
    public RiseDetector(double riseRatio, double threshold) {
        if (!(riseRatio > 1 && threshold > 0)) {
            throw new IllegalArgumentException("need riseRatio > 1 and threshold > 0");
        }
        this.riseRatio = riseRatio;
        this.threshold = threshold;
    }

    /**
     * Adds a trial, judged against {@code referenceRate}; returns whether a rise is now declared (the
     * detector then starts afresh after {@link #rateSinceRise()} and {@link #trialsSinceRise()} are read).
     */
    public boolean add(boolean success, double referenceRate) {
        if (Double.isNaN(referenceRate)) {
            return false;
        }
        double p0 = Math.min(0.98, Math.max(0.001, referenceRate));
        double p1 = Math.min(0.99, p0 * riseRatio);
        sum += success ? Math.log(p1 / p0) : Math.log((1 - p1) / (1 - p0));
        if (sum <= 0) {
            reset();
            return false;
        }
        trials++;
        if (success) {
            successes++;
        }
        return sum >= threshold;
    }

    /** The share of successes since the rise began (as the test places it); {@code NaN} without trials. */
    public double rateSinceRise() {
        return trials == 0 ? Double.NaN : (double) successes / trials;
    }

    public long trialsSinceRise() {
        return trials;
    }

    /** Forgets the evidence gathered so far. */
    public void reset() {
        sum = 0;
        trials = 0;
        successes = 0;
    }
}
