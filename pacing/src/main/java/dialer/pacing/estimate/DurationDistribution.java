package dialer.pacing.estimate;

/**
 * An immutable distribution of durations on equal-width bins, with the cumulative distribution linear
 * inside each bin. Built from a {@link DecayingHistogram}, or mixed from two distributions.
 */
public final class DurationDistribution {

    private final long binWidthMillis;
    /** cdf[i] = P(D < i * binWidth); cdf[0] = 0, cdf[bins] = 1. */
    private final double[] cdf;
    private final double meanMillis;

    private DurationDistribution(long binWidthMillis, double[] cdf) {
        this.binWidthMillis = binWidthMillis;
        this.cdf = cdf;
        double mean = 0;
        for (int i = 0; i + 1 < cdf.length; i++) {
            mean += (cdf[i + 1] - cdf[i]) * (i + 0.5) * binWidthMillis;
        }
        this.meanMillis = mean;
    }

    static DurationDistribution fromWeights(long binWidthMillis, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("no weight");
        }
        double[] cdf = new double[weights.length + 1];
        double running = 0;
        for (int i = 0; i < weights.length; i++) {
            running += weights[i];
            cdf[i + 1] = running / total;
        }
        cdf[weights.length] = 1;
        return new DurationDistribution(binWidthMillis, cdf);
    }

    /** A distribution from raw bin weights (tests and fakes). */
    public static DurationDistribution ofBinWeights(long binWidthMillis, double... weights) {
        return fromWeights(binWidthMillis, weights.clone());
    }

    /** {@code (wa * a + wb * b) / (wa + wb)}; both must share the bin width. */
    public static DurationDistribution mix(DurationDistribution a, double wa, DurationDistribution b, double wb) {
        if (a.binWidthMillis != b.binWidthMillis) {
            throw new IllegalArgumentException("bin widths differ");
        }
        int n = Math.max(a.cdf.length, b.cdf.length);
        double[] cdf = new double[n];
        double total = wa + wb;
        for (int i = 0; i < n; i++) {
            double ca = i < a.cdf.length ? a.cdf[i] : 1;
            double cb = i < b.cdf.length ? b.cdf[i] : 1;
            cdf[i] = (wa * ca + wb * cb) / total;
        }
        return new DurationDistribution(a.binWidthMillis, cdf);
    }

    /**
     * The distribution as point masses at the middle of each bin that holds any: {@code [offsets, masses]}.
     */
    public double[][] points() {
        int n = 0;
        for (int i = 0; i + 1 < cdf.length; i++) {
            if (cdf[i + 1] - cdf[i] > 1e-9) {
                n++;
            }
        }
        double[] offsets = new double[n];
        double[] masses = new double[n];
        int j = 0;
        for (int i = 0; i + 1 < cdf.length; i++) {
            double m = cdf[i + 1] - cdf[i];
            if (m > 1e-9) {
                offsets[j] = (i + 0.5) * binWidthMillis;
                masses[j++] = m;
            }
        }
        return new double[][] {offsets, masses};
    }

    /** P(D <= millis). */
    public double cdf(double millis) {
        if (millis <= 0) {
            return 0;
        }
        double pos = millis / binWidthMillis;
        int i = (int) pos;
        if (i >= cdf.length - 1) {
            return 1;
        }
        double frac = pos - i;
        return cdf[i] + frac * (cdf[i + 1] - cdf[i]);
    }

    /** P(D > millis). */
    public double survival(double millis) {
        return 1 - cdf(millis);
    }

    public double meanMillis() {
        return meanMillis;
    }

    /** The smallest duration d with P(D <= d) >= q. */
    public double quantileMillis(double q) {
        for (int i = 1; i < cdf.length; i++) {
            if (cdf[i] >= q) {
                double lo = cdf[i - 1];
                double width = cdf[i] - lo;
                double frac = width > 0 ? (q - lo) / width : 1;
                return (i - 1 + frac) * binWidthMillis;
            }
        }
        return (cdf.length - 1) * (double) binWidthMillis;
    }

    /**
     * P(D <= elapsed + within | D > elapsed): the chance that something already lasting {@code elapsed}
     * ends within the next {@code within}. Beyond everything observed, the remaining time is taken as
     * memoryless with this distribution's mean, rather than certain or impossible.
     */
    public double endsWithin(double elapsedMillis, double withinMillis) {
        if (withinMillis <= 0) {
            return 0;
        }
        double alive = survival(elapsedMillis);
        if (alive < 1e-6) {
            return 1 - Math.exp(-withinMillis / Math.max(1_000, meanMillis));
        }
        double p = (cdf(elapsedMillis + withinMillis) - cdf(elapsedMillis)) / alive;
        return Math.min(1, Math.max(0, p));
    }
}
