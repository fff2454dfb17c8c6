package dialer.compliance;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The stored decisions: query by campaign, lead and time range, and export as CSV. */
public final class DecisionLog {

    /**
     * Which decisions: {@code [from, to)}, optionally one campaign and/or one lead. {@code limit}
     * caps {@link #find} (CSV export is not capped).
     */
    public record Query(Instant from, Instant to, String campaignId, String leadId, int limit) {
        public Query {
            if (from == null || to == null || !to.isAfter(from)) {
                throw new IllegalArgumentException("a decision query needs a time range with to after from, got [" + from + ", " + to + ")");
            }
            if (limit < 1) {
                throw new IllegalArgumentException("a decision query needs a limit >= 1, got " + limit);
            }
        }

        public static Query between(Instant from, Instant to) {
            return new Query(from, to, null, null, 1000);
        }

        public Query campaign(String id) { return new Query(from, to, id, leadId, limit); }
        public Query lead(String id) { return new Query(from, to, campaignId, id, limit); }
        public Query limit(int n) { return new Query(from, to, campaignId, leadId, n); }
    }

    /** A stored decision; {@code failures} carry each failing rule's id, reason and next-allowed instant. */
    public record Stored(long id, Instant decidedAt, String kind, String campaignId, String debtorId, String leadId,
                         String phone, PhoneType phoneType, CallPath path, String ruleSetId, String ruleSetVersion,
                         Verdict verdict, Instant nextAllowedAt, List<String> calleeZones, String zoneSources,
                         Long reservationId, List<RuleResult> failures) {
    }

    private final DataSource dataSource;

    DecisionLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<Stored> find(Query q) {
        List<Stored> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, q, true)) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(stored(rs));
                }
            }
        } catch (SQLException e) {
            throw new ComplianceException("could not query decisions: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Writes every matching decision as CSV (RFC 4180, header first, one row per decision, failing
     * rules joined with " | "), oldest first. Phone numbers are written in full unless
     * {@code maskPhones}. Returns the number of rows.
     */
    public long exportCsv(Query q, Appendable out, boolean maskPhones) {
        long rows = 0;
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false); // lets the driver stream with a fetch size instead of loading everything
            try (PreparedStatement ps = prepare(c, q, false)) {
                ps.setFetchSize(1000);
                out.append("decision_id,decided_at,kind,campaign_id,debtor_id,lead_id,phone,phone_type,call_path,"
                        + "rule_set_id,rule_set_version,verdict,next_allowed_at,callee_zones,reservation_id,"
                        + "failed_rules,failed_reasons,failed_next_allowed\r\n");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Stored s = stored(rs);
                        List<String> cells = List.of(
                                Long.toString(s.id()), s.decidedAt().toString(), s.kind(), s.campaignId(), s.debtorId(),
                                s.leadId(), maskPhones ? Masking.phone(s.phone()) : s.phone(), s.phoneType().name(),
                                s.path().name(), s.ruleSetId(), s.ruleSetVersion(), s.verdict().name(),
                                s.nextAllowedAt() == null ? "" : s.nextAllowedAt().toString(),
                                String.join(" ", s.calleeZones()),
                                s.reservationId() == null ? "" : s.reservationId().toString(),
                                String.join(" | ", s.failures().stream().map(RuleResult::ruleId).toList()),
                                String.join(" | ", s.failures().stream().map(RuleResult::reason).toList()),
                                String.join(" | ", s.failures().stream()
                                        .map(f -> f.nextAllowedAt() == null ? "none" : f.nextAllowedAt().toString()).toList()));
                        StringBuilder line = new StringBuilder();
                        for (int i = 0; i < cells.size(); i++) {
                            if (i > 0) {
                                line.append(',');
                            }
                            line.append(csv(cells.get(i)));
                        }
                        out.append(line).append("\r\n");
                        rows++;
                    }
                }
            } finally {
                c.commit();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new ComplianceException("could not export decisions: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the decisions CSV", e);
        }
        return rows;
    }

    static String csv(String cell) {
        if (cell == null) {
            return "";
        }
        String safe = cell;
        // a cell starting with = + - @ would be a formula in a spreadsheet
        if (!safe.isEmpty() && "=+-@".indexOf(safe.charAt(0)) >= 0 && !safe.matches("[+-]?[0-9].*")) {
            safe = "'" + safe;
        }
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }

    private static PreparedStatement prepare(Connection c, Query q, boolean limited) throws SQLException {
        StringBuilder sql = new StringBuilder("select * from compliance.decision where decided_at >= ? and decided_at < ?");
        if (q.campaignId() != null) {
            sql.append(" and campaign_id = ?");
        }
        if (q.leadId() != null) {
            sql.append(" and lead_id = ?");
        }
        sql.append(" order by decided_at, id");
        if (limited) {
            sql.append(" limit ").append(q.limit());
        }
        PreparedStatement ps = c.prepareStatement(sql.toString());
        int i = 1;
        Sql.setInstant(ps, i++, q.from());
        Sql.setInstant(ps, i++, q.to());
        if (q.campaignId() != null) {
            ps.setString(i++, q.campaignId());
        }
        if (q.leadId() != null) {
            ps.setString(i, q.leadId());
        }
        return ps;
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        String[] rules = (String[]) rs.getArray("failed_rules").getArray();
        String[] reasons = (String[]) rs.getArray("failed_reasons").getArray();
        String[] next = (String[]) rs.getArray("failed_next").getArray();
        List<RuleResult> failures = new ArrayList<>(rules.length);
        for (int i = 0; i < rules.length; i++) {
            failures.add(RuleResult.fail(rules[i], reasons[i], next[i] == null ? null : Instant.parse(next[i])));
        }
        long reservation = rs.getLong("reservation_id");
        Long reservationId = rs.wasNull() ? null : reservation;
        return new Stored(rs.getLong("id"), Sql.getInstant(rs, "decided_at"), rs.getString("kind"),
                rs.getString("campaign_id"), rs.getString("debtor_id"), rs.getString("lead_id"), rs.getString("phone_e164"),
                PhoneType.valueOf(rs.getString("phone_type")), CallPath.valueOf(rs.getString("call_path")),
                rs.getString("rule_set_id"), rs.getString("rule_set_version"), Verdict.valueOf(rs.getString("verdict")),
                Sql.getInstant(rs, "next_allowed_at"), Arrays.asList(rs.getString("callee_zones").split(",")),
                rs.getString("zone_sources"), reservationId, failures);
    }
}
