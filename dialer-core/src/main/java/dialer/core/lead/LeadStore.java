package dialer.core.lead;

import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** Reading a campaign's queue: its leads in priority order, with their state and why they wait. */
public final class LeadStore {

    /** A campaign's leads, highest priority first; {@code state} null for all states. */
    public List<JsonObject> list(Connection c, long campaignId, String state, int limit) throws SQLException {
        List<JsonObject> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select l.id, l.debtor_id, d.external_id, l.state, l.attempts, "
                + "l.next_call_at, l.last_outcome, l.blocked_reason, l.amount_overdue, l.days_overdue from campaign_lead l "
                + "join debtor d on d.id = l.debtor_id where l.campaign_id = ? and (?::text is null or l.state = ?) "
                + "order by l.amount_overdue desc, l.days_overdue desc, l.id limit ?")) {
            ps.setLong(1, campaignId);
            ps.setString(2, state);
            ps.setString(3, state);
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp next = rs.getTimestamp(6);
                    out.add(new JsonObject()
                            .put("id", rs.getLong(1))
                            .put("debtorId", rs.getLong(2))
                            .put("debtorExternalId", rs.getString(3))
                            .put("state", rs.getString(4))
                            .put("attempts", rs.getInt(5))
                            .put("nextCallAt", next == null ? null : next.toInstant().toString())
                            .put("lastOutcome", rs.getString(7))
                            .put("blockedReason", rs.getString(8))
                            .put("amountOverdue", rs.getBigDecimal(9).toPlainString())
                            .put("daysOverdue", rs.getInt(10)));
                }
            }
        }
        return out;
    }
}
