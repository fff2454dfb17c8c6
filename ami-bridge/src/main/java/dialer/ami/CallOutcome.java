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
