package dialer.compliance.rules;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/**
 * The stretch of time a limit counts over, or a cool-down lasts. Rolling windows are zone-free;
 * local windows are evaluated in each of the callee's zones and must pass in all of them.
 */
public sealed interface CountWindow {

    /** The last N hours/days up to now: an event at {@code t} counts while {@code t > now - length}. */
    static CountWindow rolling(Duration length) {
        return new Rolling(length);
    }

    /** Today and the N-1 local dates before it, in the callee's zone. {@code localDays(1)} is "today". */
    static CountWindow localDays(int days) {
        return new LocalDays(days);
    }

    /** The current ISO week (Monday 00:00 local onwards). */
    static CountWindow localWeek() {
        return new LocalWeek();
    }

    /** The current calendar month (the 1st, 00:00 local onwards). */
    static CountWindow localMonth() {
        return new LocalMonth();
    }

    boolean zoneDependent();

    /** Whether an event at {@code t} is inside the window that ends at {@code now}. */
    boolean contains(Instant t, Instant now, ZoneId zone);

    /** The first instant at which an event at {@code t} is no longer inside the window. */
    Instant leaves(Instant t, ZoneId zone);

    /** How far back events can matter. */
    Duration lookback();

    String describe();

    record Rolling(Duration length) implements CountWindow {
        public Rolling {
            if (length == null || length.isNegative() || length.isZero()) {
                throw new IllegalArgumentException("a rolling window needs a positive length, got " + length);
            }
        }

        public boolean zoneDependent() { return false; }

        public boolean contains(Instant t, Instant now, ZoneId zone) {
            return t.isAfter(now.minus(length));
        }

        public Instant leaves(Instant t, ZoneId zone) {
            return t.plus(length);
        }

        public Duration lookback() { return length; }

        public String describe() {
            long h = length.toHours();
            if (length.equals(Duration.ofHours(h))) {
                return h % 24 == 0 ? "rolling " + (h / 24) + " x 24 h" : "rolling " + h + " h";
            }
            return "rolling " + length;
        }
    }

    record LocalDays(int days) implements CountWindow {
        public LocalDays {
            if (days < 1 || days > 366) {
                throw new IllegalArgumentException("a local-days window needs 1 to 366 days, got " + days);
            }
        }

        public boolean zoneDependent() { return true; }

        public boolean contains(Instant t, Instant now, ZoneId zone) {
            LocalDate first = LocalDate.ofInstant(now, zone).minusDays(days - 1L);
            return !t.isBefore(first.atStartOfDay(zone).toInstant());
        }

        public Instant leaves(Instant t, ZoneId zone) {
            return LocalDate.ofInstant(t, zone).plusDays(days).atStartOfDay(zone).toInstant();
        }

        public Duration lookback() { return Duration.ofDays(days + 2L); }

        public String describe() {
            return days == 1 ? "local day" : days + " local days (today counts as day 1)";
        }
    }

    record LocalWeek() implements CountWindow {
        public boolean zoneDependent() { return true; }

        public boolean contains(Instant t, Instant now, ZoneId zone) {
            return !t.isBefore(monday(LocalDate.ofInstant(now, zone)).atStartOfDay(zone).toInstant());
        }

        public Instant leaves(Instant t, ZoneId zone) {
            return monday(LocalDate.ofInstant(t, zone)).plusWeeks(1).atStartOfDay(zone).toInstant();
        }

        private static LocalDate monday(LocalDate d) {
            return d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        }

        public Duration lookback() { return Duration.ofDays(9); }

        public String describe() { return "local calendar week (Monday-Sunday)"; }
    }

    record LocalMonth() implements CountWindow {
        public boolean zoneDependent() { return true; }

        public boolean contains(Instant t, Instant now, ZoneId zone) {
            return !t.isBefore(LocalDate.ofInstant(now, zone).withDayOfMonth(1).atStartOfDay(zone).toInstant());
        }

        public Instant leaves(Instant t, ZoneId zone) {
            return LocalDate.ofInstant(t, zone).withDayOfMonth(1).plusMonths(1).atStartOfDay(zone).toInstant();
        }

        public Duration lookback() { return Duration.ofDays(33); }

        public String describe() { return "local calendar month"; }
    }
}
