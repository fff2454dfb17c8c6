package dialer.pacing.estimate;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AbandonmentWindowTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private static long at(String localDateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), LONDON).toInstant().toEpochMilli();
    }

    @Test
    void calendarDayStartsAtLocalMidnight() {
        AbandonmentWindow w = new AbandonmentWindow(LONDON, 30);
        w.liveResolved(at("2026-07-01T23:50:00"), true);
        w.liveResolved(at("2026-07-02T00:10:00"), false);
        w.liveResolved(at("2026-07-02T09:00:00"), true);
        w.dialPlaced(at("2026-07-02T09:00:00"));
        Tally today = w.calendarDay(at("2026-07-02T10:00:00"));
        assertThat(today.liveAnswered()).isEqualTo(2);
        assertThat(today.abandoned()).isEqualTo(1);
        assertThat(today.dials()).isEqualTo(1);
        assertThat(today.abandonRate()).isEqualTo(0.5);
        assertThat(w.rolling(at("2026-07-02T10:00:00")).liveAnswered()).isEqualTo(3);
    }

    @Test
    void rollingWindowForgetsWhatIsOlderThanItsSpan() {
        AbandonmentWindow w = new AbandonmentWindow(ZoneId.of("UTC"), 30);
        long day = 86_400_000L;
        w.liveResolved(0, true);
        for (int i = 0; i < 99; i++) {
            w.liveResolved(10 * day, false);
        }
        assertThat(w.rolling(20 * day).abandonRate()).isEqualTo(0.01, within(1e-12));
        assertThat(w.rolling(31 * day).abandoned()).isZero();
        assertThat(w.rolling(31 * day).liveAnswered()).isEqualTo(99);
    }

    @Test
    void falsePositivesCountAsAnsweredAndAbandoned() {
        AbandonmentWindow w = new AbandonmentWindow(ZoneId.of("UTC"), 30);
        w.liveResolved(1_000, false);
        w.machineFalsePositive(2_000);
        Tally t = w.calendarDay(3_000);
        assertThat(t.liveAnswered()).isEqualTo(2);
        assertThat(t.abandoned()).isEqualTo(1);
        assertThat(t.headroom(0.03)).isEqualTo(0.03 * 2 - 1, within(1e-12));
    }

    @Test
    void recentActivityCoversTheLastMinutes() {
        RecentActivity r = new RecentActivity();
        r.dialPlaced(1_000);
        r.dialPlaced(100_000);
        r.liveResolved(100_500, true);
        Tally lastMinute = r.last(120_000, 60_000);
        assertThat(lastMinute.dials()).isEqualTo(1);
        assertThat(lastMinute.abandoned()).isEqualTo(1);
        assertThat(r.last(120_000, 600_000).dials()).isEqualTo(2);
    }
}
