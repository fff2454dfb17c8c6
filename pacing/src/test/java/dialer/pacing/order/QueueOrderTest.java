package dialer.pacing.order;

import dialer.pacing.order.QueueOrder.Candidate;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QueueOrderTest {

    // tier 1: a large debt of an evening person (debtor 1), a small debt of a morning person (debtor 2),
    // a new debtor (3) in between; tier 0: a small debt (4)
    private static final Candidate BIG_EVENING = new Candidate(1, 1, 500_000, 90, 10);
    private static final Candidate SMALL_MORNING = new Candidate(2, 1, 20_000, 30, 10);
    private static final Candidate NEW = new Candidate(3, 1, 100_000, 200, 10);
    private static final Candidate TIER0 = new Candidate(4, 0, 1_000, 10, 10);
    private static final List<Candidate> ALL = List.of(BIG_EVENING, SMALL_MORNING, NEW, TIER0);

    private static BestHours history() {
        BestHours b = new BestHours(new BestHours.Settings(2, 1, 3, 0));
        for (int i = 0; i < 4; i++) {
            b.record(1, 10, false);
            b.record(2, 10, true);
        }
        b.record(1, 19, true);
        return b;
    }

    @Test
    void amountThenDaysKeepsTheTierThenSortsByAmountThenDays() {
        Candidate sameAmountMoreDays = new Candidate(5, 1, 100_000, 300, 10);
        assertThat(QueueOrder.amountThenDays().order(List.of(BIG_EVENING, SMALL_MORNING, NEW, TIER0, sameAmountMoreDays)))
                .containsExactly(TIER0, BIG_EVENING, sameAmountMoreDays, NEW, SMALL_MORNING);
    }

    @Test
    void bestHoursKeepsTheTierThenSortsByTheChanceNow() {
        BestHours b = history();
        // at 10:00: debtor 2 answers mornings, the new debtor scores the list's 10:00, debtor 1 less
        assertThat(b.score(2, 10)).isGreaterThan(b.score(3, 10));
        assertThat(b.score(3, 10)).isGreaterThan(b.score(1, 10));
        assertThat(QueueOrder.bestHours(b).order(ALL)).containsExactly(TIER0, SMALL_MORNING, NEW, BIG_EVENING);
    }

    @Test
    void equalChancesFallBackToAmountThenDays() {
        BestHours empty = new BestHours();
        assertThat(QueueOrder.bestHours(empty).order(ALL)).containsExactly(TIER0, BIG_EVENING, NEW, SMALL_MORNING);
    }
}
