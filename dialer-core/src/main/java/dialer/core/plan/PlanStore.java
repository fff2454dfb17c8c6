package dialer.core.plan;

import dialer.core.Invalid;
import dialer.core.NotFound;
import dialer.core.history.DebtorHistory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Payment plans: checked against the campaign's rules and written with the disposition that
 * made them (the caller's transaction: a plan refused leaves nothing behind). Each instalment is
 * a promise of its plan. A settlement within the agent's authority is accepted at once; above
 * it, the plan waits for a supervisor ({@link SettlementDecisions}).
 */
public final class PlanStore {

    /** The call that made the plan. */
    public record Origin(long debtorId, long campaignId, Long attemptId, Long agentId) {
    }

    /** A plan's check: the balance it is measured against, its total, the authority, and every rule broken. */
    public record Checked(BigDecimal balance, BigDecimal total, BigDecimal authorityPercent, boolean needsApproval,
                          List<Invalid.Problem> problems) {
    }

    private static final String ACCOUNT_BALANCE_SQL = """
            select amount_overdue from debtor_account where id = ? and debtor_id = ?""";

    private static final String DEBTOR_BALANCE_SQL = """
            select coalesce(sum(amount_overdue), 0) from debtor_account where debtor_id = ?""";

    private static final String INSERT_PLAN_SQL = """
            insert into payment_plan (debtor_id, account_id, campaign_id, attempt_id, agent_id, balance, discount_percent,
                total, frequency, status, settlement, created_at) values (?,?,?,?,?,?,?,?,?,?,?,?)""";

    private static final String INSERT_INSTALMENT_SQL = """
            insert into promise (debtor_id, account_id, campaign_id, attempt_id, agent_id, amount, due_date, created_at,
                plan_id, instalment_no, grace_until) values (?,?,?,?,?,?,?,?,?,?,?)""";

    private static final String PLAN_SQL = """
            select p.id, p.debtor_id, d.external_id, p.account_id, p.campaign_id, p.attempt_id, p.agent_id, p.balance,
                   p.discount_percent, p.total, p.frequency, p.status, p.settlement, p.decided_by, p.decided_at,
                   p.decision_note, p.created_at
            from payment_plan p join debtor d on d.id = p.debtor_id where p.id = ?""";

    private static final String INSTALMENTS_SQL = """
            select id, instalment_no, amount, due_date, grace_until, status, paid_amount, settled_at
            from promise where plan_id = ? order by due_date, instalment_no""";

    private final PlanRulesStore rules = new PlanRulesStore();
    private final DebtorHistory history = new DebtorHistory();

    /** Checks the plan against the campaign's rules without writing anything. */
    public Checked check(Connection c, Origin o, PlanRequest plan, Instant at) throws SQLException {
        PlanRules r = rules.get(c, o.campaignId());
        BigDecimal balance = balance(c, o.debtorId(), plan.accountId());
        BigDecimal authority = rules.authority(c, o.agentId(), r);
        boolean needsApproval = plan.settlementPercent() != null && plan.settlementPercent().compareTo(authority) > 0;
        return new Checked(balance, plan.total(), authority, needsApproval, r.check(plan, balance, today(at)));
    }

    /** Writes the plan and its instalments, or refuses it (400) naming every rule it breaks; returns its id. */
    public long create(Connection c, Origin o, PlanRequest plan, Instant at) throws SQLException {
        Checked checked = check(c, o, plan, at);
        if (!checked.problems().isEmpty()) {
            throw new Invalid(checked.problems());
        }
        PlanRules r = rules.get(c, o.campaignId());
        String settlement = plan.settlementPercent() == null ? null : checked.needsApproval() ? "PENDING" : "ACCEPTED";
        String status = checked.needsApproval() ? "PENDING_APPROVAL" : "ACTIVE";
        long id;
        try (PreparedStatement ps = c.prepareStatement(INSERT_PLAN_SQL, Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, o.debtorId());
            ps.setObject(2, plan.accountId());
            ps.setLong(3, o.campaignId());
            ps.setObject(4, o.attemptId());
            ps.setObject(5, o.agentId());
            ps.setBigDecimal(6, checked.balance());
            ps.setBigDecimal(7, plan.settlementPercent() == null ? BigDecimal.ZERO : plan.settlementPercent());
            ps.setBigDecimal(8, checked.total());
            ps.setString(9, plan.frequency());
            ps.setString(10, status);
            ps.setString(11, settlement);
            ps.setTimestamp(12, Timestamp.from(at));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_INSTALMENT_SQL)) {
            int n = 0;
            for (PlanRequest.Instalment i : plan.instalments()) {
                ps.setLong(1, o.debtorId());
                ps.setObject(2, plan.accountId());
                ps.setLong(3, o.campaignId());
                ps.setObject(4, o.attemptId());
                ps.setObject(5, o.agentId());
                ps.setBigDecimal(6, i.amount());
                ps.setObject(7, i.dueDate());
                ps.setTimestamp(8, Timestamp.from(at));
                ps.setLong(9, id);
                ps.setInt(10, ++n);
                ps.setObject(11, i.dueDate().plusDays(r.graceDays()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        if ("ACTIVE".equals(status)) {
            supersedeOpenPromises(c, o.debtorId(), id, o.campaignId(), at, history);
        }
        List<PlanRequest.Instalment> all = plan.instalments();
        String summary = "Payment plan of " + all.size() + " instalment" + (all.size() == 1 ? "" : "s") + " ("
                + plan.frequency().toLowerCase() + "), " + checked.total().toPlainString() + " from " + all.get(0).dueDate()
                + " to " + all.get(all.size() - 1).dueDate()
                + (plan.settlementPercent() == null ? "" : "; settlement " + plan.settlementPercent().stripTrailingZeros().toPlainString()
                + "% off " + checked.balance().toPlainString() + (checked.needsApproval()
                ? ", over the agent's authority of " + checked.authorityPercent().stripTrailingZeros().toPlainString()
                + "%: pending a supervisor's approval" : ", within the agent's authority: accepted"));
        history.add(c, o.debtorId(), at, DebtorHistory.Kind.PROMISE, o.campaignId(), o.attemptId(), o.agentId(), summary,
                new JsonObject().put("planId", id).put("total", checked.total().toPlainString()).put("instalments", all.size())
                        .put("settlement", settlement));
        return id;
    }

    /**
     * A plan that becomes active replaces the debtor's open single promises: one payment must not
     * keep both a promise and an instalment. The replaced promises are CANCELLED, in the history.
     */
    static void supersedeOpenPromises(Connection c, long debtorId, long planId, Long campaignId, Instant at, DebtorHistory history)
            throws SQLException {
        int replaced;
        try (PreparedStatement ps = c.prepareStatement(
                "update promise set status = 'CANCELLED', settled_at = ? where debtor_id = ? and status = 'OPEN' and plan_id is null")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setLong(2, debtorId);
            replaced = ps.executeUpdate();
        }
        if (replaced > 0) {
            history.add(c, debtorId, at, DebtorHistory.Kind.PROMISE, campaignId, null, null, replaced + " open promise"
                    + (replaced == 1 ? "" : "s") + " replaced by payment plan " + planId, new JsonObject().put("planId", planId)
                    .put("replaced", replaced));
        }
    }

    /** A plan with its instalments, as the API shows it. */
    public JsonObject get(Connection c, long planId) throws SQLException {
        JsonObject plan;
        try (PreparedStatement ps = c.prepareStatement(PLAN_SQL)) {
            ps.setLong(1, planId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFound("plan " + planId);
                }
                plan = row(rs);
            }
        }
        JsonArray instalments = new JsonArray();
        try (PreparedStatement ps = c.prepareStatement(INSTALMENTS_SQL)) {
            ps.setLong(1, planId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    instalments.add(new JsonObject().put("promiseId", rs.getLong(1)).put("number", rs.getInt(2))
                            .put("amount", rs.getBigDecimal(3).toPlainString()).put("dueDate", rs.getObject(4).toString())
                            .put("graceUntil", String.valueOf(rs.getObject(5))).put("status", rs.getString(6))
                            .put("paidAmount", rs.getBigDecimal(7).toPlainString())
                            .put("settledAt", rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant().toString()));
                }
            }
        }
        return plan.put("instalments", instalments);
    }

    /** One row of {@link #PLAN_SQL} (or a query with its columns) as JSON. */
    static JsonObject row(ResultSet rs) throws SQLException {
        BigDecimal discount = rs.getBigDecimal(9);
        return new JsonObject().put("id", rs.getLong(1)).put("debtorId", rs.getLong(2)).put("debtorExternalId", rs.getString(3))
                .put("accountId", rs.getObject(4)).put("campaignId", rs.getLong(5)).put("attemptId", rs.getObject(6))
                .put("agentId", rs.getObject(7)).put("balance", rs.getBigDecimal(8).toPlainString())
                .put("settlementPercent", discount.signum() == 0 ? null : discount.stripTrailingZeros().toPlainString())
                .put("total", rs.getBigDecimal(10).toPlainString()).put("frequency", rs.getString(11))
                .put("status", rs.getString(12)).put("settlement", rs.getString(13)).put("decidedBy", rs.getString(14))
                .put("decidedAt", rs.getTimestamp(15) == null ? null : rs.getTimestamp(15).toInstant().toString())
                .put("decisionNote", rs.getString(16)).put("createdAt", rs.getTimestamp(17).toInstant().toString());
    }

    /** The plan's campaign (for the access check). */
    public long campaignOf(Connection c, long planId) throws SQLException {
        return get(c, planId).getLong("campaignId");
    }

    private static BigDecimal balance(Connection c, long debtorId, Long accountId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(accountId == null ? DEBTOR_BALANCE_SQL : ACCOUNT_BALANCE_SQL)) {
            if (accountId == null) {
                ps.setLong(1, debtorId);
            } else {
                ps.setLong(1, accountId);
                ps.setLong(2, debtorId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw Invalid.of("plan.accountId", "account " + accountId + " is not this debtor's");
                }
                return rs.getBigDecimal(1);
            }
        }
    }

    /** The earliest date it is anywhere (UTC-12): a plan made late in the debtor's evening may start on their today. */
    private static LocalDate today(Instant at) {
        return at.atOffset(ZoneOffset.ofHours(-12)).toLocalDate();
    }
}
