package dialer.core.call;

/**
 * A call the compliance guard granted, with its attempt opened (written before the call is
 * placed) and the reservation that holds its slot.
 */
public record PlacedCall(long attemptId, long campaignId, long leadId, long debtorId, long phoneId, String e164,
                         String phoneType, String debtorName, long reservationId, String callPath) {

    /** Our call id for the AMI bridge: every event of the call carries it. */
    public String callId() {
        return callIdOf(attemptId);
    }

    private static final String PREFIX = "c";

    public static String callIdOf(long attemptId) {
        return PREFIX + attemptId;
    }

    /** The attempt of one of our callee call ids; null for any other id (an agent's leg, say). */
    public static Long attemptIdOf(String callId) {
        if (callId == null || !callId.startsWith(PREFIX)) {
            return null;
        }
        try {
            return Long.parseLong(callId.substring(PREFIX.length()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
