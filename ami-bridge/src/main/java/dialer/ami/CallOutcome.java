package dialer.ami;

/** How an originated call ended up, in the terms a dialer cares about. */
public enum CallOutcome {
    /** A person answered (or detection was off or unsure: then it is treated as a person). */
    ANSWERED_HUMAN,
    /** Answering-machine detection heard a machine. */
    ANSWERED_MACHINE,
    BUSY,
    /** Rang until the originate timeout, or the callee did not respond. */
    NO_ANSWER,
    /** The network could not carry the call (all circuits busy, congestion). */
    CONGESTION,
    /** The number does not exist or is malformed. */
    INVALID_NUMBER,
    /** The person declined the call (SIP 603 Decline, 607 Unwanted, 608 Rejected): not called again soon. */
    DECLINED,
    /** The called side refused the call (SIP 403 Forbidden from the callee's network, Q.850 21). */
    REJECTED,
    /**
     * The carrier redirected or forwarded the call (SIP 3xx, e.g. 302 Moved Temporarily): nobody
     * answered; the forward is not followed into an answer.
     */
    REDIRECTED,
    /**
     * The carrier refused the number's format (SIP 484 Address Incomplete, Q.850 28): usually our dial
     * string is wrong for this carrier, not the debtor's number; it does not mark the number invalid.
     */
    NUMBER_FORMAT_REFUSED,
    /**
     * The trunk, not the callee, failed the call: no response at all to the INVITE (a black-holed
     * trunk) or the carrier refused our credentials (SIP 401/407). Nobody was reached: the call costs
     * the lead no attempt.
     */
    TRUNK_FAILURE,
    /** Anything else: the call did not reach anyone. */
    FAILED,
    /**
     * The PBX never created the call (no channel, no record of one) although it was up all along
     * since the call was placed: the originate never reached it (the dialer stopped between its
     * records and the originate, or the link dropped first). Nobody was called.
     */
    NOT_PLACED;

    public boolean answered() {
        return this == ANSWERED_HUMAN || this == ANSWERED_MACHINE;
    }
}
