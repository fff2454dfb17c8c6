package dialer.compliance;

/**
 * How a dialed call ended, as reported to {@link ComplianceGuard#complete}. Counted categories nest:
 * right-party contact &sub; conversation &sub; answered live &sub; connected &sub; attempt.
 * {@link #UNKNOWN} (a reservation the recovery step had to expire, or an outcome the server cannot
 * tell) is counted as the worst case: as a right-party contact.
 */
public enum CallOutcome {
    NO_ANSWER, BUSY,
    /** Not connected to the callee's line (network failure, invalid number). Still an attempt. */
    FAILED,
    /** Answering machine or voicemail picked up. */
    MACHINE,
    /** A live person answered but no conversation took place (hung up at once). */
    ANSWERED,
    /** A live person answered and no agent was free: the call was dropped or played a message. */
    ABANDONED,
    /** An agent talked with someone who is not known to be the debtor. */
    CONVERSATION,
    /** An agent talked with the debtor (right-party contact). */
    RIGHT_PARTY_CONTACT,
    /** Nobody knows: counted as the worst case. */
    UNKNOWN;

    /** The line was picked up by anyone or anything (machine included). */
    public boolean connected() {
        return this == MACHINE || answeredLive();
    }

    public boolean answeredLive() {
        return this == ANSWERED || this == ABANDONED || conversation();
    }

    public boolean conversation() {
        return this == CONVERSATION || rightPartyContact();
    }

    public boolean rightPartyContact() {
        return this == RIGHT_PARTY_CONTACT || this == UNKNOWN;
    }
}
