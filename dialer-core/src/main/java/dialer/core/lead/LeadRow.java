package dialer.core.lead;

import dialer.core.Masked;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One debtor record of an import (a CSV row, or a JSON object), checked: either {@link #problem()}
 * says why the whole record is refused, or every value is clean. Numbers that cannot be dialed
 * are dropped from an otherwise good record and listed in {@link #warnings()}.
 *
 * <p>Canonical fields (a list's column mapping translates a file's headers to these):
 * {@code id, name} (required); the account: {@code account_ref} (default "main"), {@code product},
 * {@code amount}, {@code days_overdue} (required), {@code bucket} (M1..M6+, derived from the days
 * when absent), {@code creditor_ref}, {@code account_flags}; phones (at least one must be
 * dialable): {@code phone} with {@code phone_type} and {@code relationship}, {@code phone_mobile},
 * {@code phone_home}, {@code phone_work}, {@code phone_third_party} with
 * {@code third_party_relationship}; consent to call {@code phone}: {@code consent_source},
 * {@code consent_given}, {@code consent_expires}; the address: {@code address_line1}, {@code city},
 * {@code state}, {@code postal_code}, {@code country}; {@code time_zone}; debtor {@code flags}
 * (separated by {@code ;}); and custom fields, named {@code custom:<name>}.
 */
record LeadRow(String externalId, String name, Account account, List<Phone> phones, Address address, String timeZone,
               List<String> flags, Map<String, String> custom, List<String> warnings, String problem) {

    /** One account (debt) of the debtor. */
    record Account(String ref, String product, BigDecimal amount, int days, String bucket, String creditorRef,
                   List<String> flags) {
    }

    /** One dialable number. */
    record Phone(String e164, String type, String relationship, String consentSource, Instant consentGiven,
                 Instant consentExpires) {
    }

    record Address(String line1, String city, String state, String postalCode, String country) {
    }

    static final List<String> REQUIRED = List.of("id", "name", "amount", "days_overdue");
    static final Set<String> FIELDS = Set.of("id", "name", "account_ref", "product", "amount", "days_overdue", "bucket",
            "creditor_ref", "account_flags", "phone", "phone_type", "relationship", "phone_mobile", "phone_home",
            "phone_work", "phone_third_party", "third_party_relationship", "consent_source", "consent_given",
            "consent_expires", "address_line1", "city", "state", "postal_code", "country", "time_zone", "flags");
    /** Header names understood without a mapping, besides the canonical ones. */
    static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("external_id", "id"), Map.entry("debtor_id", "id"), Map.entry("amount_overdue", "amount"),
            Map.entry("days", "days_overdue"), Map.entry("consent_given_at", "consent_given"),
            Map.entry("consent_expires_at", "consent_expires"), Map.entry("zip", "postal_code"),
            Map.entry("postcode", "postal_code"), Map.entry("timezone", "time_zone"), Map.entry("account", "account_ref"),
            Map.entry("address", "address_line1"), Map.entry("mobile", "phone_mobile"), Map.entry("home_phone", "phone_home"),
            Map.entry("work_phone", "phone_work"));
    static final Set<String> PHONE_TYPES = Set.of("OWN_MOBILE", "HOME", "WORK", "THIRD_PARTY");
    static final Set<String> DEBTOR_FLAGS = Set.of("CEASE_COMMUNICATION", "ATTORNEY_REPRESENTED", "NO_CALLS_AT_WORK",
            "DISPUTE", "DISPUTE_UNVERIFIED", "COMPLAINT", "SENSITIVE", "VIP");
    static final Set<String> ACCOUNT_FLAGS = Set.of("DISPUTE", "DISPUTE_UNVERIFIED", "COMPLAINT", "SENSITIVE", "VIP");
    static final List<String> BUCKETS = List.of("M1", "M2", "M3", "M4", "M5", "M6+");
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");

    static LeadRow refused(String problem) {
        return new LeadRow(null, null, null, List.of(), null, null, List.of(), Map.of(), List.of(), problem);
    }

    /** The bucket of a debt this many days past due: M1 is 1-30 days, M6+ is 151 and more. */
    static String bucketOf(int days) {
        int m = Math.max(1, (days + 29) / 30);
        return m >= 6 ? "M6+" : "M" + m;
    }

    static int bucketRank(String bucket) {
        return BUCKETS.indexOf(bucket) + 1;
    }

    /**
     * Checks one record. {@code value} reads a canonical field ("" when absent); {@code customs}
     * are the custom fields' values by name.
     */
    static LeadRow check(Function<String, String> value, Map<String, String> customs, String region) {
        return check(value, customs, List.of(), region);
    }

    /** An extra number of a JSON record's {@code phones}: raw number, type, relationship. */
    record RawPhone(String number, String type, String relationship) {
    }

    static LeadRow check(Function<String, String> value, Map<String, String> customs, List<RawPhone> extraPhones,
                         String region) {
        // every value capped and free of control characters before any parser sees it
        for (String field : FIELDS) {
            String problem = ImportText.fieldProblem(field, value.apply(field));
            if (problem != null) {
                return refused(problem);
            }
        }
        for (var e : customs.entrySet()) {
            String problem = ImportText.fieldProblem("custom field " + Masked.excerpt(e.getKey()), e.getValue());
            if (problem != null) {
                return refused(problem);
            }
        }
        for (RawPhone extra : extraPhones) {
            String problem = ImportText.fieldProblem("phones",
                    String.valueOf(extra.number()) + extra.type() + extra.relationship());
            if (problem != null) {
                return refused(problem);
            }
        }
        String id = value.apply("id");
        if (id.isEmpty() || id.length() > 64) {
            return refused("id is empty or longer than 64 characters");
        }
        String name = value.apply("name");
        if (name.isEmpty() || name.length() > 200) {
            return refused("name is empty or longer than 200 characters");
        }
        String accountRef = value.apply("account_ref");
        if (accountRef.isEmpty()) {
            accountRef = "main";
        } else if (accountRef.length() > 64) {
            return refused("account_ref is longer than 64 characters");
        }
        BigDecimal amount;
        String amountText = value.apply("amount");
        try {
            amount = new BigDecimal(amountText.replace(",", ""));
        } catch (NumberFormatException e) {
            return refused("amount '" + Masked.excerpt(amountText) + "' is not a number");
        }
        if (amount.signum() < 0) {
            return refused("amount is negative");
        }
        if (amount.scale() > 2 || amount.compareTo(MAX_AMOUNT) > 0) {
            return refused("amount must have at most 2 decimals and be under a trillion");
        }
        int days;
        String daysText = value.apply("days_overdue");
        try {
            days = Integer.parseInt(daysText);
        } catch (NumberFormatException e) {
            return refused("days_overdue '" + Masked.excerpt(daysText) + "' is not a whole number");
        }
        if (days < 0 || days > 36500) {
            return refused("days_overdue must be between 0 and 36500");
        }
        String bucket = value.apply("bucket").toUpperCase(Locale.ROOT);
        if (bucket.isEmpty()) {
            bucket = bucketOf(days);
        } else if (!BUCKETS.contains(bucket)) {
            return refused("bucket '" + Masked.excerpt(value.apply("bucket")) + "' is not one of " + BUCKETS);
        }
        List<String> accountFlags = new ArrayList<>();
        String flagProblem = flags(value.apply("account_flags"), ACCOUNT_FLAGS, accountFlags, "account flag");
        if (flagProblem != null) {
            return refused(flagProblem);
        }
        Account account = new Account(accountRef, blankToNull(value.apply("product")), amount, days, bucket,
                blankToNull(value.apply("creditor_ref")), accountFlags);

        List<String> warnings = new ArrayList<>();
        List<Phone> phones = new ArrayList<>();
        String type = value.apply("phone_type").toUpperCase(Locale.ROOT);
        if (type.isEmpty()) {
            type = "OWN_MOBILE";
        } else if (!PHONE_TYPES.contains(type)) {
            return refused("phone_type '" + Masked.excerpt(value.apply("phone_type")) + "' must be one of " + PHONE_TYPES);
        }
        String consentSource = blankToNull(value.apply("consent_source"));
        Instant given;
        Instant expires;
        try {
            given = instant(value.apply("consent_given"));
            expires = instant(value.apply("consent_expires"));
        } catch (DateTimeException e) {
            return refused("consent dates must be dates such as 2024-03-01 or ISO date-times");
        }
        if ((consentSource == null) != (given == null)) {
            return refused("consent_source and consent_given go together: consent needs both where it came from and when");
        }
        if (expires != null && (given == null || !expires.isAfter(given))) {
            return refused("consent_expires must come after consent_given");
        }
        String relationship = blankToNull(value.apply("relationship"));
        addPhone(phones, warnings, "phone", value.apply("phone"), type, relationship, consentSource, given, expires, region);
        addPhone(phones, warnings, "phone_mobile", value.apply("phone_mobile"), "OWN_MOBILE", null, null, null, null, region);
        addPhone(phones, warnings, "phone_home", value.apply("phone_home"), "HOME", null, null, null, null, region);
        addPhone(phones, warnings, "phone_work", value.apply("phone_work"), "WORK", null, null, null, null, region);
        String thirdParty = value.apply("phone_third_party");
        String thirdPartyRelation = blankToNull(value.apply("third_party_relationship"));
        if (!thirdParty.isEmpty() && thirdPartyRelation == null) {
            warnings.add("phone_third_party dropped: a third-party number needs third_party_relationship (e.g. sister)");
        } else {
            addPhone(phones, warnings, "phone_third_party", thirdParty, "THIRD_PARTY", thirdPartyRelation, null, null,
                    null, region);
        }
        for (RawPhone extra : extraPhones) {
            String t = extra.type() == null || extra.type().isBlank() ? "OWN_MOBILE" : extra.type().trim().toUpperCase(Locale.ROOT);
            if (!PHONE_TYPES.contains(t)) {
                return refused("phones: type '" + Masked.excerpt(extra.type()) + "' must be one of " + PHONE_TYPES);
            }
            if (t.equals("THIRD_PARTY") && (extra.relationship() == null || extra.relationship().isBlank())) {
                warnings.add("phones: a third-party number needs its relationship; dropped");
                continue;
            }
            addPhone(phones, warnings, "phones", extra.number(), t, blankToNull(extra.relationship()), null, null, null, region);
        }
        if (phones.isEmpty()) {
            return refused(warnings.isEmpty() ? "no phone number" : "no dialable phone number: " + String.join("; ", warnings));
        }

        String country = value.apply("country").toUpperCase(Locale.ROOT);
        if (!country.isEmpty() && !country.matches("[A-Z]{2}")) {
            return refused("country '" + Masked.excerpt(value.apply("country")) + "' must be a two-letter code such as US");
        }
        String state = value.apply("state").toUpperCase(Locale.ROOT);
        if (state.length() > 3) {
            return refused("state must be a code of at most 3 letters, such as TX");
        }
        String postal = value.apply("postal_code");
        if (postal.length() > 10) {
            return refused("postal_code is longer than 10 characters");
        }
        String line1 = value.apply("address_line1");
        String city = value.apply("city");
        if (line1.length() > 200 || city.length() > 100) {
            return refused("address_line1 or city is too long");
        }
        Address address = null;
        if (!country.isEmpty()) {
            address = new Address(blankToNull(line1), blankToNull(city), blankToNull(state), blankToNull(postal), country);
        } else if (!state.isEmpty() || !postal.isEmpty()) {
            return refused("an address with a state or postal code needs its country");
        }
        String zone = blankToNull(value.apply("time_zone"));
        if (zone != null) {
            try {
                ZoneId.of(zone);
            } catch (DateTimeException e) {
                return refused("time_zone '" + Masked.excerpt(zone) + "' is not a time zone such as America/Chicago");
            }
        }
        List<String> debtorFlags = new ArrayList<>();
        flagProblem = flags(value.apply("flags"), DEBTOR_FLAGS, debtorFlags, "flag");
        if (flagProblem != null) {
            return refused(flagProblem);
        }
        Map<String, String> custom = new LinkedHashMap<>();
        for (var e : customs.entrySet()) {
            if (e.getValue() != null && !e.getValue().isBlank()) {
                if (e.getValue().length() > 500) {
                    return refused("custom field " + e.getKey() + " is longer than 500 characters");
                }
                custom.put(e.getKey(), e.getValue().trim());
            }
        }
        return new LeadRow(id, name, account, phones, address, zone, debtorFlags, custom, warnings, null);
    }

    private static void addPhone(List<Phone> phones, List<String> warnings, String field, String raw, String type,
                                 String relationship, String consentSource, Instant given, Instant expires, String region) {
        if (raw == null || raw.isBlank()) {
            return;
        }
        PhoneNormalizer.Result phone = PhoneNormalizer.normalize(raw, region);
        if (!phone.ok()) {
            warnings.add(field + " dropped: " + phone.problem());
            return;
        }
        for (Phone p : phones) {
            if (p.e164().equals(phone.e164())) {
                return; // the same number twice in a record
            }
        }
        phones.add(new Phone(phone.e164(), type, relationship, consentSource, given, expires));
    }

    private static String flags(String text, Set<String> allowed, List<String> out, String what) {
        Set<String> seen = new LinkedHashSet<>();
        for (String f : text.split(";")) {
            String flag = f.trim().toUpperCase(Locale.ROOT);
            if (flag.isEmpty()) {
                continue;
            }
            if (!allowed.contains(flag)) {
                return what + " '" + Masked.excerpt(f.trim()) + "' must be one of " + allowed;
            }
            seen.add(flag);
        }
        out.addAll(seen);
        return null;
    }

    static Instant instant(String text) {
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
