package dialer.core.engine;

import dialer.core.call.DispositionRequest;
import dialer.core.call.DispositionWritten;
import dialer.core.call.HandDialedLeads;
import dialer.core.call.PlacedCall;
import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;

/**
 * The attempts' side of the database: the guard's reservation with the attempt row, and every later
 * write of an attempt. Implementations run on database workers, take only immutable values, never
 * read engine state, and complete their futures back on the engine thread.
 */
interface AttemptLedger {

    /** What became of a call to place. */
    sealed interface Placement {
    }

    /** The guard granted the call and its attempt row is written with the reservation (one transaction). */
    record Opened(PlacedCall call) implements Placement {
    }

    /** The guard said no; the lead was put back (due again when the guard allows it) in the same transaction. */
    record Blocked(List<DialResult.Block> blocks) implements Placement {
        List<String> rules() {
            return blocks.stream().map(DialResult.Block::rule).toList();
        }
    }

    /** The decision was older than the ledger allows by the time the database took it: nothing was written. */
    record Stale(long heldMillis) implements Placement {
    }

    /** Reserves with the guard and opens the attempt, atomically; nothing is dialed yet. */
    Future<Placement> reserveAndOpen(DialRequest request);

    /**
     * The call of this reservation is about to be handed to Asterisk: the guard's dial mark, before the
     * originate. Fails (with the guard's {@code ReservationExpiredException} when the reservation is
     * no longer valid) when the call must not be dialed.
     */
    Future<Void> markDialed(long reservationId);

    /**
     * A call whose attempt was opened but that was never handed to Asterisk (the guard refused the
     * dial mark): the attempt ends as not dialed, without a disposition, and the guard frees the slot.
     */
    Future<Void> notDialed(long attemptId, long reservationId, String reason, Instant at);

    /**
     * The PBX never created the call of an attempt it was followed for (the run that recorded it
     * stopped before the originate): the attempt ends as not dialed, the guard frees the slot
     * (even after the dial mark), and the lead (or its callback) waits to be dialed again.
     */
    Future<Void> neverPlaced(long attemptId, long reservationId, String reason, Instant at);

    /**
     * The trunk failed the call (no response, credentials refused): ended as TRUNK_FAILURE with no
     * disposition (the lead loses no attempt and waits a moment), and the guard's slot is freed.
     */
    default Future<Void> trunkFailed(long attemptId, long reservationId, String reason, Integer cause, int sipStatus, Instant at) {
        return neverPlaced(attemptId, reservationId, "trunk failure: " + reason, at);
    }

    /** Keeps the far end's SIP final response with the attempt. */
    default Future<Void> sipStatus(long attemptId, int sipStatus) {
        return Future.succeededFuture();
    }

    Future<Void> markAnswered(long attemptId, String outcome, String detail, Instant at);

    /** {@code connectMillis}: from the person detected to in the agent's conference; null when not known. */
    Future<Void> markConnected(long attemptId, long agentId, Instant at, Long connectMillis);

    Future<Void> markAbandoned(long attemptId, Instant at);

    Future<Void> safeHarbor(long attemptId, boolean played, String status);

    /**
     * Ends the attempt (with a system disposition code, or awaiting the agent's); when whether the
     * call left is known ({@code dialed} not null), the guard hears how it ended in the same step.
     */
    Future<DispositionWritten> end(long attemptId, String outcome, String detail, Integer cause, Instant at, String systemCode,
                                   Boolean dialed);

    /** The guard hears how a call it granted ended (a call Asterisk refused frees its slot). */
    Future<Void> settle(DispositionWritten written, boolean dialed);

    /** The agent's disposition, settled with the guard before it is acknowledged. */
    Future<DispositionWritten> agentDisposition(long attemptId, DispositionRequest request);

    /** The wrap-up ran out: NO_DISPOSITION, unless the agent's own got there first (then it fails). */
    Future<DispositionWritten> noDisposition(long attemptId);

    Future<Void> addToDoNotCall(DispositionWritten written, String by);

    /** A lead an agent dialed by hand whose call was not placed goes back as it was. */
    Future<Void> releaseHandClaim(HandDialedLeads.Claimed claim);

    /** Whether the database takes writes again. */
    Future<Void> probe();
}
