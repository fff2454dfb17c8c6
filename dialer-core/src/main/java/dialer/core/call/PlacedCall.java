package dialer.core.call;

/**
 * A call the compliance guard granted, with its attempt opened (written before the call is
 * placed) and the reservation that holds its slot.
 */
public record PlacedCall(long attemptId, long campaignId, long leadId, long debtorId, long phoneId, String e164,
                         String phoneType, String debtorName, long reservationId, String callPath) {

    /** Our call id for the AMI bridge: every event of the call carries it. */
    public String callId() {
        return "c" + attemptId;
    }
}
