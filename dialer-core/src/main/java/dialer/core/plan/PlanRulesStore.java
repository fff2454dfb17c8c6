package dialer.core.plan;

import dialer.core.NotFound;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Campaigns' plan rules and agents' own settlement authorities. Each method runs in the caller's transaction. */
public final class PlanRulesStore {

    private static final String GET_SQL = """
            select min_first_amount, min_first_percent, max_term_days, max_instalments, min_instalment_amount, grace_days,
                   settlement_authority_percent
            from plan_rules where campaign_id = ?""";

    private static final String PUT_SQL = """
            insert into plan_rules (campaign_id, min_first_amount, min_first_percent, max_term_days, max_instalments,
                min_instalment_amount, grace_days, settlement_authority_percent) values (?,?,?,?,?,?,?,?)
            on conflict (campaign_id) do update set min_first_amount = excluded.min_first_amount,
                min_first_percent = excluded.min_first_percent, max_term_days = excluded.max_term_days,
                max_instalments = excluded.max_instalments, min_instalment_amount = excluded.min_instalment_amount,
                grace_days = excluded.grace_days, settlement_authority_percent = excluded.settlement_authority_percent""";

    private static final String AGENT_AUTHORITY_SQL = """
            select percent from agent_settlement_authority where agent_id = ?""";

    private static final String PUT_AGENT_AUTHORITY_SQL = """
            insert into agent_settlement_authority (agent_id, percent) values (?, ?)
            on conflict (agent_id) do update set percent = excluded.percent""";

    private static final String AGENT_EXISTS_SQL = """
            select 1 from agent where id = ?""";

    private static final String CLEAR_AGENT_AUTHORITY_SQL = """
            delete from agent_settlement_authority where agent_id = ?""";

    /** The campaign's rules, or {@link PlanRules#NONE} when none are set. */
    public PlanRules get(Connection c, long campaignId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(GET_SQL)) {
            ps.setLong(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return PlanRules.NONE;
                }
                return new PlanRules(rs.getBigDecimal(1), rs.getBigDecimal(2), (Integer) rs.getObject(3), (Integer) rs.getObject(4),
                        rs.getBigDecimal(5), rs.getInt(6), rs.getBigDecimal(7));
            }
        }
    }

    public void put(Connection c, long campaignId, PlanRules r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(PUT_SQL)) {
            ps.setLong(1, campaignId);
            ps.setBigDecimal(2, r.minFirstAmount());
            ps.setBigDecimal(3, r.minFirstPercent());
            ps.setObject(4, r.maxTermDays());
            ps.setObject(5, r.maxInstalments());
            ps.setBigDecimal(6, r.minInstalmentAmount());
            ps.setInt(7, r.graceDays());
            ps.setBigDecimal(8, r.settlementAuthorityPercent());
            ps.executeUpdate();
        }
    }

    /** The discount the agent may grant alone: their own authority, else the campaign's default. */
    public BigDecimal authority(Connection c, Long agentId, PlanRules campaign) throws SQLException {
        BigDecimal own = agentId == null ? null : agentAuthority(c, agentId);
        return own != null ? own : campaign.settlementAuthorityPercent();
    }

    /** The agent's own authority, null when they have none (the campaign's applies). */
    public BigDecimal agentAuthority(Connection c, long agentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(AGENT_AUTHORITY_SQL)) {
            ps.setLong(1, agentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBigDecimal(1) : null;
            }
        }
    }

    /** Sets the agent's own authority, or clears it (null) so the campaign's applies; 404 for an unknown agent. */
    public void putAgentAuthority(Connection c, long agentId, BigDecimal percent) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(AGENT_EXISTS_SQL)) {
            ps.setLong(1, agentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFound("agent " + agentId);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(percent == null ? CLEAR_AGENT_AUTHORITY_SQL : PUT_AGENT_AUTHORITY_SQL)) {
            ps.setLong(1, agentId);
            if (percent != null) {
                ps.setBigDecimal(2, percent);
            }
            ps.executeUpdate();
        }
    }
}
