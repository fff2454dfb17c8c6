package dialer.core.campaign;

import dialer.core.NotFound;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/** Campaigns in PostgreSQL. Each method runs in the caller's transaction. */
public final class CampaignStore {

    private static final String COLUMNS = "id, name, dial_mode, status, dial_string, caller_id, default_region, "
            + "ring_timeout_seconds, detect_machines, hold_limit_ms, safe_harbor_prompt, max_attempts, max_abandon_rate, "
            + "simulated_callees, compliance, own_list_id, schedule, priority, max_attempts_per_number, wrap_up_limit_seconds, created_at, "
            + "amd_false_positive_rate, amd_settings";

    /** The columns a draft sets, in the order {@link #bindSettings} binds them; compliance is set apart (audited). */
    private static final List<String> SETTINGS = List.of("name", "dial_mode", "dial_string", "caller_id", "default_region",
            "ring_timeout_seconds", "detect_machines", "hold_limit_ms", "safe_harbor_prompt", "max_attempts",
            "max_abandon_rate", "simulated_callees", "schedule", "priority", "max_attempts_per_number",
            "wrap_up_limit_seconds", "amd_false_positive_rate", "amd_settings");

    private static String placeholder(String column) {
        return column.equals("schedule") || column.equals("priority") || column.equals("amd_settings") ? "?::jsonb" : "?";
    }

    static final String CREATE = "insert into campaign (" + String.join(", ", SETTINGS) + ", compliance) values ("
            + SETTINGS.stream().map(CampaignStore::placeholder).collect(Collectors.joining(", ")) + ", ?::jsonb)";

    static final String UPDATE = "update campaign set " + SETTINGS.stream().map(column -> column + " = " + placeholder(column))
            .collect(Collectors.joining(", ")) + ", updated_at = now() where id = ?";

    static final String GET = "select " + COLUMNS + " from campaign where id = ?";

    static final String FIND_BY_NAME = "select " + COLUMNS + " from campaign where name = ?";

    static final String LIST = "select " + COLUMNS + " from campaign order by id";

    /** Every campaign has a list of its own, for files posted straight to it. */
    static final String CREATE_OWN_LIST = """
            insert into contact_list (name, default_region) values (?, ?)
            """;

    static final String SET_OWN_LIST = """
            update campaign set own_list_id = ? where id = ?
            """;

    static final String ATTACH_LIST = """
            insert into campaign_list (campaign_id, list_id) values (?, ?)
            """;

    /** A new campaign starts with the house disposition set. */
    static final String COPY_DEFAULT_DISPOSITIONS = """
            insert into campaign_disposition (campaign_id, code, label, kind, is_contact, is_right_party, is_final,
                marks_number_invalid, adds_to_dnc, needs_promise, needs_callback, retry_minutes)
            select ?, code, label, kind, is_contact, is_right_party, is_final, marks_number_invalid, adds_to_dnc,
                   needs_promise, needs_callback, retry_minutes
            from disposition_code
            """;

    static final String DISPOSITIONS = """
            select code, label, kind, is_contact, is_right_party, is_final, marks_number_invalid, adds_to_dnc,
                   needs_promise, needs_callback, retry_minutes
            from campaign_disposition where campaign_id = ? order by kind desc, code
            """;

    /** Adds or changes one agent code of the campaign's set. */
    static final String PUT_DISPOSITION = """
            insert into campaign_disposition (campaign_id, code, label, kind, is_contact, is_right_party, is_final,
                marks_number_invalid, adds_to_dnc, needs_promise, needs_callback, retry_minutes)
            values (?, ?, ?, 'AGENT', ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (campaign_id, code) do update set label = excluded.label, is_contact = excluded.is_contact,
                is_right_party = excluded.is_right_party, is_final = excluded.is_final,
                marks_number_invalid = excluded.marks_number_invalid, adds_to_dnc = excluded.adds_to_dnc,
                needs_promise = excluded.needs_promise, needs_callback = excluded.needs_callback,
                retry_minutes = excluded.retry_minutes
            """;

    static final String OVERRIDES = """
            select rule_id, actor, reason, created_at from campaign_rule_override where campaign_id = ? order by id
            """;

