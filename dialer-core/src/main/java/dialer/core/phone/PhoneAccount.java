package dialer.core.phone;

/**
 * An agent's SIP account the dialer made: Asterisk knows it as a PJSIP endpoint, auth and aor of
 * the same name, and rings it as {@code PJSIP/<username>}.
 *
 * @param pbx the Asterisk the agent's phone is on (the agent's)
 */
public record PhoneAccount(long agentId, PhoneType type, String username, String password, String pbx) {

    /** The SIP user name of an agent's account: {@code agent<extension>}. */
    public static String usernameFor(String extension) {
        return "agent" + extension;
    }

    /** How the dialer rings the phone. */
    public static String dialStringFor(String username) {
        return "PJSIP/" + username;
    }

    @Override
    public String toString() {
        // never the password in a log line
        return "PhoneAccount[agent " + agentId + ", " + type + ", " + username + " on " + pbx + "]";
    }
}
