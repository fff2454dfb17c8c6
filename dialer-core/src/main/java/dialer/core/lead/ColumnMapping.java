package dialer.core.lead;

import dialer.core.Invalid;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a list's files name their columns: a file header to a canonical field of {@link LeadRow},
 * to {@code custom:<name>} (kept as a custom field of the debtor), or to {@code ignore}. Headers
 * that already are canonical field names, or their usual aliases, need no mapping.
 */
public record ColumnMapping(Map<String, String> byHeader) {

    public static final ColumnMapping NONE = new ColumnMapping(Map.of());

    public ColumnMapping {
        byHeader = Map.copyOf(byHeader);
    }

    public static ColumnMapping fromJson(JsonObject json) {
        if (json == null) {
            return NONE;
        }
        Invalid.Collector problems = new Invalid.Collector();
        Map<String, String> map = new LinkedHashMap<>();
        for (String header : json.fieldNames()) {
            Object target = json.getValue(header);
            if (!(target instanceof String t) || t.isBlank()) {
                problems.add("mapping." + dialer.core.Masked.excerpt(header), "must name a field, custom:<name> or ignore");
                continue;
            }
            String field = t.trim();
            if (!field.equals("ignore") && !LeadRow.FIELDS.contains(field)
                    && !(field.startsWith("custom:") && field.length() > 7 && field.length() <= 60)) {
                problems.add("mapping." + dialer.core.Masked.excerpt(header), "'" + dialer.core.Masked.excerpt(String.valueOf(field)) + "' is not a field; known: " + new java.util.TreeSet<>(LeadRow.FIELDS)
                        + ", custom:<name>, ignore");
                continue;
            }
            map.put(normalize(header), field);
        }
        problems.throwIfAny();
        return new ColumnMapping(map);
    }

    public JsonObject toJson() {
        return new JsonObject(new LinkedHashMap<>(byHeader));
    }

    /** This mapping, with {@code override}'s entries taking precedence. */
    public ColumnMapping with(ColumnMapping override) {
        Map<String, String> merged = new LinkedHashMap<>(byHeader);
        merged.putAll(override.byHeader);
        return new ColumnMapping(merged);
    }

    /** What a header means: a canonical field, custom:name, ignore, or null when unknown. */
    public String fieldOf(String header) {
        String h = normalize(header);
        String mapped = byHeader.get(h);
        if (mapped != null) {
            return mapped;
        }
        if (LeadRow.FIELDS.contains(h)) {
            return h;
        }
        return LeadRow.ALIASES.get(h);
    }

    /** Headers a file has that mean nothing: reported, so a typo in a header is noticed. */
    public List<String> unknown(Iterable<String> headers) {
        List<String> out = new ArrayList<>();
        for (String h : headers) {
            if (fieldOf(h) == null) {
                out.add(h);
            }
        }
        return out;
    }

    static String normalize(String header) {
        return header.trim().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    }
}