    static final String ADD_OVERRIDE = """
            insert into campaign_rule_override (campaign_id, rule_id, actor, reason, created_at) values (?, ?, ?, ?, ?)
            on conflict (campaign_id, rule_id) do nothing
            """;

    static final String AUDIT = """
            insert into config_audit (actor, change, reason) values (?, ?, ?)
            """;

    static final String AUDIT_TRAIL = """
            select id, actor, change, reason, changed_at from config_audit order by id desc limit ?
            """;

    static final String SET_COMPLIANCE = """
            update campaign set compliance = ?::jsonb, updated_at = now() where id = ?
            """;

    static final String SET_STATUS = """
            update campaign set status = ?, updated_at = now() where id = ?
            """;

    /** One code of a campaign's disposition set; {@code retryMinutes} null for the default. */
    public record Disposition(String code, String label, String kind, boolean isContact, boolean isRightParty,
                              boolean isFinal, boolean marksNumberInvalid, boolean addsToDnc, boolean needsPromise,
                              boolean needsCallback, Integer retryMinutes) {
    }

    /** One configuration change of the audit trail. */
    public record AuditEntry(long id, String actor, String change, String reason, Instant changedAt) {
    }

    /** Binds the draft's settings from parameter 1 on; returns the next parameter's index. */
    private static int bindSettings(PreparedStatement ps, CampaignDraft d) throws SQLException {
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
        ps.setString(13, d.schedule() == null ? null : d.schedule().toJson().encode());
        ps.setString(14, d.priority().toJson().encode());
        ps.setInt(15, d.maxAttemptsPerNumber());
        ps.setInt(16, d.wrapUpLimitSeconds());
        ps.setBigDecimal(17, d.amdFalsePositiveRate());
        ps.setString(18, d.amd().toJson().encode());
        return SETTINGS.size() + 1;
    }

