package dialer.ami;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Delays between reconnect attempts: doubling from {@code first} up to {@code max}, each
 * jittered down by up to half so that several dialer nodes do not reconnect in step.
 */
public final class ReconnectBackoff {

    private final Duration first;
    private final Duration max;
    private final DoubleSupplier random;

    public ReconnectBackoff(Duration first, Duration max, DoubleSupplier random) {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("need 0 < first <= max, got first=" + first + " max=" + max);
        }
        this.first = first;
        this.max = max;
        this.random = random;
    }

    /** Delay before attempt number {@code attempt} (0 for the first retry). */
    public Duration delay(int attempt) {
        long cap = max.toMillis();
        long exponential = first.toMillis() << Math.min(attempt, 30);
        long full = exponential <= 0 ? cap : Math.min(cap, exponential);
        return Duration.ofMillis(Math.round(full * (0.5 + 0.5 * random.getAsDouble())));
    }
}
