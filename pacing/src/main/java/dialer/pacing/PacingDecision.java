package dialer.pacing;

/**
 * The outcome of one pacing decision.
 *
 * @param callsToPlace how many new calls to place now (0 or more)
 * @param reason       a short human-readable explanation, for logs and supervisors' screens
 */
public record PacingDecision(int callsToPlace, String reason) {

    public PacingDecision {
        if (callsToPlace < 0) {
            throw new IllegalArgumentException("callsToPlace cannot be negative: " + callsToPlace);
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a decision says why");
        }
    }

    public static PacingDecision none(String reason) {
        return new PacingDecision(0, reason);
    }
}
