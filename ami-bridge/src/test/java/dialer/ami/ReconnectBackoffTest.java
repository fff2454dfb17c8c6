package dialer.ami;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReconnectBackoffTest {

    @Test
    void doublesUpToTheCap() {
        var backoff = new ReconnectBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), () -> 1.0);
        assertThat(backoff.delay(0)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.delay(5)).isEqualTo(Duration.ofMillis(6400));
        assertThat(backoff.delay(6)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.delay(1000)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void jitterTakesOffAtMostHalf() {
        var backoff = new ReconnectBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), () -> 0.0);
        assertThat(backoff.delay(0)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.delay(40)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void refusesANonsenseRange() {
        assertThatThrownBy(() -> new ReconnectBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), Math::random))
                .hasMessageContaining("first");
    }
}
