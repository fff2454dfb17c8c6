package dialer.core.floor;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The ratios of the floor reports, rounded the same way everywhere; null when there is nothing to divide by. */
public final class Rates {

    private Rates() {
    }

    /** {@code count} per hour of {@code seconds} (2 decimals); null for no time. */
    public static BigDecimal perHour(long count, double seconds) {
        if (seconds <= 0) {
            return null;
        }
        return BigDecimal.valueOf(count * 3600.0 / seconds).setScale(2, RoundingMode.HALF_UP);
    }

    /** {@code part / whole} as a fraction with 4 decimals; null for a whole of 0. */
    public static BigDecimal share(long part, long whole) {
        if (whole <= 0) {
            return null;
        }
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }

    /** {@code part / whole} for amounts, 4 decimals; null for a whole of 0 or less. */
    public static BigDecimal share(BigDecimal part, BigDecimal whole) {
        if (whole == null || whole.signum() <= 0) {
            return null;
        }
        return part.divide(whole, 4, RoundingMode.HALF_UP);
    }
}
