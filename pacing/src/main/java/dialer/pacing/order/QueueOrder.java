package dialer.pacing.order;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The order in which the leads callable now are dialled. The caller has already kept only the leads that
 * may be called now (inside their local calling window, under their attempt caps, their retry spacing
 * elapsed, not already on a call): this class only orders them.
 *
 * <ul>
 *   <li>{@link #amountThenDays()} (the campaign default and the baseline): campaign priority tier (lower
 *       first), then amount overdue (highest first), then days overdue (highest first), then debtor id.</li>
 *   <li>{@link #bestHours(BestHours)}: campaign priority tier first, as set by the campaign; within a tier,
 *       the learned chance of a right-party contact at the lead's current local hour
 *       ({@link BestHours#score}, highest first), that is the expected right-party contacts of the next
 *       dial; equal chances (for example leads with no history in the same zone) keep amount, then days
 *       overdue, then debtor id.</li>
 * </ul>
 * Each lead is scored once per call of {@link #order}, at the local hour given in its {@link Candidate}.
 */
public final class QueueOrder {

    /**
     * A lead callable now.
     *
     * @param debtorId     the debtor
     * @param priority     the campaign's priority tier, lower first (for example a bucket's rank); 0 when the
     *                     campaign sets none
     * @param amountCents  amount overdue
     * @param daysOverdue  days overdue
     * @param localHour    the debtor's local hour now (0-23)
     */
    public record Candidate(long debtorId, int priority, long amountCents, int daysOverdue, int localHour) {
    }

    private static final Comparator<Candidate> AMOUNT_THEN_DAYS = Comparator
            .comparingLong((Candidate c) -> -c.amountCents())
            .thenComparingInt(c -> -c.daysOverdue())
            .thenComparingLong(Candidate::debtorId);

    private final String name;
    private final ContactChance learner;

    private QueueOrder(String name, ContactChance learner) {
        this.name = name;
        this.learner = learner;
    }

    /** Priority tier, then amount overdue, then days overdue. */
    public static QueueOrder amountThenDays() {
        return new QueueOrder("amount-then-days", null);
    }

    /** Priority tier, then the learned chance of a right-party contact now, then amount, then days overdue. */
    public static QueueOrder bestHours(BestHours learner) {
        return byChance("best-hours", learner);
    }

    /** Priority tier, then {@code chance} now (highest first), then amount, then days overdue (the simulator's oracle uses it with the true chances). */
    public static QueueOrder byChance(String name, ContactChance chance) {
        return new QueueOrder(name, chance);
    }

    public String name() {
        return name;
    }

    /** The candidates in dialling order (a new list). */
    public List<Candidate> order(Collection<Candidate> candidates) {
        List<Scored> scored = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            scored.add(new Scored(c, learner == null ? 0 : learner.score(c.debtorId(), c.localHour())));
        }
        scored.sort(Comparator.comparingInt((Scored s) -> s.candidate().priority())
                .thenComparingDouble(s -> -s.score())
                .thenComparing(Scored::candidate, AMOUNT_THEN_DAYS));
        List<Candidate> ordered = new ArrayList<>(scored.size());
        for (Scored s : scored) {
            ordered.add(s.candidate());
        }
        return ordered;
    }

    private record Scored(Candidate candidate, double score) {
    }

    @Override
    public String toString() {
        return name;
    }
}
