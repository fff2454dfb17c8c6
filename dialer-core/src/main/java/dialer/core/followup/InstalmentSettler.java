package dialer.core.followup;

import dialer.core.history.DebtorHistory;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Settles payment plans' instalments against the debtor's payments ({@link InstalmentMatcher}'s
 * rules), in the caller's transaction: kept, still open (with what was paid), or broken once
 * their grace period is over everywhere. A broken instalment is a broken promise: the debtor's
 * and their leads' counts go up and the plan's campaign calls them again ({@link BrokenPromises}).
 * A plan whose instalments are all kept is completed. Run by the payments import and by the
 * periodic check of overdue promises.
 */
public final class InstalmentSettler {

    /** What a settling did. */
    public record Settled(int kept, int broken) {
        public Settled plus(Settled o) {
            return new Settled(kept + o.kept, broken + o.broken);
        }
    }

    private static final String PLANS_SQL = """
            select id, account_id, campaign_id, agent_id, created_at from payment_plan
            where debtor_id = ? and status in ('ACTIVE', 'PENDING_APPROVAL') order by id for update""";

    private static final String INSTALMENTS_SQL = """
            select id, amount, grace_until, status, paid_amount, instalment_no, due_date from promise
            where plan_id = ? order by due_date, instalment_no for update""";

    /** The payments that count for a plan: made from the day it was made, on its account (or any, when either has none). */
    private static final String PAYMENTS_SQL = """
            select amount, paid_on from payment where debtor_id = ? and paid_on >= ?
              and (?::bigint is null or account_id is null or account_id = ?)""";

    private static final String UPDATE_SQL = """
            update promise set status = ?, paid_amount = ?, settled_at = ? where id = ?""";

    private static final String COMPLETE_SQL = """
            update payment_plan set status = 'COMPLETED' where id = ? and status = 'ACTIVE'
              and not exists (select 1 from promise where plan_id = ? and status <> 'KEPT')""";

    /** Debtors with an open instalment whose last day is over. */
    private static final String DUE_DEBTORS_SQL = """
            select distinct debtor_id from promise where plan_id is not null and status = 'OPEN' and grace_until <= ?""";

    private final DebtorHistory history = new DebtorHistory();

    /** The last day that is over everywhere (it is the next day at UTC-12). */
    static LocalDate lastPastDay(Instant now) {
        return now.atOffset(ZoneOffset.ofHours(-12)).toLocalDate().minusDays(1);
    }

    /** Every debtor with an instalment past its grace period: settled (kept if paid, else broken). */
    public Settled settleDue(Connection c, Instant now) throws SQLException {
        List<Long> debtors = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(DUE_DEBTORS_SQL)) {
            ps.setObject(1, lastPastDay(now));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    debtors.add(rs.getLong(1));
                }
            }
        }
        Settled all = new Settled(0, 0);
        for (long debtor : debtors) {
            all = all.plus(settleDebtor(c, debtor, now));
        }
        return all;
    }

    private record Plan(long id, Long accountId, long campaignId, Long agentId, LocalDate madeOn) {
    }

    /** The debtor's active plans, settled against their payments. */
    public Settled settleDebtor(Connection c, long debtorId, Instant now) throws SQLException {
        List<Plan> plans = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(PLANS_SQL)) {
            ps.setLong(1, debtorId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plans.add(new Plan(rs.getLong(1), (Long) rs.getObject(2), rs.getLong(3), (Long) rs.getObject(4),
                            rs.getTimestamp(5).toInstant().atZone(ZoneOffset.UTC).toLocalDate()));
                }
            }
        }
        Settled all = new Settled(0, 0);
        for (Plan p : plans) {
            all = all.plus(settle(c, debtorId, p, now));
        }
        return all;
    }

    private Settled settle(Connection c, long debtorId, Plan plan, Instant now) throws SQLException {
        List<InstalmentMatcher.Instalment> instalments = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(INSTALMENTS_SQL)) {
            ps.setLong(1, plan.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    instalments.add(new InstalmentMatcher.Instalment(rs.getLong(1), rs.getBigDecimal(2),
                            rs.getObject(3, LocalDate.class), rs.getString(4), rs.getBigDecimal(5)));
                    labels.add("Instalment " + rs.getInt(6) + " of plan " + plan.id() + " (" + rs.getBigDecimal(2).toPlainString()
                            + " due " + rs.getObject(7) + ")");
                }
            }
        }
        List<InstalmentMatcher.Payment> payments = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(PAYMENTS_SQL)) {
            ps.setLong(1, debtorId);
            ps.setObject(2, plan.madeOn());
            ps.setObject(3, plan.accountId());
            ps.setObject(4, plan.accountId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    payments.add(new InstalmentMatcher.Payment(rs.getBigDecimal(1), rs.getObject(2, LocalDate.class)));
                }
            }
        }
        int kept = 0;
        int broken = 0;
        List<InstalmentMatcher.Outcome> outcomes = InstalmentMatcher.match(instalments, payments, lastPastDay(now));
        for (int n = 0; n < outcomes.size(); n++) {
            InstalmentMatcher.Outcome o = outcomes.get(n);
            if (!o.changed()) {
                continue;
            }
            try (PreparedStatement ps = c.prepareStatement(UPDATE_SQL)) {
                ps.setString(1, o.status());
                ps.setBigDecimal(2, o.paid());
                ps.setTimestamp(3, InstalmentMatcher.OPEN.equals(o.status()) ? null : Timestamp.from(now));
                ps.setLong(4, o.id());
                ps.executeUpdate();
            }
            JsonObject data = new JsonObject().put("promiseId", o.id()).put("planId", plan.id()).put("paid", o.paid().toPlainString());
            if (o.newlyKept()) {
                kept++;
                history.add(c, debtorId, now, DebtorHistory.Kind.PROMISE_KEPT, plan.campaignId(), null, plan.agentId(),
                        labels.get(n) + " kept", data);
            } else if (o.newlyBroken()) {
                broken++;
                BrokenPromises.followUp(c, debtorId, plan.campaignId(), now);
                history.add(c, debtorId, now, DebtorHistory.Kind.PROMISE_BROKEN, plan.campaignId(), null, plan.agentId(),
                        labels.get(n) + " broken (paid " + o.paid().toPlainString() + " by its last day "
                                + instalments.get(n).graceUntil() + "); follow-up call scheduled", data);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(COMPLETE_SQL)) {
            ps.setLong(1, plan.id());
            ps.setLong(2, plan.id());
            ps.executeUpdate();
        }
        return new Settled(kept, broken);
    }
}
