package dialer.compliance;

/**
 * How a dialed call ended, as reported to {@link ComplianceGuard#complete}. Counted categories nest:
 * right-party contact &sub; conversation &sub; answered live &sub; connected &sub; attempt.
 * {@link #UNKNOWN} (a reservation the recovery step had to expire, or an outcome the server cannot
 * tell) is counted as the worst case: as a right-party contact.
 */
public enum CallOutcome {
    /**
     * Rang at the dialed number without being answered (ring-no-answer, no user responding). The
     * call reached the number: it counts under Reg F (see {@link #connectedToNumber()}).
     */
    NO_ANSWER,
    /** The dialed number was busy: the call did not connect to it. */
    BUSY,
    /**
     * The call failed and it is not known whether it connected to the dialed number (any failure the
     * telephony layer cannot classify). Counted wherever a connection would be counted.
     */
    FAILED,
    /** The number is not in service: unallocated, disconnected, changed, invalid. The call did not connect. */
    NOT_IN_SERVICE,
    /** The network could not carry the call to the number (congestion, no circuit, network out of order). */
    NETWORK_FAILURE,
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

    /**
     * Whether the call connected to the dialed number, in the sense of 12 CFR 1006.14(b)(3)(ii): false
     * only when it is known that it did not (busy, not in service, network failure). A call that rang
     * unanswered or reached voicemail connected; a FAILED or UNKNOWN call may have connected, so it
     * counts (conservative).
     */
    public boolean connectedToNumber() {
        return this != BUSY && this != NOT_IN_SERVICE && this != NETWORK_FAILURE;
    }

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
