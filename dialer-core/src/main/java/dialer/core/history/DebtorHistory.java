package dialer.core.history;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything that happened to a debtor, in order: attempts and their outcomes, dispositions and
 * notes, promises made, kept and broken, payments, callbacks, imports. Written in the same
 * transaction as the change it records. Summaries never carry a full phone number.
 */
public final class DebtorHistory {

    /** The kinds of entries. */
    public enum Kind { ATTEMPT, DISPOSITION, PROMISE, PROMISE_KEPT, PROMISE_BROKEN, PAYMENT, CALLBACK, IMPORT, FLAG, SKIPPED }

    public void add(Connection c, long debtorId, Instant at, Kind kind, Long campaignId, Long attemptId, Long agentId,
                    String summary, JsonObject data) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into debtor_action (debtor_id, at, kind, campaign_id, attempt_id, "
                + "agent_id, summary, data) values (?,?,?,?,?,?,?,?::jsonb)")) {
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
    public JsonArray list(Connection c, long debtorId, int limit) throws SQLException {
        List<JsonObject> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id, at, kind, campaign_id, attempt_id, agent_id, summary, data "
                + "from debtor_action where debtor_id = ? order by at desc, id desc limit ?")) {
            ps.setLong(1, debtorId);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new JsonObject().put("id", rs.getLong(1)).put("at", rs.getTimestamp(2).toInstant().toString())
                            .put("kind", rs.getString(3)).put("campaignId", rs.getObject(4)).put("attemptId", rs.getObject(5))
                            .put("agentId", rs.getObject(6)).put("summary", rs.getString(7))
                            .put("data", new JsonObject(rs.getString(8))));
                }
            }
        }
        java.util.Collections.reverse(out);
        return new JsonArray(out);
    }
}
