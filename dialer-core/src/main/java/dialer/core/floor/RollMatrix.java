package dialer.core.floor;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Roll rates and recovery by delinquency bucket, from how many accounts went from each bucket at
 * the period's start to each bucket at its end (with their balance at the start and what was
 * collected on them in the period). An account with no bucket at the end counts as cured.
 */
public final class RollMatrix {

    /** The buckets, least delinquent first. */
    public static final List<String> BUCKETS = List.of("M1", "M2", "M3", "M4", "M5", "M6+");

    /**
     * A bucket at the period's start: its accounts, where they were at the end, and what they gave.
     *
     * @param rolledForward accounts in a worse bucket at the end (the roll rate's numerator)
     * @param rolledToNext  of those, accounts exactly one bucket worse (M1 to M2...)
     * @param stayed        accounts in the same bucket
     * @param improved      accounts in a better bucket, or with none (cured)
     */
    public record Line(String bucket, long accounts, BigDecimal balanceAtStart, Map<String, Long> toBucket, long rolledForward,
                       long rolledToNext, long stayed, long improved, BigDecimal collected) {

        /** Share of the bucket's accounts that rolled to a worse bucket. */
        public BigDecimal rollRate() {
            return Rates.share(rolledForward, accounts);
        }

        /** Collected in the period over the bucket's balance at its start. */
        public BigDecimal recoveryRate() {
            return Rates.share(collected, balanceAtStart);
        }
    }

    private static final class Tally {
        long accounts;
        BigDecimal balance = BigDecimal.ZERO;
        BigDecimal collected = BigDecimal.ZERO;
        final Map<String, Long> to = new LinkedHashMap<>();
        long forward;
        long next;
        long stayed;
        long improved;
    }

    private final Map<String, Tally> tallies = new LinkedHashMap<>();

    public RollMatrix() {
        BUCKETS.forEach(b -> tallies.put(b, new Tally()));
    }

    /** {@code accounts} accounts went from {@code from} to {@code to} (null: no bucket, cured). */
    public void add(String from, String to, long accounts, BigDecimal balanceAtStart, BigDecimal collected) {
        Tally t = tallies.get(from);
        if (t == null) {
            throw new IllegalArgumentException("not a bucket: " + from);
        }
        int fromRank = BUCKETS.indexOf(from);
        int toRank = to == null ? -1 : BUCKETS.indexOf(to);
        if (to != null && toRank < 0) {
            throw new IllegalArgumentException("not a bucket: " + to);
        }
        t.accounts += accounts;
        t.balance = t.balance.add(balanceAtStart);
        t.collected = t.collected.add(collected);
        t.to.merge(to == null ? "CURED" : to, accounts, Long::sum);
        if (toRank > fromRank) {
            t.forward += accounts;
            if (toRank == fromRank + 1) {
                t.next += accounts;
            }
        } else if (toRank == fromRank) {
            t.stayed += accounts;
        } else {
            t.improved += accounts;
        }
    }

    /** One line per bucket, M1 first (buckets without accounts too). */
    public List<Line> lines() {
        List<Line> out = new ArrayList<>();
        tallies.forEach((bucket, t) -> out.add(new Line(bucket, t.accounts, t.balance, Map.copyOf(t.to), t.forward, t.next,
                t.stayed, t.improved, t.collected)));
        return out;
    }
}
