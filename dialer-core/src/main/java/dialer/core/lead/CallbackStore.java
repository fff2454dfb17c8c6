package dialer.core.lead;

import dialer.core.Conflict;
import dialer.core.NotFound;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Callbacks agreed with debtors, as supervisors and agents list and cancel them. Each method runs in the caller's transaction. */
public final class CallbackStore {

    static final String LIST = """
            select cb.id, cb.debtor_id, d.external_id, cb.campaign_id, cb.due_at, cb.zone, cb.owner_agent_id, cb.status,
                   cb.note, cb.attempt_id
            from callback cb join debtor d on d.id = cb.debtor_id
            where (?::text is null or cb.status = ?) and (?::bigint is null or cb.campaign_id = ?)
              and (?::bigint is null or cb.owner_agent_id = ?)
            order by cb.due_at limit ?
            """;

    static final String CAMPAIGN_OF = """
            select campaign_id from callback where id = ?
            """;

    static final String CANCEL_PENDING = """
            update callback set status = 'CANCELLED' where id = ? and status = 'PENDING' returning lead_id
            """;

    /** The lead waited for the callback; it goes back to the queue. */
    static final String LEAD_BACK_TO_READY = """
            update campaign_lead set state = 'READY' where id = ? and state = 'CALLBACK'
            """;

    /** A callback, with the debtor's id in the creditor's files. */
    public record Callback(long id, long debtorId, String externalId, long campaignId, Instant dueAt, String zone,
                           Long ownerAgentId, String status, String note, Long attemptId) {
    }

    /** Callbacks by when they are due; each filter null for any. */
    public List<Callback> list(Connection c, String status, Long campaignId, Long ownerAgentId, int limit) throws SQLException {
        List<Callback> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(LIST)) {
            ps.setObject(1, status);
            ps.setObject(2, status);
            ps.setObject(3, campaignId);
            ps.setObject(4, campaignId);
            ps.setObject(5, ownerAgentId);
            ps.setObject(6, ownerAgentId);
            ps.setObject(7, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Callback(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), instant(rs.getTimestamp(5)),
                            rs.getString(6), (Long) rs.getObject(7), rs.getString(8), rs.getString(9), (Long) rs.getObject(10)));
                }
            }
        }
        return out;
    }

    /** The campaign the callback belongs to; {@link NotFound} if there is no such callback. */
    public long campaignOf(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CAMPAIGN_OF)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFound("callback " + id);
                }
                return rs.getLong(1);
            }
        }
    }

    /** Cancels a pending callback and puts its lead back in the queue; {@link Conflict} if it is not pending. */
    public void cancel(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CANCEL_PENDING)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new Conflict("callback " + id + " is not pending");
                }
                try (PreparedStatement lead = c.prepareStatement(LEAD_BACK_TO_READY)) {
                    lead.setLong(1, rs.getLong(1));
                    lead.executeUpdate();
                }
            }
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
