package dialer.core.lead;

import dialer.core.Masked;
import dialer.core.NotFound;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Set;

/** A debtor with accounts, numbers, addresses, flags, promises and callbacks, as the API and the agent's screen show it. */
public final class DebtorStore {

    public long idOf(Connection c, String externalId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select id from debtor where external_id = ?")) {
            ps.setString(1, externalId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFound("debtor '" + externalId + "'");
                }
                return rs.getLong(1);
            }
        }
    }

    /**
     * The debtor's file. {@code fullNumbers}: numbers in full (administrators, supervisors); agents
     * see them partly masked.
     */
    public JsonObject get(Connection c, long id, boolean fullNumbers) throws SQLException {
        JsonObject d;
        try (PreparedStatement ps = c.prepareStatement("select id, external_id, name, time_zone, flags, custom, broken_promises "
                + "from debtor where id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFound("debtor " + id);
                }
                d = new JsonObject().put("id", rs.getLong(1)).put("externalId", rs.getString(2)).put("name", rs.getString(3))
                        .put("timeZone", rs.getString(4)).put("flags", new JsonArray(List.of((String[]) rs.getArray(5).getArray())))
                        .put("custom", new JsonObject(rs.getString(6))).put("brokenPromises", rs.getInt(7));
            }
        }
        d.put("accounts", rows(c, "select id, account_ref, product, amount_overdue, days_overdue, bucket, creditor_ref, flags "
                + "from debtor_account where debtor_id = ? order by id", id, rs -> new JsonObject().put("id", rs.getLong(1))
                .put("ref", rs.getString(2)).put("product", rs.getString(3)).put("amountOverdue", rs.getBigDecimal(4).toPlainString())
                .put("daysOverdue", rs.getInt(5)).put("bucket", rs.getString(6)).put("creditorRef", rs.getString(7))
                .put("flags", new JsonArray(List.of((String[]) rs.getArray(8).getArray())))));
        d.put("phones", rows(c, "select id, e164, phone_type, relationship, status, attempts, last_outcome, last_attempt_at, "
                + "consent_source, consent_expires_at from debtor_phone where debtor_id = ? "
                + "order by array_position(array['OWN_MOBILE','HOME','WORK','THIRD_PARTY'], phone_type), id", id, rs -> new JsonObject()
                .put("id", rs.getLong(1)).put("number", fullNumbers ? rs.getString(2) : Masked.phone(rs.getString(2)))
                .put("type", rs.getString(3)).put("relationship", rs.getString(4)).put("status", rs.getString(5))
                .put("attempts", rs.getInt(6)).put("lastOutcome", rs.getString(7)).put("lastAttemptAt", time(rs.getTimestamp(8)))
                .put("consent", rs.getString(9) == null ? null : new JsonObject().put("source", rs.getString(9))
                        .put("expiresAt", time(rs.getTimestamp(10))))));
        d.put("addresses", rows(c, "select line1, city, state, postal_code, country, is_primary from debtor_address "
                + "where debtor_id = ? order by is_primary desc, id", id, rs -> new JsonObject().put("line1", rs.getString(1))
                .put("city", rs.getString(2)).put("state", rs.getString(3)).put("postalCode", rs.getString(4))
                .put("country", rs.getString(5)).put("primary", rs.getBoolean(6))));
        d.put("promises", rows(c, "select id, amount, due_date, status, paid_amount, agent_id, campaign_id, created_at "
                + "from promise where debtor_id = ? order by created_at desc", id, rs -> new JsonObject().put("id", rs.getLong(1))
                .put("amount", rs.getBigDecimal(2).toPlainString()).put("dueDate", rs.getObject(3).toString())
                .put("status", rs.getString(4)).put("paidAmount", rs.getBigDecimal(5).toPlainString())
                .put("agentId", rs.getObject(6)).put("campaignId", rs.getObject(7)).put("createdAt", time(rs.getTimestamp(8)))));
        d.put("callbacks", rows(c, "select id, due_at, zone, owner_agent_id, status, note, campaign_id from callback "
                + "where debtor_id = ? order by due_at desc", id, rs -> new JsonObject().put("id", rs.getLong(1))
                .put("dueAt", time(rs.getTimestamp(2))).put("zone", rs.getString(3)).put("ownerAgentId", rs.getObject(4))
                .put("status", rs.getString(5)).put("note", rs.getString(6)).put("campaignId", rs.getObject(7))));
        return d;
    }

    /** Sets or clears debtor flags (cease, attorney, ...); account flags are set on the accounts. */
    public void setFlags(Connection c, long id, Set<String> add, Set<String> remove) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update debtor set flags = array(select distinct f from unnest(flags || ?::text[]) f "
                + "where f <> all(?::text[])) where id = ?")) {
            ps.setArray(1, c.createArrayOf("text", add.toArray()));
            ps.setArray(2, c.createArrayOf("text", remove.toArray()));
            ps.setLong(3, id);
            if (ps.executeUpdate() == 0) {
                throw new NotFound("debtor " + id);
            }
        }
        // a cleared flag may allow what was blocked until something changed
        try (PreparedStatement ps = c.prepareStatement("update campaign_lead set state = 'READY', blocked_reason = null "
                + "where state = 'BLOCKED' and debtor_id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    private interface Row {
        JsonObject read(ResultSet rs) throws SQLException;
    }

    private static JsonArray rows(Connection c, String sql, long id, Row row) throws SQLException {
        JsonArray out = new JsonArray();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.read(rs));
                }
            }
        }
        return out;
    }

    private static String time(Timestamp t) {
        return t == null ? null : t.toInstant().toString();
    }
}
