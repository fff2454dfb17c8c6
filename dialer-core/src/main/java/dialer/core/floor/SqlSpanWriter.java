package dialer.core.floor;

import dialer.core.db.Sql;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** Writes span changes to agent_state_span, a batch in one transaction. */
public final class SqlSpanWriter implements SpanWriter {

    private static final String END_OPEN_SQL = """
            update agent_state_span set ended_at = greatest(started_at, ?)
             where agent_id = ? and node = ? and ended_at is null""";

    private static final String START_SQL = """
            insert into agent_state_span (agent_id, campaign_id, state, pause_reason, node, started_at) values (?,?,?,?,?,?)""";

    private static final String END_LEFT_OPEN_SQL = """
            update agent_state_span set ended_at = greatest(started_at, ?) where node = ? and ended_at is null""";

    private final DataSource dataSource;
    private final String node;

    public SqlSpanWriter(DataSource dataSource, String node) {
        this.dataSource = dataSource;
        this.node = node;
    }

    @Override
    public void closeLeftOpen(Instant at) throws Exception {
        Sql.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement(END_LEFT_OPEN_SQL)) {
                ps.setTimestamp(1, Timestamp.from(at));
                ps.setString(2, node);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void write(List<SpanChange> batch) throws Exception {
        Sql.inTransaction(dataSource, c -> {
            try (PreparedStatement end = c.prepareStatement(END_OPEN_SQL); PreparedStatement start = c.prepareStatement(START_SQL)) {
                for (SpanChange change : batch) {
                    Timestamp at = Timestamp.from(change.at());
                    end.setTimestamp(1, at);
                    end.setLong(2, change.agentId());
                    end.setString(3, node);
                    end.executeUpdate();
                    if (change.startsSpan()) {
                        start.setLong(1, change.agentId());
                        start.setObject(2, change.campaignId());
                        start.setString(3, change.state().name());
                        start.setString(4, change.pauseReason());
                        start.setString(5, node);
                        start.setTimestamp(6, at);
                        start.executeUpdate();
                    }
                }
            }
            return null;
        });
    }
}
