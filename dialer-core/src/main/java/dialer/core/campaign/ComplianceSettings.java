package dialer.core.campaign;

import dialer.compliance.rules.Presets;
import dialer.core.Invalid;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A campaign's compliance rules: a jurisdiction preset, and tightenings of the campaign's own
 * (they can only add restrictions: every rule must pass). Loosening a preset rule is a separate,
 * audited override.
 *
 * @param preset                      US, US-MA, UK, CN, AU or IN
 * @param maxAttemptsPerDebtorPerDay  at most this many attempts per debtor per local day (null: none)
 * @param callingFrom                 campaign calling hours in the callee's local time (null: the preset's only)
 * @param callingUntil                end of those hours
 * @param closedDates                 dates on which the campaign does not call (callee's local date)
 */
public record ComplianceSettings(String preset, Integer maxAttemptsPerDebtorPerDay, LocalTime callingFrom,
                                 LocalTime callingUntil, List<LocalDate> closedDates, String creditor) {

    public static final ComplianceSettings US = new ComplianceSettings("US", null, null, null, List.of(), null);

    public ComplianceSettings {
        closedDates = List.copyOf(closedDates);
    }

    public ComplianceSettings(String preset, Integer maxAttemptsPerDebtorPerDay, LocalTime callingFrom, LocalTime callingUntil,
                              List<LocalDate> closedDates) {
        this(preset, maxAttemptsPerDebtorPerDay, callingFrom, callingUntil, closedDates, null);
    }

    /** Reads {@code compliance} of a request, or the US preset when absent. */
    public static ComplianceSettings fromJson(Object value, Invalid.Collector problems) {
        if (value == null) {
            return US;
        }
        if (!(value instanceof JsonObject json)) {
            problems.add("compliance", "must be an object such as {\"preset\": \"US\"}");
            return US;
        }
        String preset = json.getValue("preset") instanceof String s ? s.trim().toUpperCase() : null;
        if (preset == null || !Presets.codes().contains(preset)) {
            problems.add("compliance.preset", "must be one of " + Presets.codes() + ", was " + json.getValue("preset"));
            preset = "US";
        }
        Integer perDay = null;
        Object max = json.getValue("maxAttemptsPerDebtorPerDay");
        if (max != null) {
            if (max instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.intValue() >= 1 && n.intValue() <= 50) {
                perDay = n.intValue();
            } else {
                problems.add("compliance.maxAttemptsPerDebtorPerDay", "must be a whole number from 1 to 50");
            }
        }
        LocalTime from = null;
        LocalTime until = null;
        Object hours = json.getValue("callingHours");
        if (hours != null) {
            if (hours instanceof JsonObject h && h.getValue("from") instanceof String f && h.getValue("until") instanceof String u) {
                try {
                    from = LocalTime.parse(f);
                    until = LocalTime.parse(u);
                    if (!from.isBefore(until)) {
                        problems.add("compliance.callingHours", "from must be before until");
                    }
                } catch (DateTimeParseException e) {
                    problems.add("compliance.callingHours", "from and until must be times such as 09:00");
                }
            } else {
                problems.add("compliance.callingHours", "must be {\"from\": \"09:00\", \"until\": \"20:00\"}");
            }
        }
        List<LocalDate> closed = new ArrayList<>();
        Object dates = json.getValue("closedDates");
        if (dates != null) {
            if (dates instanceof JsonArray a) {
                for (Object d : a) {
                    try {
                        closed.add(LocalDate.parse(String.valueOf(d)));
                    } catch (DateTimeParseException e) {
                        problems.add("compliance.closedDates", "'" + dialer.core.Masked.excerpt(String.valueOf(d)) + "' is not a date such as 2026-12-24");
                    }
                }
            } else {
                problems.add("compliance.closedDates", "must be a list of dates");
            }
        }
        String creditor = null;
        Object c = json.getValue("creditor");
        if (c != null) {
            if (c instanceof String s && !s.isBlank() && s.trim().length() <= 100 && !s.chars().anyMatch(Character::isISOControl)) {
                creditor = s.trim();
            } else {
                problems.add("compliance.creditor", "must be the creditor's name or code, 1 to 100 characters");
            }
        }
        for (String key : json.fieldNames()) {
            if (!List.of("preset", "maxAttemptsPerDebtorPerDay", "callingHours", "closedDates", "creditor").contains(key)) {
                problems.add("compliance." + key, "is not a setting; known: preset, maxAttemptsPerDebtorPerDay, callingHours, "
                        + "closedDates, creditor");
            }
        }
        return new ComplianceSettings(preset, perDay, from, until, closed, creditor);
    }

    /** Settings read back from the database: they were checked when written. */
    public static ComplianceSettings fromStored(String json) {
        Invalid.Collector problems = new Invalid.Collector();
        ComplianceSettings settings = fromJson(new JsonObject(json), problems);
        try {
            problems.throwIfAny();
        } catch (Invalid e) {
            throw new IllegalStateException("stored compliance settings are invalid: " + e.getMessage(), e);
        }
        return settings;
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("preset", preset);
        if (maxAttemptsPerDebtorPerDay != null) {
            json.put("maxAttemptsPerDebtorPerDay", maxAttemptsPerDebtorPerDay);
        }
        if (callingFrom != null) {
            json.put("callingHours", new JsonObject().put("from", callingFrom.toString()).put("until", callingUntil.toString()));
        }
        if (!closedDates.isEmpty()) {
            json.put("closedDates", new JsonArray(closedDates.stream().map(LocalDate::toString).toList()));
        }
        if (creditor != null) {
            json.put("creditor", creditor);
        }
        return json;
    }
}
