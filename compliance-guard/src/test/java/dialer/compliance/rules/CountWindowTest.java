package dialer.compliance.rules;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CountWindowTest {

    static final ZoneId NY = ZoneId.of("America/New_York");

    static Instant ny(String t) {
        return LocalDateTime.parse(t).atZone(NY).toInstant();
    }

    @Test
    void weekStartsMondayAtLocalMidnight() {
        CountWindow w = CountWindow.localWeek();
        Instant sunday = ny("2024-01-14T23:59");
        Instant monday = ny("2024-01-15T00:00");
        assertThat(w.contains(sunday, ny("2024-01-14T23:59:30"), NY)).isTrue();
        assertThat(w.contains(sunday, monday, NY)).as("Sunday's call leaves at Monday 00:00").isFalse();
        assertThat(w.leaves(ny("2024-01-10T12:00"), NY)).isEqualTo(monday);
    }

    @Test
    void monthHandlesLeapFebruary() {
        CountWindow w = CountWindow.localMonth();
        assertThat(w.leaves(ny("2024-02-29T12:00"), NY)).isEqualTo(ny("2024-03-01T00:00"));
        assertThat(w.contains(ny("2024-02-01T00:00"), ny("2024-02-29T23:59"), NY)).isTrue();
        assertThat(w.contains(ny("2024-01-31T23:59"), ny("2024-02-29T23:59"), NY)).isFalse();
    }

    @Test
    void localDaysCountTodayAsDayOneAcrossDst() {
        CountWindow w = CountWindow.localDays(7);
        // Mar 10 2024 is 23 hours long in New York: the window still starts at local midnight 6 dates back
        assertThat(w.contains(ny("2024-03-05T00:00"), ny("2024-03-11T23:59"), NY)).isTrue();
        assertThat(w.contains(ny("2024-03-04T23:59"), ny("2024-03-11T23:59"), NY)).isFalse();
        assertThat(w.leaves(ny("2024-03-05T15:00"), NY)).isEqualTo(ny("2024-03-12T00:00"));
    }

    @Test
    void rollingExcludesTheExactStart() {
        CountWindow w = CountWindow.rolling(Duration.ofHours(72));
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        assertThat(w.contains(t, t.plus(Duration.ofHours(72)), NY)).isFalse();
        assertThat(w.contains(t, t.plus(Duration.ofHours(72)).minusNanos(1000), NY)).isTrue();
        assertThat(w.leaves(t, NY)).isEqualTo(t.plus(Duration.ofHours(72)));
        assertThatThrownBy(() -> CountWindow.rolling(Duration.ZERO)).hasMessageContaining("positive");
        assertThatThrownBy(() -> CountWindow.localDays(0)).hasMessageContaining("1 to 366");
    }
}
