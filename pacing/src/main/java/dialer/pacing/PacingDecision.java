package dialer.pacing;

/**
 * The outcome of one pacing decision.
 *
 * @param callsToPlace      how many new calls to place now (0 or more)
 * @param reason            a short human-readable explanation, for logs and supervisors' screens
 * @param screenForMachines whether these calls go through answering-machine detection (when the campaign uses
 *                          it); {@code false} when the pacer waives it: every answer, machine or person, then
 *                          goes to an agent, and the driver does not feed these calls to the statistics (an
 *                          answer there is not the live answer the estimates count)
 */
public record PacingDecision(int callsToPlace, String reason, boolean screenForMachines) {

    public PacingDecision {
        if (callsToPlace < 0) {
            throw new IllegalArgumentException("callsToPlace cannot be negative: " + callsToPlace);
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a decision says why");
        }
    }

    /** Calls screened by answering-machine detection as the campaign says (the usual case). */
    public PacingDecision(int callsToPlace, String reason) {
        this(callsToPlace, reason, true);
    }

    public static PacingDecision none(String reason) {
        return new PacingDecision(0, reason);
    }

    /** Calls placed without answering-machine detection: agents hear the machines themselves. */
    public static PacingDecision withoutMachineDetection(int callsToPlace, String reason) {
        return new PacingDecision(callsToPlace, reason, false);
    }

    /** The same decision held to {@code calls} (a cap the driver applies), saying why. */
    public PacingDecision limitedTo(int calls, String why) {
        return new PacingDecision(calls, reason + "; " + why, screenForMachines);
    }

    /** The same decision with a note added to its reason. */
    public PacingDecision noting(String note) {
        return new PacingDecision(callsToPlace, reason + "; " + note, screenForMachines);
    }
}
