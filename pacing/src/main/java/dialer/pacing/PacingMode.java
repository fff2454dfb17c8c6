package dialer.pacing;

/** The pacing modes a campaign can select. */
public enum PacingMode {
    /** The agent asks for the next lead; one call per request, placed on the agent's behalf. */
    PREVIEW,
    /** One call per ready agent; never over-dials, so it never abandons a callee. */
    PROGRESSIVE,
    /** Over-dials from online estimates so that agents are kept busy while abandonment stays under target. */
    PREDICTIVE
}
