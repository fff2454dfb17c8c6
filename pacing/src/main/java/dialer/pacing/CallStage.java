package dialer.pacing;

/** Where a call the dialer placed stands, for the calls that have not reached an agent yet. */
public enum CallStage {
    /**
     * Dialled and not resolved yet. A driver that reports answers ({@link #SCREENING}) shows a call as
     * ringing only until it is answered; one that does not shows it as ringing until it resolves.
     */
    RINGING,
    /** Answered by a person, who is waiting for an agent. Counts as abandoned after the grace time. */
    WAITING_FOR_AGENT,
    /**
     * Answered (the PBX reported the answer) and being screened by answering-machine detection: it will
     * turn out to be a person, who then needs an agent, or a machine. Optional: only drivers that see the
     * answer before the detection's verdict show it, and they report the screening time with
     * {@link CampaignStatistics#dialResolved(long, DialOutcome, long, long)}.
     */
    SCREENING
}
