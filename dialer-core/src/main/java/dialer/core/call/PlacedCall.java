package dialer.core.call;

/** A lead claimed for a call, with the attempt opened for it (written before the call is placed). */
public record PlacedCall(long attemptId, long campaignId, long leadId, long debtorId, long phoneId, String e164,
                         String phoneType, String debtorName) {

    /** Our call id for the AMI bridge: every event of the call carries it. */
    public String callId() {
        return "c" + attemptId;
    }
}
