package dialer.ami.asterisk;

/**
 * Asterisk's Hangup event with the field Asterisk-Java 3.42 has no setter for: {@code TechCause},
 * the channel technology's own cause (for PJSIP, the far end's SIP final response, e.g. 486 or
 * 603). Registered in place of the library's class (the event type comes from the simple class
 * name, so it must be {@code HangupEvent}): the status is kept, and the library no longer logs a
 * "no setter" warning for every failed call.
 */
public class HangupEvent extends org.asteriskjava.manager.event.HangupEvent {

    private static final long serialVersionUID = 1L;

    private String techCause;

    public HangupEvent(Object source) {
        super(source);
    }

    public String getTechCause() {
        return techCause;
    }

    public void setTechCause(String techCause) {
        this.techCause = techCause;
    }
}
