package dialer.core.trunk;

import dialer.core.Invalid;
import dialer.core.Masked;
import io.vertx.core.json.JsonObject;

import java.util.Set;

/** A trunk to create or change, read from a request and checked: every wrong field is named. */
public record TrunkDraft(String name, String host, int port, String transport, String username, String password,
                         boolean register, String fromDomain, String callerIdPolicy, String fixedCallerId, int maxCalls,
                         int callsPerSecond, String codecs, String externalMediaAddress, int rtpTimeout, int qualifyFrequency) {

    static final String NAME = "[a-z][a-z0-9_-]{1,39}";
    private static final String HOST = "[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?";
    private static final String ADDRESS = "[A-Za-z0-9.:-]{1,253}";
    private static final String CREDENTIAL = "[A-Za-z0-9_.@+!%*~-]{1,80}";
    private static final String CALLER_ID = "\\+?[0-9]{3,20}";
    private static final Set<String> CODECS = Set.of("ulaw", "alaw", "g722", "g729", "gsm", "opus", "ilbc", "speex", "slin");

    /**
     * Reads a trunk. {@code existing} is the trunk being changed (null when creating): a change that
     * gives no password keeps the stored one (the API never shows it).
     */
    public static TrunkDraft fromJson(JsonObject json, Trunk existing) {
        if (json == null) {
            throw Invalid.of("body", "a JSON object is required");
        }
        Invalid.Collector problems = new Invalid.Collector();
        String name = text(json, "name", problems);
        problems.check(name != null && name.matches(NAME), "name",
                "is required: 2-40 of a-z, 0-9, '-' and '_', starting with a letter (it names the PJSIP endpoint)");
        problems.check(existing == null || name == null || name.equals(existing.name()), "name",
                "cannot change (campaigns dial the trunk by name); create another trunk instead");
        String host = text(json, "host", problems);
        problems.check(host != null && host.matches(HOST), "host", "is required: the carrier's host name or IP address");
        int port = integer(json, "port", 5060, 1, 65535, problems);
        String transport = text(json, "transport", problems);
        transport = transport == null ? "udp" : transport.trim().toLowerCase();
        problems.check(Set.of("udp", "tcp", "tls").contains(transport), "transport", "must be udp, tcp or tls");
        String username = text(json, "username", problems);
        problems.check(username == null || username.matches(CREDENTIAL), "username",
                "must be 1-80 letters, digits or _.@+!%*~-");
        String password = text(json, "password", problems);
        if (password == null && existing != null && username != null && username.equals(existing.username())) {
            password = existing.password();
        }
        problems.check(password == null || password.matches(CREDENTIAL), "password",
                "must be 1-80 letters, digits or _.@+!%*~-");
        problems.check((username == null) == (password == null), "password",
                "username and password go together: give both for a carrier that authenticates, neither for one that does not");
        boolean register = bool(json, "register", false, problems);
        problems.check(!register || username != null, "register", "needs a username and password to register with");
        String fromDomain = text(json, "fromDomain", problems);
        fromDomain = fromDomain == null ? host : fromDomain.trim();
        problems.check(fromDomain != null && fromDomain.matches(HOST), "fromDomain", "must be a host name (the From header's domain)");
        String policy = text(json, "callerIdPolicy", problems);
        policy = policy == null ? "CAMPAIGN" : policy.trim().toUpperCase();
        problems.check(Set.of("CAMPAIGN", "FIXED").contains(policy), "callerIdPolicy",
                "must be CAMPAIGN (each call sends its campaign's caller id) or FIXED (every call sends fixedCallerId)");
        String fixed = text(json, "fixedCallerId", problems);
        problems.check(!"FIXED".equals(policy) || fixed != null, "fixedCallerId", "is required with callerIdPolicy FIXED");
        problems.check(fixed == null || fixed.matches(CALLER_ID), "fixedCallerId", "must be a number such as +15551230000");
        int maxCalls = integer(json, "maxCalls", 30, 1, 100000, problems);
        int cps = integer(json, "callsPerSecond", 10, 1, 10000, problems);
        String codecs = text(json, "codecs", problems);
        codecs = codecs == null ? "ulaw,alaw" : codecs.replace(" ", "").toLowerCase();
        boolean codecsOk = !codecs.isEmpty();
        for (String codec : codecs.split(",")) {
            codecsOk &= CODECS.contains(codec);
        }
        problems.check(codecsOk, "codecs", "must be a comma-separated list of " + new java.util.TreeSet<>(CODECS));
        String extMedia = text(json, "externalMediaAddress", problems);
        problems.check(extMedia == null || extMedia.matches(ADDRESS), "externalMediaAddress",
                "must be the public address Asterisk's RTP is reached at, written in the SDP (behind NAT)");
        int rtpTimeout = integer(json, "rtpTimeout", 60, 0, 3600, problems);
        int qualify = integer(json, "qualifyFrequency", 10, 0, 3600, problems);
        problems.throwIfAny();
        return new TrunkDraft(name, host, port, transport, username, password, register, fromDomain, policy, fixed, maxCalls, cps,
                codecs, extMedia, rtpTimeout, qualify);
    }

    private static String text(JsonObject json, String field, Invalid.Collector problems) {
        Object v = json.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s) || s.isBlank()) {
            problems.add(field, "must be a non-empty string, was " + Masked.excerpt(String.valueOf(v)));
            return null;
        }
        return s.trim();
    }

    private static int integer(JsonObject json, String field, int otherwise, int min, int max, Invalid.Collector problems) {
        Object v = json.getValue(field);
        if (v == null) {
            return otherwise;
        }
        if (v instanceof Integer i && i >= min && i <= max) {
            return i;
        }
        problems.add(field, "must be a whole number from " + min + " to " + max);
        return otherwise;
    }

    private static boolean bool(JsonObject json, String field, boolean otherwise, Invalid.Collector problems) {
        Object v = json.getValue(field);
        if (v == null) {
            return otherwise;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        problems.add(field, "must be true or false");
        return otherwise;
    }
}
