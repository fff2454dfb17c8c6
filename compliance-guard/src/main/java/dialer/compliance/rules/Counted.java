package dialer.compliance.rules;

import dialer.compliance.PastAttempt;

/**
 * What a frequency limit counts. Released reservations, and reservations that lapsed without being
 * dialed, never count; pending ones and ones dialed and then expired count as the worst case (one
 * call, which may have been a right-party contact).
 */
public enum Counted {
    /** Every call placed (or reserved and not released). */
    ATTEMPTS("attempts"),
    /**
     * Every call placed except those known not to have connected to the dialed number (busy, not in
     * service, network failure): 12 CFR 1006.14(b)(3)(ii). Unanswered calls, voicemail, FAILED
     * (unknown) and calls in progress or of unknown outcome count.
     */
    CALLS_CONNECTING_TO_NUMBER("calls connecting to the dialed number"),
    /** Calls picked up by anyone or anything, answering machines included (China's 接通). */
    CONNECTED("connected calls"),
    /** Calls answered by a live person. */
    ANSWERED_LIVE("live answers"),
    /** Calls where an agent talked with someone. */
    CONVERSATIONS("conversations"),
    /** Calls where an agent talked with the debtor. */
    RIGHT_PARTY_CONTACTS("right-party contacts");

    private final String label;

    Counted(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether {@code a} counts at {@code now}: released and lapsed (never dialed) reservations never do. */
    public boolean counts(PastAttempt a, java.time.Instant now) {
        if (!a.counts(now) || a.inbound()) {
            return false; // no call, or a conversation the consumer started: no call placed
        }
        var o = a.assumedOutcome();
        return switch (this) {
            case ATTEMPTS -> true;
            case CALLS_CONNECTING_TO_NUMBER -> o.connectedToNumber();
            case CONNECTED -> o.connected();
            case ANSWERED_LIVE -> o.answeredLive();
            case CONVERSATIONS -> o.conversation();
            case RIGHT_PARTY_CONTACTS -> o.rightPartyContact();
        };
    }
}
