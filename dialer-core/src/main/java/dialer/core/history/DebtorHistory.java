package dialer.core.history;

import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything that happened to a debtor, in order: attempts and their outcomes, dispositions and
 * notes, promises made, kept and broken, payments, callbacks, imports. Written in the same
 * transaction as the change it records. Summaries never carry a full phone number.
 */
public final class DebtorHistory {

    /** The kinds of entries. */
    public enum Kind { ATTEMPT, DISPOSITION, PROMISE, PROMISE_KEPT, PROMISE_BROKEN, PAYMENT, CALLBACK, IMPORT, FLAG, SKIPPED, SETTLEMENT, OWNER, DISCLOSURE }

    static final String ADD = """
            insert into debtor_action (debtor_id, at, kind, campaign_id, attempt_id, agent_id, summary, data)
            values (?, ?, ?, ?, ?, ?, ?, ?::jsonb)
            """;

    /** The latest entries, newest first (the caller turns them round). */
    static final String LATEST = """
            select id, at, kind, campaign_id, attempt_id, agent_id, summary, data
            from debtor_action where debtor_id = ? order by at desc, id desc limit ?
            """;

    /** One entry; {@code data} is the entry's details as stored (a JSON object). */
    public record Entry(long id, Instant at, String kind, Long campaignId, Long attemptId, Long agentId, String summary,
                        String data) {
    }

    public void add(Connection c, long debtorId, Instant at, Kind kind, Long campaignId, Long attemptId, Long agentId,
                    String summary, JsonObject data) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ADD)) {
            ps.setLong(1, debtorId);
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setString(3, kind.name());
            ps.setObject(4, campaignId);
            ps.setObject(5, attemptId);
            ps.setObject(6, agentId);
            ps.setString(7, summary);
            ps.setString(8, (data == null ? new JsonObject() : data).encode());
            ps.executeUpdate();
        }
    }

    /** The debtor's history, oldest first (at most {@code limit} latest entries). */
    public List<Entry> list(Connection c, long debtorId, int limit) throws SQLException {
        List<Entry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(LATEST)) {
            ps.setLong(1, debtorId);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), (Long) rs.getObject(4),
                            (Long) rs.getObject(5), (Long) rs.getObject(6), rs.getString(7), rs.getString(8)));
                }
            }
        }
        Collections.reverse(out);
        return out;
    }
}
