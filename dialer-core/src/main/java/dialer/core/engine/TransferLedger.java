package dialer.core.engine;

import io.vertx.core.Future;

import java.time.Instant;

/** Where the legs of transfers are recorded (table {@code call_transfer_leg}); futures complete on the engine thread. */
interface TransferLedger {

    /** A leg opened: its id. */
    Future<Long> opened(long attemptId, Transfer.Kind kind, long fromAgentId, long toAgentId, Instant at, String by);

    /** A leg to an outside number opened: its id. */
    Future<Long> openedOutside(long attemptId, Transfer.Kind kind, long fromAgentId, String toNumber, Instant at, String by);

    /** A leg to a supervisor's own phone opened: its id. */
    Future<Long> openedSupervisor(long attemptId, Transfer.Kind kind, long fromAgentId, long toUserId, Instant at, String by);

    /** The leg ended with this outcome. */
    Future<Void> closed(long legId, Instant at, Transfer.Outcome outcome);

    /**
     * The call is {@code toAgentId}'s now: the attempt's agent becomes theirs, so the disposition is
     * theirs to give (the legs keep who had it before).
     */
    Future<Void> handedOver(long attemptId, long toAgentId);

    /** Records nothing (engine tests that do not look at legs). */
    TransferLedger NONE = new TransferLedger() {
        private long next;

        @Override
        public Future<Long> opened(long attemptId, Transfer.Kind kind, long fromAgentId, long toAgentId, Instant at, String by) {
            return Future.succeededFuture(++next);
        }

        @Override
        public Future<Void> closed(long legId, Instant at, Transfer.Outcome outcome) {
            return Future.succeededFuture();
        }

        @Override
        public Future<Long> openedOutside(long attemptId, Transfer.Kind kind, long fromAgentId, String toNumber, Instant at, String by) {
            return Future.succeededFuture(++next);
        }

        @Override
        public Future<Long> openedSupervisor(long attemptId, Transfer.Kind kind, long fromAgentId, long toUserId, Instant at, String by) {
            return Future.succeededFuture(++next);
        }

        @Override
        public Future<Void> handedOver(long attemptId, long toAgentId) {
            return Future.succeededFuture();
        }
    };
}
