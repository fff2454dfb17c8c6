package dialer.pacing.estimate;

/**
 * Dials, live answers and abandons counted in fixed-width time buckets on a ring that covers a fixed
 * span; older buckets are overwritten. Timestamps may arrive out of order within the span.
 */
final class BucketedCounts {

    private final long bucketMillis;
    private final long[] bucketIds;
    private final long[] dials;
    private final long[] lives;
    private final long[] abandons;

    BucketedCounts(long bucketMillis, int buckets) {
        this.bucketMillis = bucketMillis;
        this.bucketIds = new long[buckets];
        java.util.Arrays.fill(bucketIds, Long.MIN_VALUE);
        this.dials = new long[buckets];
        this.lives = new long[buckets];
        this.abandons = new long[buckets];
    }

    long bucketMillis() {
        return bucketMillis;
    }

    void add(long atMillis, long dialCount, long liveCount, long abandonCount) {
        long id = Math.floorDiv(atMillis, bucketMillis);
        int slot = (int) Math.floorMod(id, (long) bucketIds.length);
        if (bucketIds[slot] != id) {
            if (bucketIds[slot] > id) {
                return; // older than the ring covers
            }
            bucketIds[slot] = id;
            dials[slot] = 0;
            lives[slot] = 0;
            abandons[slot] = 0;
        }
        dials[slot] += dialCount;
        lives[slot] += liveCount;
        abandons[slot] += abandonCount;
    }

    /** Sum of the buckets whose start lies in [fromMillis, toMillis]. */
    Tally sum(long fromMillis, long toMillis) {
        long first = Math.floorDiv(fromMillis, bucketMillis);
        long last = Math.floorDiv(toMillis, bucketMillis);
        first = Math.max(first, last - bucketIds.length + 1);
        long d = 0;
        long l = 0;
        long a = 0;
        for (long id = first; id <= last; id++) {
            int slot = (int) Math.floorMod(id, (long) bucketIds.length);
            if (bucketIds[slot] == id) {
                d += dials[slot];
                l += lives[slot];
                a += abandons[slot];
            }
        }
        return new Tally(d, l, a);
    }

    /**
     * {@link #sum(long, long)} for several starts and one end, in one backward pass: element i sums the
     * buckets whose start lies in [{@code fromMillis[i]}, {@code toMillis}].
     */
    Tally[] sums(long[] fromMillis, long toMillis) {
        long last = Math.floorDiv(toMillis, bucketMillis);
        long[] firsts = new long[fromMillis.length];
        long earliest = last;
        for (int i = 0; i < fromMillis.length; i++) {
            firsts[i] = Math.max(Math.floorDiv(fromMillis[i], bucketMillis), last - bucketIds.length + 1);
            earliest = Math.min(earliest, firsts[i]);
        }
        int n = (int) (last - earliest + 1);
        long[] d = new long[n + 1];
        long[] l = new long[n + 1];
        long[] a = new long[n + 1];
        // suffix sums from the newest bucket backwards: index j holds buckets last - j + 1 .. last
        for (int j = 1; j <= n; j++) {
            long id = last - j + 1;
            int slot = (int) Math.floorMod(id, (long) bucketIds.length);
            boolean here = bucketIds[slot] == id;
            d[j] = d[j - 1] + (here ? dials[slot] : 0);
            l[j] = l[j - 1] + (here ? lives[slot] : 0);
            a[j] = a[j - 1] + (here ? abandons[slot] : 0);
        }
        Tally[] out = new Tally[fromMillis.length];
        for (int i = 0; i < out.length; i++) {
            int j = (int) Math.max(0, last - firsts[i] + 1);
            out[i] = new Tally(d[j], l[j], a[j]);
        }
        return out;
    }
}
