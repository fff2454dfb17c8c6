package dialer.pacing.estimate;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecentActivityTest {

    @Test
    void severalSpansAtOnceCountAsEachSpanAlone() {
        RecentActivity recent = new RecentActivity();
        Random random = new Random(7);
        long t = 0;
        for (int i = 0; i < 5_000; i++) {
            t += random.nextInt(900);
            recent.dialPlaced(t);
            if (random.nextInt(5) == 0) {
                recent.liveResolved(t, random.nextInt(20) == 0);
            }
        }
        long now = t + 250;
        long[] spans = {1_000, 59_999, 60_000, 600_000, 1_000_001, 1_800_000};
        Tally[] all = recent.last(now, spans);
        for (int i = 0; i < spans.length; i++) {
            assertThat(all[i]).isEqualTo(recent.last(now, spans[i]));
        }
        assertThat(all[5].liveAnswered()).isGreaterThan(all[3].liveAnswered()).isGreaterThan(0);
    }

    @Test
    void keepsHalfAnHourAndNoMore() {
        RecentActivity recent = new RecentActivity();
        recent.liveResolved(0, true);
        recent.liveResolved(1_000_000, false);
        assertThat(recent.last(1_799_000, 1_800_000)).isEqualTo(new Tally(0, 2, 1));
        assertThat(recent.last(1_801_000, 1_800_000)).isEqualTo(new Tally(0, 1, 0)); // one-second buckets
        assertThatThrownBy(() -> recent.last(0, 1_800_001)).isInstanceOf(IllegalArgumentException.class);
    }
}
