package dialer.core.agent;

/**
 * An agent as registered.
 *
 * @param extension numeric; names the agent's conference ({@code agent-<extension>}) in Asterisk
 * @param phone     how to ring the agent's phone: a dial string such as {@code PJSIP/1001};
 *                  {@code {extension}} is replaced by the extension
 * @param pbx       the Asterisk the agent's phone is on
 */
public record Agent(long id, String name, String extension, String phone, String pbx, boolean simulated) {

    /** The phone of a simulated agent: a Local channel into [sim-agent-phone] that answers and stays. */
    public static final String SIMULATED_PHONE = "Local/{extension}@sim-agent-phone";

    public String phoneDialString() {
        return phone.replace("{extension}", extension);
    }

    public String conference() {
        return "agent-" + extension;
    }
}
