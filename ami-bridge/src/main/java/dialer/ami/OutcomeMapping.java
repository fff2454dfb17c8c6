package dialer.ami;

/**
 * AMI OriginateResponse reasons and Q.850 hang-up causes, mapped to {@link CallOutcome}s.
 *
 * <p>Originate reasons (Asterisk's last control frame): 0 no such channel / failed, 1 hung up,
 * 3 ringing timed out, 4 answered, 5 busy, 8 congestion.
 */
public final class OutcomeMapping {

    private OutcomeMapping() {
    }

    /** The outcome an unsuccessful originate's reason decides alone, or null when the cause must tell. */
    public static CallOutcome fromOriginateReason(int reason) {
        return switch (reason) {
            case 3 -> CallOutcome.NO_ANSWER;
            case 5 -> CallOutcome.BUSY;
            case 8 -> CallOutcome.CONGESTION;
            default -> null;
        };
    }

    /** The outcome a Q.850 hang-up cause of an unanswered call means. */
    public static CallOutcome fromHangupCause(int cause) {
        return switch (cause) {
            // unallocated number, no route to network/destination, number changed, invalid number format
            case 1, 2, 3, 22, 28 -> CallOutcome.INVALID_NUMBER;
            case 17 -> CallOutcome.BUSY;
            // no user responding, no answer, subscriber absent
            case 18, 19, 20 -> CallOutcome.NO_ANSWER;
            // no circuit available, network out of order, temporary failure, switching congestion,
            // requested channel not available, resources unavailable
            case 34, 38, 41, 42, 44, 47 -> CallOutcome.CONGESTION;
            default -> CallOutcome.FAILED;
        };
    }
}
