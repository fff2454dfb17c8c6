package dialer.core.call;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy();
    private final Instant now = Instant.parse("2026-11-22T15:00:00Z");

    @Test
    void eachDispositionHasItsDelay() {
        assertThat(policy.after("BUSY", false, 1, 5, now).nextCallAt()).isEqualTo(now.plus(Duration.ofMinutes(10)));
        assertThat(policy.after("NO_ANSWER", false, 1, 5, now).nextCallAt()).isEqualTo(now.plus(Duration.ofHours(1)));
        assertThat(policy.after("MACHINE", false, 2, 5, now).nextCallAt()).isEqualTo(now.plus(Duration.ofHours(4)));
    }

    @Test
    void finalDispositionsAndUsedUpAttemptsEndTheLead() {
        assertThat(policy.after("PTP", true, 1, 5, now).done()).isTrue();
        assertThat(policy.after("BUSY", false, 5, 5, now).done()).isTrue();
        assertThat(policy.after("BUSY", false, 4, 5, now).done()).isFalse();
    }
}
