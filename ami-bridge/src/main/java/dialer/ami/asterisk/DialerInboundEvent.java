package dialer.ami.asterisk;

import org.asteriskjava.manager.event.UserEvent;

/**
 * The dialplan's {@code UserEvent(DialerInbound,...)}: someone called a number of ours and waits in
 * [dialer-inbound] (see docker/asterisk/etc/extensions.conf). The event's own channel and unique id
 * are the caller's.
 */
public class DialerInboundEvent extends UserEvent {

    private static final long serialVersionUID = 1L;
    private String from;
    private String to;

    public DialerInboundEvent(Object source) {
        super(source);
    }

    /** The caller's number, as the network presented it. */
    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    /** The number they called (the extension in [dialer-inbound]). */
    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }
}