    public Campaign create(Connection c, CampaignDraft d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CREATE, Statement.RETURN_GENERATED_KEYS)) {
            int next = bindSettings(ps, d);
            ps.setString(next, d.compliance().toJson().encode());
            ps.executeUpdate();
            long id;
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
            ownList(c, id, d);
            copyDefaultDispositions(c, id);
            return get(c, id);
        }
    }

    /** Every campaign has a list of its own, for files posted straight to it. */
    private static void ownList(Connection c, long campaignId, CampaignDraft d) throws SQLException {
        long listId;
        try (PreparedStatement ps = c.prepareStatement(CREATE_OWN_LIST, Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, "campaign " + campaignId + ": " + d.name());
            ps.setString(2, d.defaultRegion());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                listId = keys.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(SET_OWN_LIST)) {
            ps.setLong(1, listId);
            ps.setLong(2, campaignId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(ATTACH_LIST)) {
            ps.setLong(1, campaignId);
            ps.setLong(2, listId);
            ps.executeUpdate();
        }
    }

    /** A new campaign starts with the house disposition set; it can be changed per campaign. */
    private static void copyDefaultDispositions(Connection c, long campaignId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(COPY_DEFAULT_DISPOSITIONS)) {
            ps.setLong(1, campaignId);
            ps.executeUpdate();
        }
    }

    public Campaign get(Connection c, long id) throws SQLException {
        return find(c, id).orElseThrow(() -> new NotFound("campaign " + id));
    }

    public Optional<Campaign> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(GET)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    public Optional<Campaign> findByName(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FIND_BY_NAME)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    public List<Campaign> list(Connection c) throws SQLException {
        List<Campaign> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(LIST);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                all.add(read(rs));
            }
        }
        return all;
    }

    /** Replaces a campaign's settings with a checked draft (its compliance settings change elsewhere, audited). */
    public Campaign update(Connection c, long id, CampaignDraft d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            int next = bindSettings(ps, d);
            ps.setLong(next, id);
            if (ps.executeUpdate() == 0) {
                throw new NotFound("campaign " + id);
            }
        }
        return get(c, id);
    }

    /** The campaign's disposition set. */
    public List<Disposition> dispositions(Connection c, long campaignId) throws SQLException {
        List<Disposition> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(DISPOSITIONS)) {
            ps.setLong(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Disposition(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                            rs.getBoolean(5), rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8), rs.getBoolean(9),
                            rs.getBoolean(10), (Integer) rs.getObject(11)));
                }
            }
        }
        return out;
    }

    /** Adds or changes one code of the campaign's set (system codes keep their kind). */
    public void putDisposition(Connection c, long campaignId, DispositionDraft d) throws SQLException {
        get(c, campaignId);
        try (PreparedStatement ps = c.prepareStatement(PUT_DISPOSITION)) {
            ps.setLong(1, campaignId);
            ps.setString(2, d.code());
            ps.setString(3, d.label());
            ps.setBoolean(4, d.isContact());
            ps.setBoolean(5, d.isRightParty());
            ps.setBoolean(6, d.isFinal());
            ps.setBoolean(7, d.marksNumberInvalid());
            ps.setBoolean(8, d.addsToDnc());
            ps.setBoolean(9, d.needsPromise());
            ps.setBoolean(10, d.needsCallback());
            ps.setObject(11, d.retryMinutes());
            ps.executeUpdate();
        }
    }

    /** The campaign's audited loosenings of its preset, oldest first. */
    public List<dialer.core.compliance.CampaignRuleSets.Override> overrides(Connection c, long campaignId) throws SQLException {
        List<dialer.core.compliance.CampaignRuleSets.Override> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(OVERRIDES)) {
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
        try (PreparedStatement ps = c.prepareStatement(ADD_OVERRIDE)) {
            ps.setLong(1, campaignId);
            ps.setString(2, o.ruleId());
            ps.setString(3, o.actor());
            ps.setString(4, o.reason());
            ps.setTimestamp(5, Timestamp.from(o.at()));
            if (ps.executeUpdate() == 0) {
                throw new dialer.core.Conflict("rule " + o.ruleId() + " of campaign " + campaignId + " is already loosened");
            }
        }
    }

    /** Writes a configuration change to the audit trail. */
    public void audit(Connection c, String actor, String change, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(AUDIT)) {
            ps.setString(1, actor);
            ps.setString(2, change);
            ps.setString(3, reason);
            ps.executeUpdate();
        }
    }

    /** The latest configuration changes, newest first. */
    public List<AuditEntry> auditTrail(Connection c, int limit) throws SQLException {
        List<AuditEntry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(AUDIT_TRAIL)) {
            ps.setObject(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AuditEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getTimestamp(5).toInstant()));
                }
            }
        }
        return out;
    }

    /** Replaces the campaign's compliance settings (tightening; loosening goes through an override). */
    public Campaign setCompliance(Connection c, long id, ComplianceSettings settings) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SET_COMPLIANCE)) {
            ps.setString(1, settings.toJson().encode());
            ps.setLong(2, id);
            if (ps.executeUpdate() == 0) {
                throw new NotFound("campaign " + id);
            }
        }
        return get(c, id);
    }

    public Campaign setStatus(Connection c, long id, CampaignStatus status) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SET_STATUS)) {
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
                ComplianceSettings.fromStored(rs.getString("compliance")),
                rs.getObject("own_list_id") == null ? null : rs.getLong("own_list_id"),
                stored(rs.getString("schedule"), CampaignSchedule::fromJson),
                stored(rs.getString("priority"), PriorityOrder::fromJson), rs.getInt("max_attempts_per_number"),
                rs.getInt("wrap_up_limit_seconds"), rs.getTimestamp("created_at").toInstant(),
                rs.getBigDecimal("amd_false_positive_rate"), AmdSettings.fromStored(rs.getString("amd_settings")));
    }

    private static <T> T stored(String json, BiFunction<Object, dialer.core.Invalid.Collector, T> parser) {
        if (json == null) {
            return null;
        }
        dialer.core.Invalid.Collector problems = new dialer.core.Invalid.Collector();
        Object value = json.trim().startsWith("[") ? new io.vertx.core.json.JsonArray(json) : new io.vertx.core.json.JsonObject(json);
        T parsed = parser.apply(value, problems);
        try {
            problems.throwIfAny();
        } catch (dialer.core.Invalid e) {
            throw new IllegalStateException("stored campaign settings are invalid: " + e.getMessage(), e);
        }
        return parsed;
    }
}
