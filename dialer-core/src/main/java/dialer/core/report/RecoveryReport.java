package dialer.core.report;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The daily recovery report: per campaign and per agent, for one day in a given zone, the
 * attempts, contacts, right-party contacts, promises made (count, amount), promises kept and
 * broken that day, and the amount collected.
 *
 * <p>Amount collected: for a campaign, payments made that day by the campaign's debtors; for an
 * agent, the paid amount of the agent's promises kept that day.
 */
public final class RecoveryReport {

    /**
     * One line per campaign: attempts, contacts, right-party contacts, promises (count, amount), kept and
     * broken in the day's seven windows [from, to), then the payments of the campaign's debtors on the day.
     */
    static final String BY_CAMPAIGN = """
            select cp.id, cp.name,
              (select count(*) from call_attempt a where a.campaign_id = cp.id and a.originated_at >= ? and a.originated_at < ?
                 and a.outcome is distinct from 'NOT_DIALED' and a.outcome is distinct from 'TRUNK_FAILURE'),
              (select count(*) from disposition d join campaign_disposition k on k.campaign_id = d.campaign_id and k.code = d.code
                where d.campaign_id = cp.id and k.is_contact and d.created_at >= ? and d.created_at < ?),
              (select count(*) from disposition d join campaign_disposition k on k.campaign_id = d.campaign_id and k.code = d.code
                where d.campaign_id = cp.id and k.is_right_party and d.created_at >= ? and d.created_at < ?),
              (select count(*) from promise p where p.campaign_id = cp.id and p.created_at >= ? and p.created_at < ?),
              (select coalesce(sum(amount), 0) from promise p where p.campaign_id = cp.id and p.created_at >= ? and p.created_at < ?),
              (select count(*) from promise p where p.campaign_id = cp.id and p.status = 'KEPT' and p.settled_at >= ? and p.settled_at < ?),
              (select count(*) from promise p where p.campaign_id = cp.id and p.status = 'BROKEN' and p.settled_at >= ? and p.settled_at < ?),
              (select coalesce(sum(x.amount), 0) from payment x where x.paid_on = ? and x.debtor_id in
                (select debtor_id from campaign_lead l where l.campaign_id = cp.id))
            from campaign cp where (?::bigint is null or cp.id = ?) order by cp.id
            """;

    /**
     * One line per agent who made attempts in a campaign that day: the same figures in the day's nine
     * windows [from, to), the amount collected being the paid amount of the agent's promises kept that day.
     */
    static final String BY_AGENT = """
            select cp.id, cp.name, ag.id, ag.name,
              (select count(*) from call_attempt a where a.campaign_id = cp.id and a.agent_id = ag.id
                and a.originated_at >= ? and a.originated_at < ?),
              (select count(*) from disposition d join campaign_disposition k on k.campaign_id = d.campaign_id and k.code = d.code
                where d.campaign_id = cp.id and d.agent_id = ag.id and k.is_contact and d.created_at >= ? and d.created_at < ?),
              (select count(*) from disposition d join campaign_disposition k on k.campaign_id = d.campaign_id and k.code = d.code
                where d.campaign_id = cp.id and d.agent_id = ag.id and k.is_right_party and d.created_at >= ? and d.created_at < ?),
              (select count(*) from promise p where p.campaign_id = cp.id and p.agent_id = ag.id
                and p.created_at >= ? and p.created_at < ?),
              (select coalesce(sum(amount), 0) from promise p where p.campaign_id = cp.id and p.agent_id = ag.id
                and p.created_at >= ? and p.created_at < ?),
              (select count(*) from promise p where p.campaign_id = cp.id and p.agent_id = ag.id and p.status = 'KEPT'
                and p.settled_at >= ? and p.settled_at < ?),
              (select count(*) from promise p where p.campaign_id = cp.id and p.agent_id = ag.id and p.status = 'BROKEN'
                and p.settled_at >= ? and p.settled_at < ?),
              (select coalesce(sum(p.paid_amount), 0) from promise p where p.campaign_id = cp.id and p.agent_id = ag.id
                and p.status = 'KEPT' and p.settled_at >= ? and p.settled_at < ?)
            from campaign cp
            join agent ag on exists (select 1 from call_attempt a where a.campaign_id = cp.id and a.agent_id = ag.id
              and a.originated_at >= ? and a.originated_at < ?)
            where (?::bigint is null or cp.id = ?) order by cp.id, ag.id
            """;

    /** One line of the report: a campaign, or an agent within a campaign. */
    public record Line(long campaignId, String campaign, Long agentId, String agent, long attempts, long contacts,
                       long rightPartyContacts, long promises, BigDecimal promisedAmount, long kept, long broken,
                       BigDecimal collected) {
    }

    public List<Line> daily(Connection c, LocalDate day, ZoneId zone, Long campaignId) throws SQLException {
        Timestamp from = Timestamp.from(day.atStartOfDay(zone).toInstant());
        Timestamp to = Timestamp.from(day.plusDays(1).atStartOfDay(zone).toInstant());
        List<Line> lines = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(BY_CAMPAIGN)) {
            int i = bindWindows(ps, from, to, 7);
            ps.setObject(i++, day);
            ps.setObject(i++, campaignId);
            ps.setObject(i, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(new Line(rs.getLong(1), rs.getString(2), null, null, rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6), rs.getBigDecimal(7), rs.getLong(8), rs.getLong(9), rs.getBigDecimal(10)));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(BY_AGENT)) {
            int i = bindWindows(ps, from, to, 9);
            ps.setObject(i++, campaignId);
            ps.setObject(i, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(new Line(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getLong(5), rs.getLong(6),
                            rs.getLong(7), rs.getLong(8), rs.getBigDecimal(9), rs.getLong(10), rs.getLong(11), rs.getBigDecimal(12)));
                }
            }
        }
        return lines;
    }

    private static int bindWindows(PreparedStatement ps, Timestamp from, Timestamp to, int windows) throws SQLException {
        int i = 1;
        for (int w = 0; w < windows; w++) {
            ps.setTimestamp(i++, from);
            ps.setTimestamp(i++, to);
        }
        return i;
    }

    /** The report as CSV, one line per campaign and per agent in it; names quoted, spreadsheet formulas defused. */
    public static String csv(List<Line> lines, LocalDate day) {
        StringBuilder sb = new StringBuilder("date,campaign_id,campaign,agent_id,agent,attempts,contacts,right_party_contacts,"
                + "promises,promised_amount,kept,broken,collected\n");
        for (Line l : lines) {
            sb.append(day).append(',').append(l.campaignId()).append(',').append(quote(l.campaign())).append(',')
                    .append(l.agentId() == null ? "" : l.agentId()).append(',').append(l.agent() == null ? "" : quote(l.agent()))
                    .append(',').append(l.attempts()).append(',').append(l.contacts()).append(',').append(l.rightPartyContacts())
                    .append(',').append(l.promises()).append(',').append(l.promisedAmount().toPlainString()).append(',')
                    .append(l.kept()).append(',').append(l.broken()).append(',').append(l.collected().toPlainString()).append('\n');
        }
        return sb.toString();
    }

    private static String quote(String s) {
        String safe = s != null && !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        return "\"" + (safe == null ? "" : safe.replace("\"", "\"\"")) + "\"";
    }
}
