package dialer.core.campaign;

import dialer.core.NotFound;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Campaigns in PostgreSQL. Each method runs in the caller's transaction. */
public final class CampaignStore {

    private static final String COLUMNS = "id, name, dial_mode, status, dial_string, caller_id, default_region, "
            + "ring_timeout_seconds, detect_machines, hold_limit_ms, safe_harbor_prompt, max_attempts, max_abandon_rate, "
            + "simulated_callees, compliance, created_at";

    public Campaign create(Connection c, CampaignDraft d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into campaign (name, dial_mode, dial_string, caller_id, "
                + "default_region, ring_timeout_seconds, detect_machines, hold_limit_ms, safe_harbor_prompt, max_attempts, "
                + "max_abandon_rate, simulated_callees, compliance) values (?,?,?,?,?,?,?,?,?,?,?,?,?::jsonb)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, d.name());
            ps.setString(2, d.dialMode().name());
            ps.setString(3, d.dialString());
            ps.setString(4, d.callerId());
            ps.setString(5, d.defaultRegion());
            ps.setInt(6, d.ringTimeoutSeconds());
            ps.setBoolean(7, d.detectMachines());
            ps.setInt(8, d.holdLimitMs());
            ps.setString(9, d.safeHarborPrompt());
            ps.setInt(10, d.maxAttempts());
            ps.setBigDecimal(11, d.maxAbandonRate());
            ps.setBoolean(12, d.simulatedCallees());
            ps.setString(13, d.compliance().toJson().encode());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return get(c, keys.getLong(1));
            }
        }
    }

    public Campaign get(Connection c, long id) throws SQLException {
        return find(c, id).orElseThrow(() -> new NotFound("campaign " + id));
    }

    public Optional<Campaign> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from campaign where id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    public Optional<Campaign> findByName(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from campaign where name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    public List<Campaign> list(Connection c) throws SQLException {
        List<Campaign> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from campaign order by id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                all.add(read(rs));
            }
        }
        return all;
    }

    /** The campaign's audited loosenings of its preset, oldest first. */
    public List<dialer.core.compliance.CampaignRuleSets.Override> overrides(Connection c, long campaignId) throws SQLException {
        List<dialer.core.compliance.CampaignRuleSets.Override> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select rule_id, actor, reason, created_at from campaign_rule_override "
                + "where campaign_id = ? order by id")) {
            ps.setLong(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(new dialer.core.compliance.CampaignRuleSets.Override(rs.getString(1), rs.getString(2),
                            rs.getString(3), rs.getTimestamp(4).toInstant()));
                }
            }
        }
        return all;
    }

    /** Records a loosening: who, when, why. The rule set is rebuilt with it. */
    public void addOverride(Connection c, long campaignId, dialer.core.compliance.CampaignRuleSets.Override o) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into campaign_rule_override (campaign_id, rule_id, actor, reason, "
                + "created_at) values (?,?,?,?,?) on conflict (campaign_id, rule_id) do nothing")) {
            ps.setLong(1, campaignId);
            ps.setString(2, o.ruleId());
            ps.setString(3, o.actor());
            ps.setString(4, o.reason());
            ps.setTimestamp(5, java.sql.Timestamp.from(o.at()));
            if (ps.executeUpdate() == 0) {
                throw new dialer.core.Conflict("rule " + o.ruleId() + " of campaign " + campaignId + " is already loosened");
            }
        }
    }

    /** Writes a configuration change to the audit trail. */
    public void audit(Connection c, String actor, String change, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into config_audit (actor, change, reason) values (?,?,?)")) {
            ps.setString(1, actor);
            ps.setString(2, change);
            ps.setString(3, reason);
            ps.executeUpdate();
        }
    }

    /** Replaces the campaign's compliance settings (tightening; loosening goes through an override). */
    public Campaign setCompliance(Connection c, long id, ComplianceSettings settings) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update campaign set compliance = ?::jsonb, updated_at = now() where id = ?")) {
            ps.setString(1, settings.toJson().encode());
            ps.setLong(2, id);
            if (ps.executeUpdate() == 0) {
                throw new NotFound("campaign " + id);
            }
        }
        return get(c, id);
    }

    public Campaign setStatus(Connection c, long id, CampaignStatus status) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update campaign set status = ?, updated_at = now() where id = ?")) {
            ps.setString(1, status.name());
            ps.setLong(2, id);
            if (ps.executeUpdate() == 0) {
                throw new NotFound("campaign " + id);
            }
        }
        return get(c, id);
    }

    private static Campaign read(ResultSet rs) throws SQLException {
        return new Campaign(rs.getLong("id"), rs.getString("name"), DialMode.valueOf(rs.getString("dial_mode")),
                CampaignStatus.valueOf(rs.getString("status")), rs.getString("dial_string"), rs.getString("caller_id"),
                rs.getString("default_region"), rs.getInt("ring_timeout_seconds"), rs.getBoolean("detect_machines"),
                rs.getInt("hold_limit_ms"), rs.getString("safe_harbor_prompt"), rs.getInt("max_attempts"),
                rs.getBigDecimal("max_abandon_rate"), rs.getBoolean("simulated_callees"),
                ComplianceSettings.fromStored(rs.getString("compliance")), rs.getTimestamp("created_at").toInstant());
    }
}
