package dialer.core.lead;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Promises to pay, as supervisors list them. Each method runs in the caller's transaction. */
public final class PromiseStore {

    static final String LIST = """
            select p.id, p.debtor_id, d.external_id, p.amount, p.due_date, p.status, p.paid_amount, p.agent_id,
                   p.campaign_id, p.created_at, p.settled_at
            from promise p join debtor d on d.id = p.debtor_id
            where (?::text is null or p.status = ?) and (?::bigint is null or p.campaign_id = ?)
            order by p.due_date, p.id limit ?
            """;

    /** A promise, with the debtor's id in the creditor's files. */
    public record Promise(long id, long debtorId, String externalId, BigDecimal amount, LocalDate dueDate, String status,
                          BigDecimal paidAmount, Long agentId, Long campaignId, Instant createdAt, Instant settledAt) {
    }

    /** Promises by due date; each filter null for any. */
    public List<Promise> list(Connection c, String status, Long campaignId, int limit) throws SQLException {
        List<Promise> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(LIST)) {
            ps.setObject(1, status);
            ps.setObject(2, status);
            ps.setObject(3, campaignId);
            ps.setObject(4, campaignId);
            ps.setObject(5, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Promise(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBigDecimal(4),
                            rs.getObject(5, LocalDate.class), rs.getString(6), rs.getBigDecimal(7), (Long) rs.getObject(8),
                            (Long) rs.getObject(9), instant(rs.getTimestamp(10)), instant(rs.getTimestamp(11))));
                }
            }
        }
        return out;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
