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
        int bin = (int) Math.min(stored.length - 1, Math.max(0, durationMillis) / binWidthMillis);
        stored[bin] += w;
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

    /** The current estimate as an immutable distribution, or {@code null} when nothing was observed. */
    public DurationDistribution distribution() {
        if (storedTotal <= 0) {
            return null;
        }
        return DurationDistribution.fromWeights(binWidthMillis, Arrays.copyOf(stored, stored.length));
    }
}
