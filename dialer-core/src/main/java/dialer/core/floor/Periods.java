package dialer.core.floor;

import dialer.core.Invalid;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * The days or weeks a floor report is cut into, in a time zone: each from the start of its first
 * local day to the start of the local day after it (so a day across a DST change is 23 or 25 hours).
 * Weeks run Monday to Sunday; the first and last weeks are whole weeks around the dates asked.
 */
public final class Periods {

    /** How a report groups its rows in time. */
    public enum Grouping {
        DAY, WEEK
    }

    /** One period: its first local day, and its instants [start, end). */
    public record Period(LocalDate first, LocalDate next, Instant start, Instant end) {
    }

    /** The most periods one report may have (a year of days, or eight years of weeks). */
    public static final int MAX_PERIODS = 400;

    private Periods() {
    }

    /** The periods from {@code from} to {@code to}, both days included. */
    public static List<Period> of(LocalDate from, LocalDate to, Grouping grouping, ZoneId zone) {
        if (to.isBefore(from)) {
            throw Invalid.of("to", "must not be before from (" + from + ")");
        }
        LocalDate first = grouping == Grouping.WEEK ? from.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : from;
        int step = grouping == Grouping.WEEK ? 7 : 1;
        List<Period> out = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(to); d = d.plusDays(step)) {
            if (out.size() == MAX_PERIODS) {
                throw Invalid.of("to", "gives more than " + MAX_PERIODS + " " + grouping.name().toLowerCase() + "s; ask for a shorter range");
            }
            LocalDate next = d.plusDays(step);
            out.add(new Period(d, next, d.atStartOfDay(zone).toInstant(), next.atStartOfDay(zone).toInstant()));
        }
        return out;
    }
}
