package dialer.core.engine;

/**
 * A transfer in progress, as the API and the console show it: {@code mode} BLIND or WARM, {@code phase}
 * MOVING, CONSULTING (the two agents talk, the person waits) or CONFERENCE (all three together); once over, how it ended
 * (COMPLETED, CANCELLED, FAILED, CALL_ENDED, AGENT_GONE).
 */
public record TransferStatus(long attemptId, long fromAgentId, long toAgentId, String mode, String phase, Long targetId,
                             String targetName, Long supervisorId) {

    /** A transfer to another agent. */
    public TransferStatus(long attemptId, long fromAgentId, long toAgentId, String mode, String phase) {
        this(attemptId, fromAgentId, toAgentId, mode, phase, null, null, null);
    }

    /** To an outside number or a supervisor's phone (not an agent's session). */
    public boolean outside() {
        return targetId != null || supervisorId != null;
    }
}
