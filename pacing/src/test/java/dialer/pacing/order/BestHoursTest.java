package dialer.pacing.order;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BestHoursTest {

    private static final double EPS = 1e-9;

    /** List strength 2, level strength 1, hour strength 3, neighbours at weight {@code w}. */
    private static BestHours learner(double w) {
        BestHours b = new BestHours(new BestHours.Settings(2, 1, 3, w));
        // debtor 1: 4 attempts at 10:00 without contact, 2 contacts in 2 attempts at 19:00
        for (int i = 0; i < 4; i++) {
            b.record(1, 10, false);
        }
        b.record(1, 19, true);
        b.record(1, 19, true);
        // debtor 2: one contact in 2 attempts at 10:00
        b.record(2, 10, true);
        b.record(2, 10, false);
        return b;
    }

    @Test
    void withoutHistoryEveryoneScoresTheLaplaceRate() {
        BestHours b = new BestHours(new BestHours.Settings(2, 1, 3, 0));
        assertThat(b.listRate()).isCloseTo(0.5, within(EPS));
        assertThat(b.listScore(9)).isCloseTo(0.5, within(EPS));
        assertThat(b.score(7, 9)).isCloseTo(0.5, within(EPS));
        assertThat(b.level(7)).isEqualTo(1.0);
    }

    @Test
    void theListProfileIsShrunkTowardsTheListRate() {
        BestHours b = learner(0);
        // 8 attempts, 3 contacts: p0 = 4 / 10
        assertThat(b.listRate()).isCloseTo(0.4, within(EPS));
        // 10:00: 1 contact in 6 attempts: (1 + 2 * 0.4) / (6 + 2)
        assertThat(b.listScore(10)).isCloseTo(0.225, within(EPS));
        // 19:00: 2 in 2: (2 + 0.8) / 4
        assertThat(b.listScore(19)).isCloseTo(0.7, within(EPS));
        // 15:00, no attempt: the list rate
        assertThat(b.listScore(15)).isCloseTo(0.4, within(EPS));
    }

    @Test
    void aDebtorsScoreShrinksTheirHourTowardsTheirLevelTimesTheListsHour() {
        BestHours b = learner(0);
        // debtor 1 expected 4 * 0.225 + 2 * 0.7 = 2.3 contacts, had 2: level (2 + 1) / (2.3 + 1)
        double m1 = 3 / 3.3;
        assertThat(b.level(1)).isCloseTo(m1, within(EPS));
        // 19:00: (2 + 3 * m1 * 0.7) / (2 + 3) = 0.781818...
        assertThat(b.score(1, 19)).isCloseTo((2 + 3 * m1 * 0.7) / 5, within(EPS)).isCloseTo(0.7818182, within(1e-6));
        // 10:00: (0 + 3 * m1 * 0.225) / (4 + 3) = 0.0876623...
        assertThat(b.score(1, 10)).isCloseTo(0.0876623, within(1e-6));
        // 15:00, never tried there: the prior m1 * 0.4
        assertThat(b.score(1, 15)).isCloseTo(m1 * 0.4, within(EPS));
        // debtor 2: expected 2 * 0.225 = 0.45, had 1: level 2 / 1.45; 10:00: (1 + 3 * level * 0.225) / 5
        assertThat(b.score(2, 10)).isCloseTo((1 + 3 * (2 / 1.45) * 0.225) / 5, within(EPS)).isCloseTo(0.3862069, within(1e-6));
        // a debtor never tried: the list's hour
        assertThat(b.score(99, 19)).isCloseTo(0.7, within(EPS));
        // so debtor 1's best hour is the evening, and at 10:00 the unknown debtor beats them
        assertThat(b.score(1, 19)).isGreaterThan(b.score(1, 10));
        assertThat(b.score(99, 10)).isGreaterThan(b.score(1, 10));
        assertThat(b.attempts(1)).isEqualTo(6);
        assertThat(b.debtors()).isEqualTo(2);
    }

    @Test
    void neighbouringHoursCountWithTheirWeight() {
        BestHours b = learner(0.5);
        double m1 = 3 / 3.3;  // the level uses exact hours only
        // 18:00: a' = 0.5 * (0 + 2) = 1, r' = 0.5 * (0 + 2) = 1, prior m1 * pL(18) = m1 * 0.4
        assertThat(b.score(1, 18)).isCloseTo((1 + 3 * m1 * 0.4) / (1 + 3), within(EPS)).isCloseTo(0.5227273, within(1e-6));
        // 19:00: its own 2 in 2, no neighbours tried
        assertThat(b.score(1, 19)).isCloseTo(0.7818182, within(1e-6));
        // the day wraps: an attempt at 00:00 is a neighbour of 23:00
        b.record(3, 0, true);
        assertThat(b.score(3, 23)).isGreaterThan(b.level(3) * b.listScore(23));
    }

    @Test
    void rejectsHoursOutsideTheDay() {
        BestHours b = new BestHours();
        assertThatThrownBy(() -> b.record(1, 24, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.score(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
