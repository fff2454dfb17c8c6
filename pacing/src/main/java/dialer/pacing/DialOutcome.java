package dialer.pacing;

/** How a placed dial resolved, as the dialer learns it. */
public enum DialOutcome {
    /** A person answered (after answering-machine detection, if any); they need an agent now. */
    LIVE,
    /** An answering machine was detected and the call dropped. */
    MACHINE,
    /** Nobody answered before the dial timeout. */
    NO_ANSWER,
    /** Busy signal. */
    BUSY,
    /** Invalid or disconnected number, or any network failure. */
    INVALID
}
