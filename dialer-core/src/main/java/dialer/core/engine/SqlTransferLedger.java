package dialer.core.engine;

import dialer.core.db.Sql;
import io.vertx.core.Future;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;

/** {@link TransferLedger} in PostgreSQL: one statement per leg change, on a {@code dialer-db} worker. */
final class SqlTransferLedger implements TransferLedger {

    private static final String OPEN = """
            insert into call_transfer_leg (attempt_id, leg_kind, kind, from_agent_id, to_agent_id, to_number, to_user_id, started_at,
                                           requested_by)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""";
    private static final String CLOSE = "update call_transfer_leg set ended_at = ?, outcome = ? where id = ? and ended_at is null";

    private final Sql sql;
    private final EngineThread thread;

    SqlTransferLedger(Sql sql, EngineThread thread) {
        this.sql = sql;
        this.thread = thread;
    }

    @Override
    public Future<Long> opened(long attemptId, Transfer.Kind kind, long fromAgentId, long toAgentId, Instant at, String by) {
        return open(attemptId, "AGENT", kind, fromAgentId, toAgentId, null, null, at, by);
    }

    @Override
    public Future<Long> openedOutside(long attemptId, Transfer.Kind kind, long fromAgentId, String toNumber, Instant at, String by) {
        return open(attemptId, "OUTSIDE", kind, fromAgentId, null, toNumber, null, at, by);
    }

    @Override
    public Future<Long> openedSupervisor(long attemptId, Transfer.Kind kind, long fromAgentId, long toUserId, Instant at, String by) {
        return open(attemptId, "SUPERVISOR", kind, fromAgentId, null, null, toUserId, at, by);
    }

    private Future<Long> open(long attemptId, String legKind, Transfer.Kind kind, long fromAgentId, Long toAgentId, String toNumber,
                              Long toUserId, Instant at, String by) {
        return thread.back(sql.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(OPEN)) {
                ps.setLong(1, attemptId);
                ps.setString(2, legKind);
                ps.setString(3, kind.name());
                ps.setLong(4, fromAgentId);
                ps.setObject(5, toAgentId);
                ps.setString(6, toNumber);
                ps.setObject(7, toUserId);
                ps.setTimestamp(8, Timestamp.from(at));
                ps.setString(9, by);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }));
    }

    @Override
    public Future<Void> handedOver(long attemptId, long toAgentId) {
        return thread.back(sql.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("update call_attempt set agent_id = ? where id = ?")) {
                ps.setLong(1, toAgentId);
                ps.setLong(2, attemptId);
                ps.executeUpdate();
            }
            return null;
        }));
    }

    @Override
    public Future<Void> closed(long legId, Instant at, Transfer.Outcome outcome) {
        return thread.back(sql.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(CLOSE)) {
                ps.setTimestamp(1, Timestamp.from(at));
                ps.setString(2, outcome.name());
                ps.setLong(3, legId);
                ps.executeUpdate();
            }
            return null;
        }));
    }
}
