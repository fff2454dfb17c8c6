package dialer.core.engine;

import io.vertx.core.Future;

/** One transfer of a connected call from one agent to another, in progress. Owned by the engine thread (held in {@link Transfers}). */
final class Transfer {

    /** How the call is handed over (also the kind of each recorded leg). */
    enum Kind {
        /** The person goes straight to the other agent. */
        BLIND,
        /** The agent talks to the other agent first while the person waits, then completes or cancels. */
        WARM,
        /** The person, the agent and the other agent together. */
        CONFERENCE
    }

    /**
     * Where the transfer stands. MOVING: a redirect is on its way (nothing else may be asked meanwhile);
     * CONSULTING: both agents' legs are in the receiving agent's conference, the person alone in the
     * first agent's; CONFERENCE: all three in the receiving agent's conference.
     */
    enum Phase { MOVING, CONSULTING, CONFERENCE }

    /** How a recorded leg ended. */
    enum Outcome { COMPLETED, CANCELLED, CONFERENCED, FAILED, CALL_ENDED, AGENT_GONE }

    final long attemptId;
    final long fromAgentId;
    final long toAgentId;
    final Kind mode;
    final String requestedBy;
    Phase phase = Phase.MOVING;
    /** The kind of the leg open now (WARM, then CONFERENCE after a three-way). */
    Kind legKind;
    /** The id of the open leg's row, once it is written. */
    Future<Long> legId;
    /** The call ended (or an agent left) while a redirect was on its way. */
    boolean over;
    /** How the transfer ended; null while it goes on. */
    Outcome ended;

    Transfer(long attemptId, long fromAgentId, long toAgentId, Kind mode, String requestedBy) {
        this.attemptId = attemptId;
        this.fromAgentId = fromAgentId;
        this.toAgentId = toAgentId;
        this.mode = mode;
        this.requestedBy = requestedBy;
        this.legKind = mode;
    }

    TransferStatus status() {
        return new TransferStatus(attemptId, fromAgentId, toAgentId, mode.name(), ended != null ? ended.name() : phase.name());
    }
}
