package dialer.pacing.estimate;

/**
 * Dials, live answers and abandons of the last half hour, in one-second buckets: the short windows a
 * pacer watches (the last minute, the trailing 10 and 30 minutes of the window guard).
 */
public final class RecentActivity {

    /** The longest span that can be asked for: 30 minutes. */
    public static final long MAX_SPAN_MILLIS = 30 * 60_000L;

    private static final int SPAN_SECONDS = (int) (MAX_SPAN_MILLIS / 1_000);

    private final BucketedCounts counts = new BucketedCounts(1_000, SPAN_SECONDS + 2);

    public void dialPlaced(long atMillis) {
        counts.add(atMillis, 1, 0, 0);
    }

    public void liveResolved(long atMillis, boolean abandoned) {
        counts.add(atMillis, 0, 1, abandoned ? 1 : 0);
    }

    public void machineFalsePositive(long atMillis) {
        counts.add(atMillis, 0, 1, 1);
    }

    /** Counts over the last {@code spanMillis} (at most 30 minutes) up to {@code nowMillis}. */
    public Tally last(long nowMillis, long spanMillis) {
        check(spanMillis);
        return counts.sum(nowMillis - spanMillis + 1, nowMillis);
    }

    /**
     * As {@link #last(long, long)} for several spans at once (one pass over the buckets): element i counts
     * the last {@code spansMillis[i]}.
     */
    public Tally[] last(long nowMillis, long[] spansMillis) {
        long[] from = new long[spansMillis.length];
        for (int i = 0; i < spansMillis.length; i++) {
            check(spansMillis[i]);
            from[i] = nowMillis - spansMillis[i] + 1;
        }
        return counts.sums(from, nowMillis);
    }

    private static void check(long spanMillis) {
        if (spanMillis > MAX_SPAN_MILLIS) {
            throw new IllegalArgumentException("recent activity covers 30 minutes at most");
        }
    }
}
