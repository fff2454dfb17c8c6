package dialer.pacing.estimate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The regulator's views of abandonment: a rolling window of N days (US: 30 days per campaign) and the
 * current calendar day in the campaign's zone (UK). Counts are kept in quarter-hour buckets, so the rolling
 * window's far edge moves in quarter-hour steps; every real zone offset is a multiple of 15 minutes, so
 * calendar days are exact.
 */
public final class AbandonmentWindow {

    static final long BUCKET_MILLIS = 15 * 60_000L;

    private ZoneId zone;
    private final long rollingMillis;
    private final BucketedCounts counts;
    private LocalDate cachedDay;
    private long cachedDayStart;
    private long cachedDayEnd;

    public AbandonmentWindow(ZoneId zone, int rollingDays) {
        this.zone = zone;
        this.rollingMillis = rollingDays * 86_400_000L;
        this.counts = new BucketedCounts(BUCKET_MILLIS, (int) (rollingMillis / BUCKET_MILLIS) + 2);
    }

    /** Counts the calendar day in {@code zone} from now on; the quarter hours already counted stay. */
    public void zone(ZoneId zone) {
        if (!zone.equals(this.zone)) {
            this.zone = zone;
            cachedDay = null;
        }
    }

    public void dialPlaced(long atMillis) {
        counts.add(atMillis, 1, 0, 0);
    }

    /** A live answer resolved: connected within the grace time, or not. */
    public void liveResolved(long atMillis, boolean abandoned) {
        counts.add(atMillis, 0, 1, abandoned ? 1 : 0);
    }

    /** An answering-machine-detection false positive: a person hung up on, counted as answered and abandoned. */
    public void machineFalsePositive(long atMillis) {
        counts.add(atMillis, 0, 1, 1);
    }

    /**
     * Counts observed before this window existed (the dialer restarted, or the campaign was started
     * again), added to the quarter hour of {@code atMillis}; counts older than the rolling window are dropped.
     */
    public void addPast(long atMillis, Tally counted) {
        if (counted.dials() < 0 || counted.liveAnswered() < 0 || counted.abandoned() < 0
                || counted.abandoned() > counted.liveAnswered()) {
            throw new IllegalArgumentException("past counts must be non-negative with abandoned <= live answered: " + counted);
        }
        counts.add(atMillis, counted.dials(), counted.liveAnswered(), counted.abandoned());
    }

    /** Counts over the rolling window ending at {@code nowMillis}. */
    public Tally rolling(long nowMillis) {
        return counts.sum(nowMillis - rollingMillis + BUCKET_MILLIS, nowMillis);
    }

    /** Counts since the start of the calendar day of {@code nowMillis}, in the campaign's zone. */
    public Tally calendarDay(long nowMillis) {
        if (cachedDay == null || nowMillis < cachedDayStart || nowMillis >= cachedDayEnd) {
            cachedDay = Instant.ofEpochMilli(nowMillis).atZone(zone).toLocalDate();
            cachedDayStart = cachedDay.atStartOfDay(zone).toInstant().toEpochMilli();
            cachedDayEnd = cachedDay.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        }
        return counts.sum(cachedDayStart, nowMillis);
    }
}
