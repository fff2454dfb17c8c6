package dialer.core.plan;

import dialer.core.Conflict;
import dialer.core.NotFound;
import dialer.core.campaign.CampaignStore;
import dialer.core.history.DebtorHistory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Settlement offers over an agent's authority, waiting for a supervisor: listed per campaign,
 * approved (the plan becomes active) or rejected (the plan and its open instalments are
 * cancelled). Each decision is recorded on the plan (who, when, why), in the audit trail and in
 * the debtor's history, in the caller's transaction. Callers check the role and the campaign.
 */
public final class SettlementDecisions {

    private static final String COLUMNS = """
            p.id, p.debtor_id, d.external_id, p.account_id, p.campaign_id, p.attempt_id, p.agent_id, p.balance,
            p.discount_percent, p.total, p.frequency, p.status, p.settlement, p.decided_by, p.decided_at,
            p.decision_note, p.created_at""";

    private static final String LIST_SQL = "select " + COLUMNS + ", a.name from payment_plan p join debtor d on d.id = p.debtor_id"
            + " left join agent a on a.id = p.agent_id where p.campaign_id = ? and (?::text is null or p.settlement = ?)"
            + " and p.settlement is not null order by p.created_at desc, p.id desc limit ?";

    private static final String LOCK_SQL = """
            select debtor_id, campaign_id, settlement, discount_percent, total from payment_plan where id = ? for update""";

    private static final String DECIDE_SQL = """
            update payment_plan set settlement = ?, status = ?, decided_by = ?, decided_at = ?, decision_note = ? where id = ?""";

    private static final String CANCEL_INSTALMENTS_SQL = """
            update promise set status = 'CANCELLED', settled_at = ? where plan_id = ? and status = 'OPEN'""";

    private final DebtorHistory history = new DebtorHistory();
    private final CampaignStore audit = new CampaignStore();

    /** A campaign's settlement offers, newest first; {@code settlement} null for all (PENDING, ACCEPTED, ...). */
    public JsonArray list(Connection c, long campaignId, String settlement, int limit) throws SQLException {
        JsonArray out = new JsonArray();
        try (PreparedStatement ps = c.prepareStatement(LIST_SQL)) {
            ps.setLong(1, campaignId);
            ps.setString(2, settlement);
            ps.setString(3, settlement);
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(PlanStore.row(rs).put("agentName", rs.getString(18)));
                }
            }
        }
        return out;
    }

    /** The campaign of a plan, for the caller's access check. */
    public long campaignOf(Connection c, long planId) throws SQLException {
        return lock(c, planId).campaignId();
    }

    private record Locked(long debtorId, long campaignId, String settlement, String discount, String total) {
    }

    private static Locked lock(Connection c, long planId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LOCK_SQL)) {
            ps.setLong(1, planId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFound("plan " + planId);
                }
                return new Locked(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getBigDecimal(4).stripTrailingZeros().toPlainString(), rs.getBigDecimal(5).toPlainString());
            }
        }
    }

    /** Approves or rejects a pending settlement; 409 when it is not pending. */
    public void decide(Connection c, long planId, boolean approve, String actor, String note, Instant at) throws SQLException {
        Locked p = lock(c, planId);
        if (!"PENDING".equals(p.settlement())) {
            throw new Conflict("plan " + planId + "'s settlement is " + (p.settlement() == null ? "not an offer" : p.settlement())
                    + ", not pending");
        }
        try (PreparedStatement ps = c.prepareStatement(DECIDE_SQL)) {
            ps.setString(1, approve ? "APPROVED" : "REJECTED");
            ps.setString(2, approve ? "ACTIVE" : "REJECTED");
            ps.setString(3, actor);
            ps.setTimestamp(4, Timestamp.from(at));
            ps.setString(5, note);
            ps.setLong(6, planId);
            ps.executeUpdate();
        }
        if (approve) {
            PlanStore.supersedeOpenPromises(c, p.debtorId(), planId, p.campaignId(), at, history);
        } else {
            try (PreparedStatement ps = c.prepareStatement(CANCEL_INSTALMENTS_SQL)) {
                ps.setTimestamp(1, Timestamp.from(at));
                ps.setLong(2, planId);
                ps.executeUpdate();
            }
        }
        String what = "Settlement " + p.discount() + "% (plan " + planId + ", " + p.total() + ") " + (approve ? "approved" : "rejected")
                + " by " + actor + (note == null || note.isBlank() ? "" : ": " + note)
                + (approve ? "" : "; the plan's open instalments are cancelled");
        audit.audit(c, actor, "campaign " + p.campaignId() + " " + what, note);
        history.add(c, p.debtorId(), at, DebtorHistory.Kind.SETTLEMENT, p.campaignId(), null, null, what,
                new JsonObject().put("planId", planId).put("decision", approve ? "APPROVED" : "REJECTED").put("by", actor)
                        .put("at", at.toString()));
    }
}
