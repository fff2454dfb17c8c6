package dialer.core.campaign;

/** How a campaign paces its calls (see the pacing module). */
public enum DialMode {
    /** The agent sees the lead first and decides to dial or skip. */
    PREVIEW,
    /** One call per ready agent: never abandons. */
    PROGRESSIVE,
    /** Over-dials from live statistics, holding abandonment under the campaign's cap. */
    PREDICTIVE
}
