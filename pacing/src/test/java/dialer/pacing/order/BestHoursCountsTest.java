package dialer.pacing.order;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Recording summed counts learns exactly what recording the attempts one by one learns. */
class BestHoursCountsTest {

    @Test
    void countsAtOnceEqualTheAttemptsOneByOne() {
        BestHours one = new BestHours();
        BestHours counts = new BestHours();
        int[][] events = {{7, 10, 2}, {9, 30, 9}, {18, 12, 6}, {23, 1, 0}};
        for (int[] e : events) {
            for (int i = 0; i < e[1]; i++) {
                one.record(-1, e[0], i < e[2]);
            }
            counts.record(-1, e[0], e[1], e[2]);
        }
        one.record(42, 18, true);
        one.record(42, 9, false);
        counts.record(42, 18, 1, 1);
        counts.record(42, 9, 1, 0);
        assertThat(counts.listRate()).isEqualTo(one.listRate());
        for (int h = 0; h < 24; h++) {
            assertThat(counts.listScore(h)).as("list hour %d", h).isEqualTo(one.listScore(h));
            assertThat(counts.score(42, h)).as("debtor hour %d", h).isEqualTo(one.score(42, h));
        }
        assertThat(counts.attempts(42)).isEqualTo(2);
        assertThat(counts.level(42)).isEqualTo(one.level(42));
    }

    @Test
    void noAttemptsAddNothingAndImpossibleCountsAreRefused() {
        BestHours learner = new BestHours();
        learner.record(5, 10, 0, 0);
        assertThat(learner.debtors()).isZero();
        assertThatThrownBy(() -> learner.record(5, 10, 2, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> learner.record(5, 24, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
