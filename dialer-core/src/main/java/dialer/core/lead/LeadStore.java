package dialer.core.lead;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reading a campaign's queue: its leads in priority order, with their state and why they wait. */
public final class LeadStore {

    /** How many of the debtors just imported (import_ids) the campaign already has as leads. */
    static final String IMPORTED_LEADS = """
            select count(*) from import_ids i join campaign_lead l on l.debtor_id = i.debtor_id and l.campaign_id = ?
            """;

    /** Every campaign working the list gets the imported debtors as leads, or their priority keys updated. */
    static final String SYNC_IMPORTED = """
            insert into campaign_lead (campaign_id, debtor_id, amount_overdue, days_overdue, bucket_rank, broken_promises)
            select cl.campaign_id, k.debtor_id, k.amount, k.days, k.bucket_rank, k.broken_promises
            from campaign_list cl
            cross join (select i.debtor_id, sum(a.amount_overdue) as amount, max(a.days_overdue) as days,
                               coalesce(max(array_position(array['M1','M2','M3','M4','M5','M6+'], a.bucket)), 0) as bucket_rank,
                               max(d.broken_promises) as broken_promises
                        from import_ids i
                        join debtor d on d.id = i.debtor_id
                        join debtor_account a on a.debtor_id = i.debtor_id
                        group by i.debtor_id) k
            where cl.list_id = ?
            on conflict (campaign_id, debtor_id) do update set amount_overdue = excluded.amount_overdue,
                days_overdue = excluded.days_overdue, bucket_rank = excluded.bucket_rank
            """;

    /** All the list's debtors join the campaign's queue, with their priority keys. */
    static final String SYNC_LIST = """
            insert into campaign_lead (campaign_id, debtor_id, amount_overdue, days_overdue, bucket_rank, broken_promises)
            select ?, k.debtor_id, k.amount, k.days, k.bucket_rank, k.broken_promises
            from (select d.id as debtor_id, coalesce(sum(a.amount_overdue), 0) as amount,
                         coalesce(max(a.days_overdue), 0) as days,
                         coalesce(max(array_position(array['M1','M2','M3','M4','M5','M6+'], a.bucket)), 0) as bucket_rank,
                         d.broken_promises
                  from debtor d left join debtor_account a on a.debtor_id = d.id
                  where d.id in (select debtor_id from list_member where list_id = ?)
                  group by d.id) k
            on conflict (campaign_id, debtor_id) do nothing
            """;

    static final String LIST = """
            select l.id, l.debtor_id, d.external_id, l.state, l.attempts, l.next_call_at, l.last_outcome, l.blocked_reason,
                   l.amount_overdue, l.days_overdue
            from campaign_lead l join debtor d on d.id = l.debtor_id
            where l.campaign_id = ? and (?::text is null or l.state = ?)
            order by l.amount_overdue desc, l.days_overdue desc, l.id limit ?
            """;

    static final String COUNT_BY_STATE = """
            select state, count(*) from campaign_lead where campaign_id = ? group by state
            """;

    /** A change (a list entry, a flag cleared) may allow what was blocked until something changed. */
    static final String UNBLOCK_DEBTOR = """
            update campaign_lead set state = 'READY', blocked_reason = null
            where state = 'BLOCKED' and debtor_id = ?
            """;

    /** A lead of a campaign, with its debtor's id in the creditor's files. */
    public record CampaignLead(long id, long debtorId, String debtorExternalId, String state, int attempts, Instant nextCallAt,
                               String lastOutcome, String blockedReason, BigDecimal amountOverdue, int daysOverdue) {
    }

    /**
     * After an import into a list: every campaign working the list gets the imported debtors into
     * its queue (or their priority keys updated). Returns {new, updated} leads of {@code campaignId}.
     */
    public int[] syncImported(Connection c, long listId, Long campaignId) throws SQLException {
        int existing = campaignId == null ? 0 : importedLeads(c, campaignId);
        try (PreparedStatement ps = c.prepareStatement(SYNC_IMPORTED)) {
            ps.setLong(1, listId);
            ps.executeUpdate();
        }
        if (campaignId == null) {
            return new int[] {0, 0};
        }
        int total = importedLeads(c, campaignId);
        return new int[] {total - existing, existing};
    }

    private static int importedLeads(Connection c, long campaignId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(IMPORTED_LEADS)) {
            ps.setLong(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** A list newly attached to a campaign: all its debtors join the campaign's queue. Returns leads added. */
    public int syncList(Connection c, long campaignId, long listId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SYNC_LIST)) {
            ps.setLong(1, campaignId);
            ps.setLong(2, listId);
            return ps.executeUpdate();
        }
    }

    /** A campaign's leads, highest priority first; {@code state} null for all states. */
    public List<CampaignLead> list(Connection c, long campaignId, String state, int limit) throws SQLException {
        List<CampaignLead> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(LIST)) {
            ps.setLong(1, campaignId);
            ps.setString(2, state);
            ps.setString(3, state);
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp next = rs.getTimestamp(6);
                    out.add(new CampaignLead(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                            next == null ? null : next.toInstant(), rs.getString(7), rs.getString(8), rs.getBigDecimal(9),
                            rs.getInt(10)));
                }
            }
        }
        return out;
    }

    /** How many of the campaign's leads are in each state (states with none are left out). */
    public Map<String, Integer> countByState(Connection c, long campaignId) throws SQLException {
        Map<String, Integer> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(COUNT_BY_STATE)) {
            ps.setLong(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return out;
    }

    /** The debtor's blocked leads, in every campaign, go back to the queue for the guard to decide again. */
    public void unblockDebtor(Connection c, long debtorId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UNBLOCK_DEBTOR)) {
            ps.setLong(1, debtorId);
            ps.executeUpdate();
        }
    }
}
