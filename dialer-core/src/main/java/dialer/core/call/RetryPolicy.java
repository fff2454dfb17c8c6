package dialer.core.call;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * When a lead is called again after a disposition, or whether it is done. Final dispositions
 * (e.g. promise to pay) and a lead that has used its attempts end it.
 */
public final class RetryPolicy {

    /** What happens to the lead. {@code nextCallAt} is null when it is done. */
    public record Next(boolean done, Instant nextCallAt) {
    }

    private static final Map<String, Duration> DELAYS = Map.ofEntries(
            Map.entry("BUSY", Duration.ofMinutes(10)),
            Map.entry("NO_ANSWER", Duration.ofHours(1)),
            Map.entry("MACHINE", Duration.ofHours(4)),
            Map.entry("CONGESTION", Duration.ofMinutes(5)),
            Map.entry("FAILED", Duration.ofMinutes(5)),
            Map.entry("ABANDONED", Duration.ofHours(1)),
            Map.entry("CALLEE_HUNG_UP", Duration.ofHours(1)),
            Map.entry("RPC", Duration.ofDays(1)),
            Map.entry("REFUSED", Duration.ofDays(2)),
            Map.entry("THIRD_PARTY", Duration.ofDays(1)),
            Map.entry("CALLBACK", Duration.ofDays(1)),
            Map.entry("WRONG_NUMBER", Duration.ofDays(1)));

    public Next after(String code, boolean finalCode, int attemptsMade, int maxAttempts, Instant now) {
        if (finalCode || attemptsMade >= maxAttempts) {
            return new Next(true, null);
        }
        return new Next(false, now.plus(DELAYS.getOrDefault(code, Duration.ofHours(1))));
    }
}
