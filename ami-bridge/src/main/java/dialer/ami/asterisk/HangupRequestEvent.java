package dialer.ami.asterisk;

/**
 * Asterisk's HangupRequest event with its {@code TechCause} (the far end's SIP status), which
 * Asterisk-Java 3.42 has no setter for: registered in place of the library's class so that it does
 * not log a "no setter" warning for every failed SIP call. The tracker reads the status from the
 * Hangup event ({@link HangupEvent}) that follows.
 */
public class HangupRequestEvent extends org.asteriskjava.manager.event.HangupRequestEvent {

    private static final long serialVersionUID = 1L;

    private String techCause;

    public HangupRequestEvent(Object source) {
        super(source);
    }

    public String getTechCause() {
        return techCause;
    }

    public void setTechCause(String techCause) {
        this.techCause = techCause;
    }
}
