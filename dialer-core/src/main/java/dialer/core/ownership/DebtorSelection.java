package dialer.core.ownership;

import dialer.core.Invalid;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which debtors a bulk assignment takes: by hand (ids), or by rule — campaign, delinquency bucket
 * (any of the debtor's accounts), total amount overdue, region (the primary address's state or
 * province), current owner, or unowned. Criteria combine with AND; at least one is required (a
 * change of every debtor at once is a mistake far more often than a wish).
 */
public record DebtorSelection(Long campaignId, List<Long> debtorIds, List<String> buckets, BigDecimal minAmount,
                              BigDecimal maxAmount, List<String> regions, Long ownerAgentId, Long ownerTeamId,
                              boolean unowned) {

    private static final Set<String> BUCKETS = Set.of("M1", "M2", "M3", "M4", "M5", "M6+");
    private static final Pattern REGION = Pattern.compile("[A-Za-z0-9-]{1,10}");
    private static final int MAX_IDS = 10_000;
    private static final Set<String> FIELDS = Set.of("campaignId", "debtorIds", "buckets", "minAmount", "maxAmount", "regions",
            "ownerAgentId", "ownerTeamId", "unowned");

    public static DebtorSelection byHand(long debtorId) {
        return new DebtorSelection(null, List.of(debtorId), List.of(), null, null, List.of(), null, null, false);
    }

    /** Reads the filter; {@code field} names it in a 400. */
    public static DebtorSelection fromJson(JsonObject json, String field) {
        if (json == null) {
            throw Invalid.of(field, "is required: which debtors (campaignId, debtorIds, buckets, minAmount, maxAmount, regions, "
                    + "ownerAgentId, ownerTeamId, unowned)");
        }
        Invalid.Collector problems = new Invalid.Collector();
        for (String key : json.fieldNames()) {
            problems.check(FIELDS.contains(key), field + "." + key, "is not a criterion; use " + String.join(", ", FIELDS.stream()
                    .sorted().toList()));
        }
        Long campaign = OwnerTarget.id(json, "campaignId", field, problems);
        List<Long> ids = new ArrayList<>();
        JsonArray idArray = array(json, "debtorIds", field, problems);
        if (idArray != null) {
            problems.check(idArray.size() <= MAX_IDS, field + ".debtorIds", "at most " + MAX_IDS + " at once; use a rule for more");
            for (Object o : idArray) {
                if (o instanceof Number n && n.doubleValue() == n.longValue() && n.longValue() > 0) {
                    ids.add(n.longValue());
                } else {
                    problems.add(field + ".debtorIds", "must hold debtor ids (positive whole numbers)");
                    break;
                }
            }
        }
        List<String> buckets = strings(json, "buckets", field, problems);
        for (String b : buckets) {
            problems.check(BUCKETS.contains(b), field + ".buckets", "'" + b + "' is not a bucket (M1, M2, M3, M4, M5, M6+)");
        }
        BigDecimal min = amount(json, "minAmount", field, problems);
        BigDecimal max = amount(json, "maxAmount", field, problems);
        problems.check(min == null || max == null || min.compareTo(max) <= 0, field + ".maxAmount", "must not be below minAmount");
        List<String> regions = strings(json, "regions", field, problems);
        for (String r : regions) {
            problems.check(REGION.matcher(r).matches(), field + ".regions", "'" + r + "' is not a region code such as TX or ON");
        }
        Long ownerAgent = OwnerTarget.id(json, "ownerAgentId", field, problems);
        Long ownerTeam = OwnerTarget.id(json, "ownerTeamId", field, problems);
        boolean unowned = OwnerTarget.bool(json, "unowned", field, problems);
        problems.check(!unowned || ownerAgent == null && ownerTeam == null, field + ".unowned",
                "cannot be combined with ownerAgentId or ownerTeamId");
        problems.throwIfAny();
        DebtorSelection s = new DebtorSelection(campaign, List.copyOf(ids), buckets, min, max,
                regions.stream().map(String::toUpperCase).toList(), ownerAgent, ownerTeam, unowned);
        if (!s.hasCriterion()) {
            throw Invalid.of(field, "give at least one criterion: a bulk change of every debtor is refused");
        }
        return s;
    }

    boolean hasCriterion() {
        return campaignId != null || !debtorIds.isEmpty() || !buckets.isEmpty() || minAmount != null || maxAmount != null
                || !regions.isEmpty() || ownerAgentId != null || ownerTeamId != null || unowned;
    }

    /** The WHERE clause over {@code debtor d}, with its values bound from {@code first} on by {@link #bind}. */
    String where() {
        List<String> parts = new ArrayList<>();
        if (campaignId != null) {
            parts.add("exists (select 1 from campaign_lead l where l.debtor_id = d.id and l.campaign_id = ?)");
        }
        if (!debtorIds.isEmpty()) {
            parts.add("d.id = any(?)");
        }
        if (!buckets.isEmpty()) {
            parts.add("exists (select 1 from debtor_account a where a.debtor_id = d.id and a.bucket = any(?))");
        }
        if (minAmount != null) {
            parts.add("(select coalesce(sum(a.amount_overdue), 0) from debtor_account a where a.debtor_id = d.id) >= ?");
        }
        if (maxAmount != null) {
            parts.add("(select coalesce(sum(a.amount_overdue), 0) from debtor_account a where a.debtor_id = d.id) <= ?");
        }
        if (!regions.isEmpty()) {
            parts.add("exists (select 1 from debtor_address r where r.debtor_id = d.id and r.is_primary and upper(r.state) = any(?))");
        }
        if (ownerAgentId != null) {
            parts.add("d.owner_agent_id = ?");
        }
        if (ownerTeamId != null) {
            parts.add("d.owner_team_id = ?");
        }
        if (unowned) {
            parts.add("d.owner_agent_id is null and d.owner_team_id is null");
        }
        return String.join(" and ", parts);
    }

    /** Binds the values of {@link #where()} from parameter {@code first}; returns the next free index. */
    int bind(Connection c, PreparedStatement ps, int first) throws SQLException {
        int i = first;
        if (campaignId != null) {
            ps.setLong(i++, campaignId);
        }
        if (!debtorIds.isEmpty()) {
            ps.setArray(i++, c.createArrayOf("bigint", debtorIds.toArray()));
        }
        if (!buckets.isEmpty()) {
            ps.setArray(i++, textArray(c, buckets));
        }
        if (minAmount != null) {
            ps.setBigDecimal(i++, minAmount);
        }
        if (maxAmount != null) {
            ps.setBigDecimal(i++, maxAmount);
        }
        if (!regions.isEmpty()) {
            ps.setArray(i++, textArray(c, regions));
        }
        if (ownerAgentId != null) {
            ps.setLong(i++, ownerAgentId);
        }
        if (ownerTeamId != null) {
            ps.setLong(i++, ownerTeamId);
        }
        return i;
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        if (campaignId != null) {
            json.put("campaignId", campaignId);
        }
        if (!debtorIds.isEmpty()) {
            json.put("debtorIds", new JsonArray(debtorIds));
        }
        if (!buckets.isEmpty()) {
            json.put("buckets", new JsonArray(buckets));
        }
        if (minAmount != null) {
            json.put("minAmount", minAmount.toPlainString());
        }
        if (maxAmount != null) {
            json.put("maxAmount", maxAmount.toPlainString());
        }
        if (!regions.isEmpty()) {
            json.put("regions", new JsonArray(regions));
        }
        if (ownerAgentId != null) {
            json.put("ownerAgentId", ownerAgentId);
        }
        if (ownerTeamId != null) {
            json.put("ownerTeamId", ownerTeamId);
        }
        if (unowned) {
            json.put("unowned", true);
        }
        return json;
    }

    private static Array textArray(Connection c, List<String> values) throws SQLException {
        return c.createArrayOf("text", values.toArray());
    }

    private static JsonArray array(JsonObject json, String key, String field, Invalid.Collector problems) {
        Object v = json.getValue(key);
        if (v == null) {
            return null;
        }
        if (v instanceof JsonArray a) {
            return a;
        }
        problems.add(field + "." + key, "must be a list");
        return null;
    }

    private static List<String> strings(JsonObject json, String key, String field, Invalid.Collector problems) {
        JsonArray a = array(json, key, field, problems);
        List<String> out = new ArrayList<>();
        if (a == null) {
            return out;
        }
        for (Object o : a) {
            if (o instanceof String s && !s.isBlank()) {
                out.add(s.trim());
            } else {
                problems.add(field + "." + key, "must hold non-empty texts");
                break;
            }
        }
        return out;
    }

    private static BigDecimal amount(JsonObject json, String key, String field, Invalid.Collector problems) {
        Object v = json.getValue(key);
        if (v == null) {
            return null;
        }
        try {
            BigDecimal d = new BigDecimal(v.toString());
            if (d.signum() >= 0 && d.scale() <= 2) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(field + "." + key, "must be an amount of zero or more with at most two decimals, such as 250.00");
        return null;
    }
}
