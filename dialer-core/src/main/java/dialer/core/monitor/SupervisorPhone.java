package dialer.core.monitor;

import dialer.core.Invalid;

import java.util.regex.Pattern;

/**
 * The phone the dialer rings when a supervisor listens in: a dial string as agents' phones are
 * ({@code PJSIP/2001}, {@code Local/2001@sim-agent-phone} in the tests). Only the characters a
 * channel name and a dialed number need: no '&' (several channels), ',' (Dial options), spaces,
 * variables or line breaks.
 */
public final class SupervisorPhone {

    private static final Pattern DIAL_STRING = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,19}/[A-Za-z0-9_.@:+*#-]{1,78}");

    private SupervisorPhone() {
    }

    /** The checked dial string from a request's field; null clears it. */
    public static String parse(Object value, String field) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s && DIAL_STRING.matcher(s.trim()).matches()) {
            return s.trim();
        }
        throw Invalid.of(field, "must be a dial string such as PJSIP/2001 (technology/resource: letters, digits and . _ @ : + * # -),"
                + " or null to clear it");
    }

    /** For logs: the technology and the last two characters only (a phone may be a full number). */
    public static String masked(String dialString) {
        if (dialString == null) {
            return "none";
        }
        int slash = dialString.indexOf('/');
        String tail = dialString.length() > 2 ? dialString.substring(dialString.length() - 2) : "";
        return dialString.substring(0, Math.max(0, slash)) + "/…" + tail;
    }
}
