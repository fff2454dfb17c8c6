package dialer.core;

import dialer.compliance.Masking;

/** What logs may show of personal data: never a full phone number or name. */
public final class Masked {

    private Masked() {
    }

    public static String phone(String e164) {
        return Masking.phone(e164);
    }

    /** "Maria Gonzalez" becomes "M. G." */
    public static String name(String name) {
        if (name == null || name.isBlank()) {
            return "?";
        }
        StringBuilder sb = new StringBuilder();
        for (String part : name.trim().split("\\s+")) {
            sb.append(Character.toUpperCase(part.charAt(0))).append(". ");
        }
        return sb.toString().trim();
    }

    /** How many characters of a bad value an error message may quote. */
    public static final int EXCERPT = 40;

    /**
     * What an error message may quote of a value someone sent: at most its first {@value #EXCERPT}
     * characters (then "…"), control characters shown as "?", so a huge or binary value is never
     * echoed whole. Never pass a phone number: use {@link #phone(String)}.
     */
    public static String excerpt(String value) {
        if (value == null) {
            return "";
        }
        int n = Math.min(value.length(), EXCERPT);
        StringBuilder sb = new StringBuilder(n + 1);
        for (int i = 0; i < n; i++) {
            char ch = value.charAt(i);
            sb.append(Character.isISOControl(ch) ? '?' : ch);
        }
        if (n > 0 && n < value.length() && Character.isHighSurrogate(value.charAt(n - 1))) {
            sb.setLength(n - 1); // never half a character
        }
        return value.length() > EXCERPT ? sb.append('…').toString() : sb.toString();
    }
}
