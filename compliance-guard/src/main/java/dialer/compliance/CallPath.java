package dialer.compliance;

/** How the call came to be placed. Every path asks the guard; some rules only apply to automatic ones. */
public enum CallPath {
    /** Predictive/progressive dialing of a campaign's queue. */
    AUTOMATIC,
    /**
     * A scheduled callback (promised to the debtor or set by an agent), dialed by the system: an
     * automated call like {@link #AUTOMATIC} (TCPA consent, no automatic dialing of flagged accounts).
     * A callback an agent dials by hand from a preview is {@link #PREVIEW}.
     */
    CALLBACK,
    /** An agent typed or clicked the number. */
    MANUAL,
    /** The agent saw the lead first and then chose to dial it. */
    PREVIEW,
    /** The system redials after a failed or unanswered attempt. */
    RETRY;

    /**
     * Paths where the system, not a person at that moment, places the call: {@link #AUTOMATIC},
     * {@link #RETRY} and a system-dialed {@link #CALLBACK}. The TCPA (47 U.S.C. 227(b)(1)(A)) looks at
     * how the call is placed, not at why it was scheduled.
     */
    public boolean automatic() {
        return this == AUTOMATIC || this == RETRY || this == CALLBACK;
    }

    /** The automatic paths, {@link #automatic()}. */
    public static java.util.Set<CallPath> automaticPaths() {
        return java.util.EnumSet.of(AUTOMATIC, RETRY, CALLBACK);
    }
}
