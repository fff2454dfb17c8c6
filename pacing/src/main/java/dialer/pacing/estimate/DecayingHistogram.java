package dialer.pacing.estimate;

import java.util.Arrays;

/**
 * A histogram of durations in which old observations fade with a half-life, so that the estimated
 * distribution follows a change of list or time of day. Durations beyond the last bin are kept in it.
 */
public final class DecayingHistogram {

    private final long binWidthMillis;
    private final double[] stored;
    private final ExponentialDecay decay;
    private double storedTotal;
    private long observations;

    public DecayingHistogram(long binWidthMillis, int bins, long halfLifeMillis) {
        if (binWidthMillis <= 0 || bins < 2) {
            throw new IllegalArgumentException("need a positive bin width and at least two bins");
        }
        this.binWidthMillis = binWidthMillis;
        this.stored = new double[bins];
        this.decay = new ExponentialDecay(halfLifeMillis);
    }

    public void add(long atMillis, long durationMillis) {
        double w = decay.storedWeight(atMillis, this::rescale);
        stored[binOf(durationMillis)] += w;
        storedTotal += w;
        observations++;
    }

    private void rescale(double factor) {
        for (int i = 0; i < stored.length; i++) {
            stored[i] *= factor;
        }
        storedTotal *= factor;
    }

    /** All observations ever added, without decay. */
    public long observations() {
        return observations;
    }

    /** The decayed weight of the data as of {@code nowMillis}: an effective number of recent observations. */
    public double effectiveObservations(long nowMillis) {
        return storedTotal * decay.presentFactor(nowMillis);
    }

    public long binWidthMillis() {
        return binWidthMillis;
    }

    public int bins() {
        return stored.length;
    }

    int binOf(long durationMillis) {
        return (int) Math.min(stored.length - 1, Math.max(0, durationMillis) / binWidthMillis);
    }

    /** The decayed weight of each bin as of {@code nowMillis}. */
    double[] weightsAsOf(long nowMillis) {
        double f = decay.presentFactor(nowMillis);
        double[] w = new double[stored.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = stored[i] * f;
        }
        return w;
    }

    /** The weight, as of {@code nowMillis}, an observation made at {@code atMillis} would have. */
    double weightAsOf(long atMillis, long nowMillis) {
        return decay.weightAsOf(atMillis, nowMillis);
    }

    /**
     * The estimate completed with observations still running (right-censored): each has lasted
     * {@code elapsedMillis[i]} so far and will end somewhere beyond, in proportion to the estimate itself
     * (a few self-consistency passes, which converge to the Kaplan-Meier estimate). Without this, the
     * first minutes of a campaign see only the short durations, since the long ones have not ended yet.
     * Observations must have been added at their start times for this to be unbiased.
     *
     * @return the distribution, or {@code null} when nothing was observed
     */
    public DurationDistribution distributionWithRunning(long nowMillis, long[] elapsedMillis) {
        double[] complete = weightsAsOf(nowMillis);
        double[] running = new double[stored.length];
        boolean any = false;
        for (long e : elapsedMillis) {
            running[binOf(e)] += decay.weightAsOf(nowMillis - e, nowMillis);
            any = true;
        }
        double total = 0;
        for (double w : complete) {
            total += w;
        }
        if (!any) {
            return total > 0 ? DurationDistribution.fromWeights(binWidthMillis, complete) : null;
        }
        if (!(total > 0)) {
            // nothing has ended yet: all we know is that these last at least this long
            return DurationDistribution.fromWeights(binWidthMillis, running);
        }
        double[] estimate = complete.clone();
        for (int pass = 0; pass < 3; pass++) {
            // survival beyond the start of each bin, under the current estimate
            double[] tail = new double[stored.length + 1];
            for (int i = stored.length - 1; i >= 0; i--) {
                tail[i] = tail[i + 1] + estimate[i];
            }
            double[] next = complete.clone();
            double carried = 0;
            for (int i = 0; i < stored.length; i++) {
                if (running[i] > 0) {
                    if (tail[i] > 0) {
                        carried += running[i] / tail[i];
                    } else {
                        next[i] += running[i];
                    }
                }
                next[i] += estimate[i] * carried;
            }
            estimate = next;
        }
        return DurationDistribution.fromWeights(binWidthMillis, estimate);
    }

    /** The current estimate as an immutable distribution, or {@code null} when nothing was observed. */
    public DurationDistribution distribution() {
        if (storedTotal <= 0) {
            return null;
        }
        return DurationDistribution.fromWeights(binWidthMillis, Arrays.copyOf(stored, stored.length));
    }
}
