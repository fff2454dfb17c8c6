package dialer.core.live;

import dialer.core.Masked;
import dialer.core.lead.DebtorStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * What an agent sees of the debtor they are connected to (or preview): the debtor, their accounts
 * with amounts and days overdue, the number dialed and its type, earlier attempts with their
 * dispositions and notes, and promises. Numbers are partly masked; the creditor's own extra
 * columns stay out (they may hold anything).
 */
public final class ScreenPop {

    private static final int EARLIER_ATTEMPTS = 10;
    private final DebtorStore debtors = new DebtorStore();

    public JsonObject of(Connection c, long debtorId, Long phoneId, Long attemptId) throws SQLException {
        JsonObject file = debtors.get(c, debtorId, false);
        file.remove("custom");
        JsonObject dialed = null;
        for (Object p : file.getJsonArray("phones")) {
            JsonObject phone = (JsonObject) p;
            if (phoneId != null && phone.getLong("id") == phoneId.longValue()) {
                dialed = phone.copy();
            }
        }
        JsonArray earlier = new JsonArray();
        JsonArray notes = new JsonArray();
        try (PreparedStatement ps = c.prepareStatement("select a.id, a.originated_at, a.phone, a.outcome, a.call_path, "
                + "d.code, coalesce(cd.label, d.code), d.note, ag.name from call_attempt a "
                + "left join disposition d on d.attempt_id = a.id "
                + "left join campaign_disposition cd on cd.campaign_id = d.campaign_id and cd.code = d.code "
                + "left join agent ag on ag.id = a.agent_id "
                + "where a.debtor_id = ? and (?::bigint is null or a.id <> ?) order by a.originated_at desc limit ?")) {
            ps.setLong(1, debtorId);
            ps.setObject(2, attemptId);
            ps.setObject(3, attemptId);
            ps.setInt(4, EARLIER_ATTEMPTS);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    JsonObject attempt = new JsonObject().put("attemptId", rs.getLong(1)).put("at", time(rs.getTimestamp(2)))
                            .put("number", Masked.phone(rs.getString(3))).put("outcome", rs.getString(4))
                            .put("path", rs.getString(5)).put("disposition", rs.getString(6)).put("dispositionLabel", rs.getString(7))
                            .put("note", rs.getString(8)).put("agent", rs.getString(9));
                    earlier.add(attempt);
                    if (rs.getString(8) != null && !rs.getString(8).isBlank()) {
                        notes.add(new JsonObject().put("at", attempt.getString("at")).put("agent", rs.getString(9))
                                .put("note", rs.getString(8)));
                    }
                }
            }
        }
        JsonArray open = new JsonArray();
        JsonArray broken = new JsonArray();
        for (Object p : file.getJsonArray("promises")) {
            JsonObject promise = (JsonObject) p;
            if ("OPEN".equals(promise.getString("status"))) {
                open.add(promise);
            } else if ("BROKEN".equals(promise.getString("status"))) {
                broken.add(promise);
            }
        }
        java.math.BigDecimal total = java.math.BigDecimal.ZERO;
        int maxDays = 0;
        for (Object a : file.getJsonArray("accounts")) {
            JsonObject account = (JsonObject) a;
            total = total.add(new java.math.BigDecimal(account.getString("amountOverdue")));
            maxDays = Math.max(maxDays, account.getInteger("daysOverdue"));
        }
        return new JsonObject().put("debtor", file).put("dialed", dialed).put("totalOverdue", total.toPlainString())
                .put("maxDaysOverdue", maxDays).put("earlierAttempts", earlier).put("notes", notes)
                .put("openPromises", open).put("brokenPromises", broken);
    }

    private static String time(Timestamp t) {
        return t == null ? null : t.toInstant().toString();
    }
}
