package dialer.pacing.estimate;

/**
 * Inbound callers counted as they are answered or hang up: since the statistics were made, and over the
 * last hour (one-minute buckets), for the service level a blended campaign reports.
 */
public final class InboundService {

    private static final long MINUTE = 60_000;
    private static final int MINUTES = 60;

    /**
     * Inbound callers resolved.
     *
     * @param answeredWithin answered within the service level's time
     * @param answeredLater  answered after it
     * @param abandoned      hung up before an agent answered
     */
    public record Counts(long answeredWithin, long answeredLater, long abandoned) {

        public long answered() {
            return answeredWithin + answeredLater;
        }

        public long resolved() {
            return answeredWithin + answeredLater + abandoned;
        }

        /**
         * Answered within the time over every caller resolved, abandons counted as missed (the strict
         * form; some centres leave out short abandons); {@code NaN} with no caller.
         */
        public double serviceLevel() {
            return resolved() == 0 ? Double.NaN : (double) answeredWithin / resolved();
        }

        /** Callers who hung up before an agent answered, over every caller resolved; 0 with none. */
        public double abandonRate() {
            return resolved() == 0 ? 0 : (double) abandoned / resolved();
        }
    }

    private final long serviceMillis;
    private long within;
    private long later;
    private long abandoned;
    private final long[] minuteIds = new long[MINUTES];
    private final long[][] byMinute = new long[MINUTES][3];

    public InboundService(long serviceMillis) {
        this.serviceMillis = serviceMillis;
        java.util.Arrays.fill(minuteIds, Long.MIN_VALUE);
    }

    public void answered(long atMillis, long waitedMillis) {
        int kind = waitedMillis <= serviceMillis ? 0 : 1;
        if (kind == 0) {
            within++;
        } else {
            later++;
        }
        add(atMillis, kind);
    }

    public void abandoned(long atMillis) {
        abandoned++;
        add(atMillis, 2);
    }

    private void add(long atMillis, int kind) {
        long id = Math.floorDiv(atMillis, MINUTE);
        int slot = (int) Math.floorMod(id, (long) MINUTES);
        if (minuteIds[slot] != id) {
            if (minuteIds[slot] > id) {
                return;
            }
            minuteIds[slot] = id;
            byMinute[slot] = new long[3];
        }
        byMinute[slot][kind]++;
    }

    public Counts total() {
        return new Counts(within, later, abandoned);
    }

    /** The callers resolved in the last hour up to {@code nowMillis} (whole minutes). */
    public Counts lastHour(long nowMillis) {
        long last = Math.floorDiv(nowMillis, MINUTE);
        long[] sum = new long[3];
        for (int slot = 0; slot < MINUTES; slot++) {
            if (minuteIds[slot] > last - MINUTES && minuteIds[slot] <= last) {
                for (int k = 0; k < 3; k++) {
                    sum[k] += byMinute[slot][k];
                }
            }
        }
        return new Counts(sum[0], sum[1], sum[2]);
    }
}
