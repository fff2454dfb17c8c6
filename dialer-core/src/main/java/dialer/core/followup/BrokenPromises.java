package dialer.core.followup;

import dialer.core.history.DebtorHistory;
import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Promises whose due date has passed without the money: broken. The debtor's broken-promise count
 * goes up (it can order the queue), and a follow-up call is scheduled: the promise's campaign
 * calls the debtor again, at once.
 *
 * <p>A due date is over once it is over everywhere (the day after it, at UTC-12), so nobody's
 * promise breaks while it is still their due date.
 */
public final class BrokenPromises {

    private static final String BREAK_OVERDUE_SQL = """
            update promise set status = 'BROKEN', settled_at = ?
            where status = 'OPEN' and due_date <= ? and plan_id is null
            returning id, debtor_id, campaign_id, agent_id, amount, due_date, paid_amount""";

    private static final String COUNT_BROKEN_ON_DEBTOR_SQL = """
            update debtor set broken_promises = broken_promises + 1 where id = ?""";

    /** Every lead of the debtor counts the broken promise; the promise's campaign calls again at once. */
    private static final String FOLLOW_UP_LEADS_SQL = """
            update campaign_lead set broken_promises = broken_promises + 1,
                state = case when campaign_id = ? and state in ('DONE', 'READY') then 'READY' else state end,
                next_call_at = case when campaign_id = ? and state in ('DONE', 'READY') then ? else next_call_at end,
                attempts = case when campaign_id = ? and state = 'DONE' then 0 else attempts end
            where debtor_id = ?""";

    private static final String RESET_PHONE_ATTEMPTS_SQL = """
            update debtor_phone set attempts = 0 where debtor_id = ? and status = 'VALID'""";

    private final DebtorHistory history = new DebtorHistory();
    private final InstalmentSettler instalments = new InstalmentSettler();

    /** Marks every overdue open promise broken and schedules its follow-up; returns how many. */
    public int breakOverdue(Connection c, Instant now) throws SQLException {
        LocalDate lastFullyPast = now.atOffset(ZoneOffset.ofHours(-12)).toLocalDate().minusDays(1);
        int broken = 0;
        try (PreparedStatement ps = c.prepareStatement(BREAK_OVERDUE_SQL)) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setObject(2, lastFullyPast);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    broken++;
                    long debtorId = rs.getLong("debtor_id");
                    Long campaignId = (Long) rs.getObject("campaign_id");
                    followUp(c, debtorId, campaignId, now);
                    history.add(c, debtorId, now, DebtorHistory.Kind.PROMISE_BROKEN, campaignId, null,
                            (Long) rs.getObject("agent_id"), "Promise of " + rs.getBigDecimal("amount").toPlainString() + " due "
                                    + rs.getObject("due_date") + " broken (paid " + rs.getBigDecimal("paid_amount").toPlainString()
                                    + "); follow-up call scheduled",
                            new JsonObject().put("promiseId", rs.getLong("id")));
                }
            }
        }
        // plans' instalments break after their grace period, by the same rules as the payments import
        return broken + instalments.settleDue(c, now).broken();
    }

    static void followUp(Connection c, long debtorId, Long campaignId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(COUNT_BROKEN_ON_DEBTOR_SQL)) {
            ps.setLong(1, debtorId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(FOLLOW_UP_LEADS_SQL)) {
            ps.setObject(1, campaignId);
            ps.setObject(2, campaignId);
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setObject(4, campaignId);
            ps.setLong(5, debtorId);
            ps.executeUpdate();
        }
        // a new round of calls: the numbers get their attempts again
        try (PreparedStatement ps = c.prepareStatement(RESET_PHONE_ATTEMPTS_SQL)) {
            ps.setLong(1, debtorId);
            ps.executeUpdate();
        }
    }
}
