package dialer.pacing.estimate;

import java.util.function.DoubleConsumer;

/**
 * Time-based exponential forgetting without touching old data on every observation.
 *
 * <p>An observation at time {@code t} is stored with weight {@code exp(rate * (t - reference))}; its weight
 * as of time {@code now} is that times {@code exp(-rate * (now - reference))}. Ratios of stored weights are
 * therefore already "as of now", and only absolute weights need the present factor. When stored weights
 * grow too large the owner rescales its data and the reference moves forward.
 */
final class ExponentialDecay {

    private static final double MAX_EXPONENT = 300;

    private final double ratePerMilli;
    private long referenceMillis;
    private boolean anchored;

    ExponentialDecay(long halfLifeMillis) {
        if (halfLifeMillis <= 0) {
            throw new IllegalArgumentException("half-life must be positive");
        }
        this.ratePerMilli = Math.log(2) / halfLifeMillis;
    }

    /**
     * The weight to store for an observation made at {@code atMillis}. May first ask the owner to multiply
     * all of its stored weights by a factor (a rebase).
     */
    double storedWeight(long atMillis, DoubleConsumer rescaleStored) {
        if (!anchored) {
            referenceMillis = atMillis;
            anchored = true;
        }
        double exponent = ratePerMilli * (atMillis - referenceMillis);
        if (exponent > MAX_EXPONENT) {
            rescaleStored.accept(Math.exp(-exponent));
            referenceMillis = atMillis;
            exponent = 0;
        }
        return Math.exp(exponent);
    }

    /** The weight, as of {@code nowMillis}, of one observation made at {@code atMillis}. */
    double weightAsOf(long atMillis, long nowMillis) {
        return Math.exp(-ratePerMilli * Math.max(0, nowMillis - atMillis));
    }

    /** Factor turning stored weights into weights as of {@code nowMillis}. */
    double presentFactor(long nowMillis) {
        if (!anchored) {
            return 1;
        }
        double exponent = -ratePerMilli * (nowMillis - referenceMillis);
        return exponent < -MAX_EXPONENT * 2 ? 0 : Math.exp(exponent);
    }
}
