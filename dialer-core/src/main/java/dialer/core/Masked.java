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
}
