package dialer.compliance;

/** Masks personal data for logs and for the reasons the guard writes: a log never carries a full number. */
public final class Masking {
    private Masking() {
    }

    /** {@code +12025554567} becomes {@code +1202***4567}; short or odd input keeps at most its last 2 characters. */
    public static String phone(String phone) {
        if (phone == null) {
            return "null";
        }
        if (phone.length() >= 10) {
            return phone.substring(0, 5) + "***" + phone.substring(phone.length() - 4);
        }
        return "***" + phone.substring(Math.max(0, phone.length() - 2));
    }
}
