package dialer.pacing.estimate;

/** Dials, live answers and abandons of the last few minutes, in one-second buckets. */
public final class RecentActivity {

    private static final int SPAN_SECONDS = 600;

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

    /** Counts over the last {@code spanMillis} (at most ten minutes) up to {@code nowMillis}. */
    public Tally last(long nowMillis, long spanMillis) {
        if (spanMillis > SPAN_SECONDS * 1_000L) {
            throw new IllegalArgumentException("recent activity covers ten minutes at most");
        }
        return counts.sum(nowMillis - spanMillis + 1, nowMillis);
    }
}
