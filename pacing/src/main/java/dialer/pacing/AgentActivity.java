package dialer.pacing;

/** What a logged-in agent is doing, as the dialer sees it. */
public enum AgentActivity {
    /** Waiting for a call. */
    READY,
    /** Talking to a callee. */
    TALKING,
    /** After the callee hung up, finishing the call (notes, disposition). Not available. */
    WRAP_UP,
    /** On a break or otherwise unavailable. */
    PAUSED
}
