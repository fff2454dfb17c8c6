package dialer.compliance;

import java.time.Instant;
import java.util.Objects;

/**
 * The callee's consent to be called on this number (e.g. TCPA prior express consent for automatic
 * calls to a mobile), valid from {@code givenAt} until {@code expiresAt} (exclusive; null = no expiry).
 */
public record Consent(Instant givenAt, Instant expiresAt, String source) {
    public Consent {
        Objects.requireNonNull(givenAt, "consent needs the instant it was given");
        if (expiresAt != null && !expiresAt.isAfter(givenAt)) {
            throw new IllegalArgumentException("consent expires at " + expiresAt + ", not after it was given at " + givenAt);
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("consent needs a source (where and how it was given)");
        }
    }

    public boolean validAt(Instant t) {
        return !t.isBefore(givenAt) && (expiresAt == null || t.isBefore(expiresAt));
    }
}
