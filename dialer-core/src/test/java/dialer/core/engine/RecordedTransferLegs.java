package dialer.core.engine;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A {@link TransferLedger} in memory for engine tests: each leg as "attempt kind from>to outcome by". */
final class RecordedTransferLegs implements TransferLedger {

    private final List<String[]> legs = new ArrayList<>();

    @Override
    public Future<Long> opened(long attemptId, Transfer.Kind kind, long fromAgentId, long toAgentId, Instant at, String by) {
        legs.add(new String[]{attemptId + " " + kind + " " + fromAgentId + ">" + toAgentId, "open", by});
        return Future.succeededFuture((long) legs.size());
    }

    @Override
    public Future<Long> openedOutside(long attemptId, Transfer.Kind kind, long fromAgentId, String toNumber, Instant at, String by) {
        legs.add(new String[]{attemptId + " " + kind + " " + fromAgentId + ">" + toNumber, "open", by});
        return Future.succeededFuture((long) legs.size());
    }

    @Override
    public Future<Long> openedSupervisor(long attemptId, Transfer.Kind kind, long fromAgentId, long toUserId, Instant at, String by) {
        legs.add(new String[]{attemptId + " " + kind + " " + fromAgentId + ">user " + toUserId, "open", by});
        return Future.succeededFuture((long) legs.size());
    }

    @Override
    public Future<Void> closed(long legId, Instant at, Transfer.Outcome outcome) {
        legs.get((int) legId - 1)[1] = outcome.name();
        return Future.succeededFuture();
    }

    /** attempt > agent, each time a call passed to its receiving agent. */
    final List<String> handovers = new ArrayList<>();

    @Override
    public Future<Void> handedOver(long attemptId, long toAgentId) {
        handovers.add(attemptId + ">" + toAgentId);
        return Future.succeededFuture();
    }

    List<String> all() {
        return legs.stream().map(l -> l[0] + " " + l[1] + " " + l[2]).toList();
    }
}
