package dialer.core.lead;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One row of a lead list, checked: either {@link #problem()} says what is wrong, or every value is
 * clean (the number in E.164, amounts with two decimals, dates as instants).
 *
 * <p>Required columns: {@code id, name, phone, amount, days_overdue}. Optional: {@code phone_type}
 * (OWN_MOBILE, HOME, WORK, THIRD_PARTY), {@code consent_source}, {@code consent_given},
 * {@code consent_expires} (dates or ISO date-times), {@code country}, {@code state},
 * {@code postal_code}, {@code time_zone} (e.g. America/Chicago), {@code flags} (separated by
 * {@code ;}: DISPUTE, COMPLAINT, SENSITIVE, VIP, CEASE_COMMUNICATION, ATTORNEY_REPRESENTED,
 * NO_CALLS_AT_WORK).
 */
record LeadRow(String externalId, String name, String e164, BigDecimal amount, int days, String phoneType,
               String consentSource, Instant consentGiven, Instant consentExpires, String country, String state,
               String postalCode, String timeZone, List<String> flags, String problem) {

    static final List<String> REQUIRED = List.of("id", "name", "phone", "amount", "days_overdue");
    static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("id", "id"), Map.entry("external_id", "id"),
            Map.entry("name", "name"), Map.entry("phone", "phone"),
            Map.entry("amount", "amount"), Map.entry("amount_overdue", "amount"),
            Map.entry("days_overdue", "days_overdue"), Map.entry("days", "days_overdue"),
            Map.entry("phone_type", "phone_type"),
            Map.entry("consent_source", "consent_source"),
            Map.entry("consent_given", "consent_given"), Map.entry("consent_given_at", "consent_given"),
            Map.entry("consent_expires", "consent_expires"), Map.entry("consent_expires_at", "consent_expires"),
            Map.entry("country", "country"), Map.entry("state", "state"),
            Map.entry("postal_code", "postal_code"), Map.entry("zip", "postal_code"), Map.entry("postcode", "postal_code"),
            Map.entry("time_zone", "time_zone"), Map.entry("timezone", "time_zone"),
            Map.entry("flags", "flags"));
    private static final Set<String> PHONE_TYPES = Set.of("OWN_MOBILE", "HOME", "WORK", "THIRD_PARTY");
    private static final Set<String> FLAGS = Set.of("DISPUTE", "COMPLAINT", "SENSITIVE", "VIP", "CEASE_COMMUNICATION",
            "ATTORNEY_REPRESENTED", "NO_CALLS_AT_WORK");
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");

    static LeadRow problem(String problem) {
        return new LeadRow(null, null, null, null, 0, null, null, null, null, null, null, null, null, List.of(), problem);
    }

    /** Checks one row; {@code value} reads a column by its canonical name ("" when the file has no such column). */
    static LeadRow check(Function<String, String> value, String region) {
        String id = value.apply("id");
        if (id.isEmpty() || id.length() > 64) {
            return problem("id is empty or longer than 64 characters");
        }
        String name = value.apply("name");
        if (name.isEmpty() || name.length() > 200) {
            return problem("name is empty or longer than 200 characters");
        }
        PhoneNormalizer.Result phone = PhoneNormalizer.normalize(value.apply("phone"), region);
        if (!phone.ok()) {
            return problem(phone.problem());
        }
        BigDecimal amount;
        String amountText = value.apply("amount");
        try {
            amount = new BigDecimal(amountText.replace(",", ""));
        } catch (NumberFormatException e) {
            return problem("amount '" + amountText + "' is not a number");
        }
        if (amount.signum() < 0) {
            return problem("amount is negative");
        }
        if (amount.scale() > 2 || amount.compareTo(MAX_AMOUNT) > 0) {
            return problem("amount must have at most 2 decimals and be under a trillion");
        }
        int days;
        String daysText = value.apply("days_overdue");
        try {
            days = Integer.parseInt(daysText);
        } catch (NumberFormatException e) {
            return problem("days_overdue '" + daysText + "' is not a whole number");
        }
        if (days < 0 || days > 36500) {
            return problem("days_overdue must be between 0 and 36500");
        }
        String type = value.apply("phone_type").toUpperCase(Locale.ROOT);
        if (type.isEmpty()) {
            type = "OWN_MOBILE";
        } else if (!PHONE_TYPES.contains(type)) {
            return problem("phone_type '" + value.apply("phone_type") + "' must be one of " + PHONE_TYPES);
        }
        String consentSource = blankToNull(value.apply("consent_source"));
        Instant given;
        Instant expires;
        try {
            given = instant(value.apply("consent_given"));
            expires = instant(value.apply("consent_expires"));
        } catch (DateTimeException e) {
            return problem("consent dates must be dates such as 2024-03-01 or ISO date-times");
        }
        if ((consentSource == null) != (given == null)) {
            return problem("consent_source and consent_given go together: consent needs both where it came from and when");
        }
        if (expires != null && (given == null || !expires.isAfter(given))) {
            return problem("consent_expires must come after consent_given");
        }
        String country = value.apply("country").toUpperCase(Locale.ROOT);
        if (!country.isEmpty() && !country.matches("[A-Z]{2}")) {
            return problem("country '" + value.apply("country") + "' must be a two-letter code such as US");
        }
        String state = value.apply("state").toUpperCase(Locale.ROOT);
        if (state.length() > 3) {
            return problem("state must be a code of at most 3 letters, such as TX");
        }
        String postal = value.apply("postal_code");
        if (postal.length() > 10) {
            return problem("postal_code is longer than 10 characters");
        }
        if (country.isEmpty() && (!state.isEmpty() || !postal.isEmpty())) {
            return problem("an address with a state or postal code needs its country");
        }
        String zone = blankToNull(value.apply("time_zone"));
        if (zone != null) {
            try {
                ZoneId.of(zone);
            } catch (DateTimeException e) {
                return problem("time_zone '" + zone + "' is not a time zone such as America/Chicago");
            }
        }
        Set<String> flags = new LinkedHashSet<>();
        for (String f : value.apply("flags").split(";")) {
            String flag = f.trim().toUpperCase(Locale.ROOT);
            if (flag.isEmpty()) {
                continue;
            }
            if (!FLAGS.contains(flag)) {
                return problem("flag '" + f.trim() + "' must be one of " + FLAGS);
            }
            flags.add(flag);
        }
        return new LeadRow(id, name, phone.e164(), amount, days, type, consentSource, given, expires,
                blankToNull(country), blankToNull(state), blankToNull(postal), zone, new ArrayList<>(flags), null);
    }

    /** The row as it goes into the staging table (empty cells are NULL there). */
    List<Object> staged(long line) {
        List<Object> cells = new ArrayList<>();
        cells.add(line);
        cells.add(externalId);
        cells.add(name);
        cells.add(e164);
        cells.add(amount.toPlainString());
        cells.add(days);
        cells.add(phoneType);
        cells.add(consentSource);
        cells.add(consentGiven);
        cells.add(consentExpires);
        cells.add(country);
        cells.add(state);
        cells.add(postalCode);
        cells.add(timeZone);
        cells.add(flags.isEmpty() ? null : "{" + String.join(",", flags) + "}");
        return cells;
    }

    static final String STAGING_COLUMNS = "line bigint, external_id text, name text, e164 text, amount numeric(14,2), "
            + "days int, phone_type text, consent_source text, consent_given timestamptz, consent_expires timestamptz, "
            + "country text, state text, postal_code text, time_zone text, flags text[]";

    private static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        if (t.length() == 10) {
            return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeException e) {
            return Instant.parse(t);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
