package dialer.compliance;

/** How the call came to be placed. Every path asks the guard; some rules only apply to automatic ones. */
public enum CallPath {
    /** Predictive/progressive dialing of a campaign's queue. */
    AUTOMATIC,
    /** A scheduled callback (promised to the debtor or set by an agent), dialed by the system. */
    CALLBACK,
    /** An agent typed or clicked the number. */
    MANUAL,
    /** The agent saw the lead first and then chose to dial it. */
    PREVIEW,
    /** The system redials after a failed or unanswered attempt. */
    RETRY;

    /** Paths where no human chose this particular call: {@link #AUTOMATIC} and {@link #RETRY}. */
    public boolean automatic() {
        return this == AUTOMATIC || this == RETRY;
    }
}
