package dialer.core.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class LoginLimiterTest {

    @Test
    void theBackOffStartsAtTheFifthGuessAndDoublesUpToFifteenMinutes() {
        for (int g = 0; g < LoginLimiter.FREE_GUESSES; g++) {
            assertThat(LoginLimiter.backoff(g)).as("guess " + g).isZero();
        }
        assertThat(LoginLimiter.backoff(5)).isEqualTo(Duration.ofMinutes(1));
        assertThat(LoginLimiter.backoff(6)).isEqualTo(Duration.ofMinutes(2));
        assertThat(LoginLimiter.backoff(7)).isEqualTo(Duration.ofMinutes(4));
        assertThat(LoginLimiter.backoff(8)).isEqualTo(Duration.ofMinutes(8));
        assertThat(LoginLimiter.backoff(9)).isEqualTo(Duration.ofMinutes(15));
        assertThat(LoginLimiter.backoff(1_000_000)).isEqualTo(Duration.ofMinutes(15));
    }
}
