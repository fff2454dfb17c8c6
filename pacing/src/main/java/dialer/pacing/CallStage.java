package dialer.pacing;

/** Where a call the dialer placed stands, for the calls that have not reached an agent yet. */
public enum CallStage {
    /** Dialled and not resolved yet (ringing, or being screened by answering-machine detection). */
    RINGING,
    /** Answered by a person, who is waiting for an agent. Counts as abandoned after the grace time. */
    WAITING_FOR_AGENT
}
