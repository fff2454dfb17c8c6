package dialer.core.campaign;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dialer.core.Invalid;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;

/** A campaign to create, read from a request and checked field by field. */
public record CampaignDraft(String name, DialMode dialMode, String dialString, String callerId, String defaultRegion,
                            int ringTimeoutSeconds, boolean detectMachines, int holdLimitMs, String safeHarborPrompt,
                            int maxAttempts, BigDecimal maxAbandonRate, boolean simulatedCallees,
                            ComplianceSettings compliance, CampaignSchedule schedule, PriorityOrder priority,
                            int maxAttemptsPerNumber, int wrapUpLimitSeconds, BigDecimal amdFalsePositiveRate,
                            AmdSettings amd) {

    public CampaignDraft {
        amd = amd == null ? AmdSettings.TUNED : amd;
    }

    /** A draft with the tuned AMD settings. */
    public CampaignDraft(String name, DialMode dialMode, String dialString, String callerId, String defaultRegion,
                         int ringTimeoutSeconds, boolean detectMachines, int holdLimitMs, String safeHarborPrompt,
                         int maxAttempts, BigDecimal maxAbandonRate, boolean simulatedCallees,
                         ComplianceSettings compliance, CampaignSchedule schedule, PriorityOrder priority,
                         int maxAttemptsPerNumber, int wrapUpLimitSeconds, BigDecimal amdFalsePositiveRate) {
        this(name, dialMode, dialString, callerId, defaultRegion, ringTimeoutSeconds, detectMachines, holdLimitMs, safeHarborPrompt,
                maxAttempts, maxAbandonRate, simulatedCallees, compliance, schedule, priority, maxAttemptsPerNumber,
                wrapUpLimitSeconds, amdFalsePositiveRate, AmdSettings.TUNED);
    }

    public CampaignDraft(String name, DialMode dialMode, String dialString, String callerId, String defaultRegion,
                         int ringTimeoutSeconds, boolean detectMachines, int holdLimitMs, String safeHarborPrompt,
                         int maxAttempts, BigDecimal maxAbandonRate, boolean simulatedCallees,
                         ComplianceSettings compliance, CampaignSchedule schedule, PriorityOrder priority,
                         int maxAttemptsPerNumber, int wrapUpLimitSeconds) {
        this(name, dialMode, dialString, callerId, defaultRegion, ringTimeoutSeconds, detectMachines, holdLimitMs, safeHarborPrompt,
                maxAttempts, maxAbandonRate, simulatedCallees, compliance, schedule, priority, maxAttemptsPerNumber,
                wrapUpLimitSeconds, BigDecimal.ZERO);
    }

    /** Where simulated callees live: the Local-channel carrier of docker/asterisk/etc/extensions.conf. */
    public static final String SIMULATED_DIAL_STRING = "Local/{number}@sim-carrier";

    public static CampaignDraft fromJson(JsonObject json) {
        Invalid.Collector problems = new Invalid.Collector();
        if (json == null) {
            throw Invalid.of("body", "a JSON object is required");
        }
        String name = text(json, "name", problems);
        problems.check(name != null && !name.isBlank() && name.length() <= 100, "name", "is required, at most 100 characters");

        DialMode mode = DialMode.PROGRESSIVE;
        String modeText = text(json, "dialMode", problems);
        if (modeText != null) {
            try {
                mode = DialMode.valueOf(modeText.trim().toUpperCase());
            } catch (IllegalArgumentException e) {
                problems.add("dialMode", "must be PREVIEW, PROGRESSIVE or PREDICTIVE, was '" + dialer.core.Masked.excerpt(modeText) + "'");
            }
        }
        boolean simulated = bool(json, "simulatedCallees", false, problems);
        String dialString = text(json, "dialString", problems);
        String trunk = text(json, "trunk", problems);
        if (trunk != null) {
            trunk = trunk.trim();
            problems.check(trunk.matches(TRUNK_NAME), "trunk", "must be a trunk's name (2-40 of a-z, 0-9, '-' and '_', "
                    + "starting with a letter), was '" + dialer.core.Masked.excerpt(trunk) + "'");
            problems.check(dialString == null || dialString.equals(trunkDialString(trunk)), "trunk",
                    "give either trunk or dialString, not both (the trunk's dial string is " + trunkDialString(trunk) + ")");
            dialString = trunkDialString(trunk);
        }
        if (dialString == null) {
            dialString = simulated ? SIMULATED_DIAL_STRING : null;
        }
        problems.check(dialString != null, "dialString", "is required (e.g. PJSIP/{number}@trunk), unless simulatedCallees is true");
        if (dialString != null) {
            problems.check(dialString.contains("{number}"), "dialString", "must contain {number}");
            problems.check(singleLine(dialString), "dialString", "must be one line");
        }
        String callerId = text(json, "callerId", problems);
        problems.check(callerId == null || singleLine(callerId) && callerId.length() <= 80, "callerId", "must be one line of at most 80 characters");
        if (dialString != null && trunkOf(dialString) != null) {
            // collections calls are never anonymous: the trunk sends it in From and P-Asserted-Identity
            problems.check(callerId != null && callerId.matches(CALLER_ID), "callerId",
                    "is required for a campaign that dials a trunk (collections calls are never anonymous): a number such as "
                            + "+15551230000, optionally with a name: \"ACME Collections\" <+15551230000>");
        }
        String region = text(json, "defaultRegion", problems);
        region = region == null ? "US" : region.trim().toUpperCase();
        problems.check(PhoneNumberUtil.getInstance().getSupportedRegions().contains(region), "defaultRegion",
                "must be a two-letter region code such as US or GB, was '" + dialer.core.Masked.excerpt(region) + "'");
        int ringTimeout = integer(json, "ringTimeoutSeconds", 25, 5, 120, problems);
        boolean amd = bool(json, "detectMachines", true, problems);
        int hold = integer(json, "holdLimitMs", 1200, 200, 2000, problems);
        String safeHarbor = text(json, "safeHarborPrompt", problems);
        problems.check(safeHarbor == null || safeHarbor.matches("[A-Za-z0-9_/-]{1,100}"), "safeHarborPrompt",
                "must be an Asterisk sound name such as custom/safe-harbor");
        int maxAttempts = integer(json, "maxAttempts", 5, 1, 100, problems);
        BigDecimal maxAbandon = new BigDecimal("0.03");
        if (json.containsKey("maxAbandonRate")) {
            Object v = json.getValue("maxAbandonRate");
            if (v instanceof Number n) {
                maxAbandon = new BigDecimal(n.toString());
                problems.check(maxAbandon.signum() >= 0 && maxAbandon.compareTo(new BigDecimal("0.03")) <= 0,
                        "maxAbandonRate", "must be between 0 and 0.03 (the regulators' 3%)");
            } else {
                problems.add("maxAbandonRate", "must be a number such as 0.03");
            }
        }
        BigDecimal amdFalsePositives = BigDecimal.ZERO;
        if (json.getValue("amdFalsePositiveRate") != null) {
            Object v = json.getValue("amdFalsePositiveRate");
            if (v instanceof Number n) {
                amdFalsePositives = new BigDecimal(n.toString());
                problems.check(amdFalsePositives.signum() >= 0 && (amdFalsePositives.signum() == 0
                                || amdFalsePositives.compareTo(maxAbandon) < 0) && amdFalsePositives.scale() <= 5,
                        "amdFalsePositiveRate", "must be from 0 to below maxAbandonRate (" + maxAbandon.toPlainString()
                                + "), at most 5 decimals: the share of people who answer that machine detection takes for a machine");
            } else {
                problems.add("amdFalsePositiveRate", "must be a number such as 0.01");
            }
        }
        ComplianceSettings compliance = ComplianceSettings.fromJson(json.getValue("compliance"), problems);
        CampaignSchedule schedule = CampaignSchedule.fromJson(json.getValue("schedule"), problems);
        PriorityOrder priority = PriorityOrder.fromJson(json.getValue("priority"), problems);
        int perNumber = integer(json, "maxAttemptsPerNumber", 3, 1, 50, problems);
        int wrapUp = integer(json, "wrapUpLimitSeconds", 120, 0, 3600, problems);
        AmdSettings amdSettings = AmdSettings.fromJson(json.getValue("amd"), AmdSettings.TUNED, problems);
        problems.throwIfAny();
        return new CampaignDraft(name.trim(), mode, dialString, callerId, region, ringTimeout, amd, hold, safeHarbor,
                maxAttempts, maxAbandon, simulated, compliance, schedule, priority, perNumber, wrapUp, amdFalsePositives,
                amdSettings);
    }

    private static boolean singleLine(String s) {
        return s.indexOf('\n') < 0 && s.indexOf('\r') < 0;
    }

    private static String text(JsonObject json, String field, Invalid.Collector problems) {
        Object v = json.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            problems.add(field, "must be a string");
            return null;
        }
        return s;
    }

    private static boolean bool(JsonObject json, String field, boolean fallback, Invalid.Collector problems) {
        Object v = json.getValue(field);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Boolean b)) {
            problems.add(field, "must be true or false");
            return fallback;
        }
        return b;
    }

    private static int integer(JsonObject json, String field, int fallback, int min, int max, Invalid.Collector problems) {
        Object v = json.getValue(field);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            problems.add(field, "must be a whole number");
            return fallback;
        }
        int i = n.intValue();
        problems.check(i >= min && i <= max, field, "must be between " + min + " and " + max + ", was " + i);
        return i;
    }

    /** A trunk's name as the dialer's PJSIP configuration names its endpoint. */
    public static final String TRUNK_NAME = "[a-z][a-z0-9_-]{1,39}";
    /** A caller id a trunk can send: a number (optionally +), optionally after a quoted name, the number in angle brackets. */
    static final String CALLER_ID = "(\"[^\"<>]{1,60}\"\\s*<\\+?[0-9]{3,20}>|\\+?[0-9]{3,20})";

    /** The dial string of a campaign that dials through {@code trunk}. */
    public static String trunkDialString(String trunk) {
        return "PJSIP/{number}@" + trunk;
    }

    /** The trunk a dial string dials through, when it is a trunk's ({@code PJSIP/{number}@name}); else null. */
    public static String trunkOf(String dialString) {
        String prefix = "PJSIP/{number}@";
        if (dialString == null || !dialString.startsWith(prefix)) {
            return null;
        }
        String name = dialString.substring(prefix.length());
        return name.matches(TRUNK_NAME) ? name : null;
    }
}
