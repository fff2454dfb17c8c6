package dialer.core.portrait;

import dialer.core.Invalid;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A campaign's segment rules: which of "new", "hardship", "avoider", "forgetful" a debtor is, tried in that
 * order, else "standard", each with the reasons that put them there. Pure: the figures come in as
 * {@link Facts}. The thresholds are the campaign's (stored with it), each defaulting to the shipped value;
 * the README says why each default is what it is.
 *
 * @param newMaxAttempts             "new": no promise, no payment and at most this many attempts
 * @param hardshipFlags              "hardship": any of these debtor or account flags
 * @param hardshipMinPartialPromises "hardship": at least this many promises paid in part (some paid, not all)
 * @param hardshipSmallPaymentShare  a payment is small when under this share of the total overdue
 * @param hardshipMinSmallPayments   "hardship": at least this many small payments in the last 90 days
 * @param avoiderMinAttempts         "avoider": at least this many attempts and never a right-party contact
 * @param avoiderMinBrokenInARow     "avoider": the latest promises broken, at least this many in a row
 * @param forgetfulMaxDaysOverdue    "forgetful": oldest account at most this late, never cured before (first
 *                                   delinquency), no promise broken or paid in part
 */
public record SegmentRules(int newMaxAttempts, List<String> hardshipFlags, int hardshipMinPartialPromises,
                           BigDecimal hardshipSmallPaymentShare, int hardshipMinSmallPayments, int avoiderMinAttempts,
                           int avoiderMinBrokenInARow, int forgetfulMaxDaysOverdue) {

    /**
     * The flags a debtor or an account may carry (the lead import's and the flags endpoint's). There is no
     * hardship flag of its own: SENSITIVE is the compliance guard's "hardship, illness, bereavement".
     */
    public static final Set<String> KNOWN_FLAGS = Set.of("CEASE_COMMUNICATION", "ATTORNEY_REPRESENTED", "NO_CALLS_AT_WORK",
            "DISPUTE", "DISPUTE_UNVERIFIED", "COMPLAINT", "SENSITIVE", "VIP");

    public static final List<String> FIELDS = List.of("newMaxAttempts", "hardshipFlags", "hardshipMinPartialPromises",
            "hardshipSmallPaymentShare", "hardshipMinSmallPayments", "avoiderMinAttempts", "avoiderMinBrokenInARow",
            "forgetfulMaxDaysOverdue");

    public SegmentRules {
        hardshipFlags = List.copyOf(hardshipFlags);
    }

    public static SegmentRules defaults() {
        return new SegmentRules(0, List.of("SENSITIVE"), 1, new BigDecimal("0.1"), 2, 8, 2, 60);
    }

    /** What the rules look at, computed by the portrait. */
    public record Facts(int attempts, int rightPartyContacts, int promisesMade, int promisesPartial, int brokenPromises,
                        int brokenInARow, int paymentsEver, int smallPaymentsLast90Days, int oldestDaysOverdue,
                        boolean everCured, Set<String> flags) {
    }

    /** The segment and why. */
    public record Segment(String name, List<String> reasons) {
    }

    public Segment classify(Facts f) {
        if (f.promisesMade() == 0 && f.paymentsEver() == 0 && f.attempts() <= newMaxAttempts) {
            return new Segment("new", List.of(f.attempts() == 0 ? "no attempt, promise or payment yet"
                    : f.attempts() + " attempt(s), no promise or payment yet"));
        }
        List<String> hardship = new ArrayList<>();
        for (String flag : hardshipFlags) {
            if (f.flags().contains(flag)) {
                hardship.add("flag " + flag);
            }
        }
        if (f.promisesPartial() >= hardshipMinPartialPromises) {
            hardship.add(f.promisesPartial() + " promise(s) paid in part");
        }
        if (f.smallPaymentsLast90Days() >= hardshipMinSmallPayments) {
            hardship.add(f.smallPaymentsLast90Days() + " small payment(s) in 90 days");
        }
        if (!hardship.isEmpty()) {
            return new Segment("hardship", hardship);
        }
        List<String> avoider = new ArrayList<>();
        if (f.attempts() >= avoiderMinAttempts && f.rightPartyContacts() == 0) {
            avoider.add(f.attempts() + " attempts, no right-party contact");
        }
        if (f.brokenInARow() >= avoiderMinBrokenInARow) {
            avoider.add(f.brokenInARow() + " promises broken in a row");
        }
        if (!avoider.isEmpty()) {
            return new Segment("avoider", avoider);
        }
        if (f.oldestDaysOverdue() <= forgetfulMaxDaysOverdue && !f.everCured() && f.brokenPromises() == 0
                && f.promisesPartial() == 0) {
            return new Segment("forgetful", List.of("first delinquency, " + f.oldestDaysOverdue() + " days overdue",
                    "no promise broken"));
        }
        return new Segment("standard", List.of("no rule matched"));
    }

    public JsonObject toJson() {
        return new JsonObject().put("newMaxAttempts", newMaxAttempts).put("hardshipFlags", new JsonArray(hardshipFlags))
                .put("hardshipMinPartialPromises", hardshipMinPartialPromises)
                .put("hardshipSmallPaymentShare", hardshipSmallPaymentShare.toPlainString())
                .put("hardshipMinSmallPayments", hardshipMinSmallPayments).put("avoiderMinAttempts", avoiderMinAttempts)
                .put("avoiderMinBrokenInARow", avoiderMinBrokenInARow).put("forgetfulMaxDaysOverdue", forgetfulMaxDaysOverdue);
    }

    /**
     * Rules from a campaign's JSON: absent fields take the defaults; unknown fields and values out of range are
     * refused with every problem at once ({@link Invalid}, a 400 naming each field).
     */
    public static SegmentRules fromJson(JsonObject json) {
        SegmentRules d = defaults();
        Invalid.Collector problems = new Invalid.Collector();
        for (String key : json.fieldNames()) {
            if (!FIELDS.contains(key)) {
                problems.add(key, "is not a segment rule; the rules are " + FIELDS);
            }
        }
        int newMax = integer(json, "newMaxAttempts", d.newMaxAttempts, 0, 1000, problems);
        List<String> flags = flags(json, d.hardshipFlags, problems);
        int partial = integer(json, "hardshipMinPartialPromises", d.hardshipMinPartialPromises, 1, 100, problems);
        BigDecimal share = share(json, d.hardshipSmallPaymentShare, problems);
        int small = integer(json, "hardshipMinSmallPayments", d.hardshipMinSmallPayments, 1, 100, problems);
        int attempts = integer(json, "avoiderMinAttempts", d.avoiderMinAttempts, 1, 1000, problems);
        int inARow = integer(json, "avoiderMinBrokenInARow", d.avoiderMinBrokenInARow, 1, 100, problems);
        int days = integer(json, "forgetfulMaxDaysOverdue", d.forgetfulMaxDaysOverdue, 0, 3650, problems);
        problems.throwIfAny();
        if (newMax >= attempts) {
            throw Invalid.of("newMaxAttempts", "must be under avoiderMinAttempts (" + attempts + "), or nobody could be an avoider by attempts");
        }
        return new SegmentRules(newMax, flags, partial, share, small, attempts, inARow, days);
    }

    private static int integer(JsonObject json, String field, int fallback, int min, int max, Invalid.Collector problems) {
        Object v = json.getValue(field);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            problems.add(field, "must be a whole number from " + min + " to " + max);
            return fallback;
        }
        long value = n.longValue();
        if (value < min || value > max) {
            problems.add(field, "must be from " + min + " to " + max + ", not " + value);
            return fallback;
        }
        return (int) value;
    }

    private static BigDecimal share(JsonObject json, BigDecimal fallback, Invalid.Collector problems) {
        String field = "hardshipSmallPaymentShare";
        Object v = json.getValue(field);
        if (v == null) {
            return fallback;
        }
        BigDecimal share;
        try {
            share = v instanceof Number n ? new BigDecimal(n.toString()) : v instanceof String s ? new BigDecimal(s.trim()) : null;
        } catch (NumberFormatException e) {
            share = null;
        }
        if (share == null || share.signum() <= 0 || share.compareTo(BigDecimal.ONE) > 0) {
            problems.add(field, "must be a share of the total overdue above 0 and at most 1, such as 0.10");
            return fallback;
        }
        return share.stripTrailingZeros().scale() < 0 ? share.setScale(0) : share.stripTrailingZeros();
    }

    private static List<String> flags(JsonObject json, List<String> fallback, Invalid.Collector problems) {
        String field = "hardshipFlags";
        Object v = json.getValue(field);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof JsonArray array)) {
            problems.add(field, "must be a list of flags");
            return fallback;
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < array.size(); i++) {
            Object flag = array.getValue(i);
            if (!(flag instanceof String s) || !KNOWN_FLAGS.contains(s.trim().toUpperCase())) {
                problems.add(field + "[" + i + "]", "'" + dialer.core.Masked.excerpt(String.valueOf(flag))
                        + "' is not one of " + KNOWN_FLAGS.stream().sorted().toList());
            } else {
                out.add(s.trim().toUpperCase());
            }
        }
        return List.copyOf(out);
    }
}
