package dialer.ami.asterisk;

import org.asteriskjava.manager.event.UserEvent;

/** The dialplan's {@code UserEvent(DialerAbandoned,...)} (see docker/asterisk/etc/extensions.conf). */
public class DialerAbandonedEvent extends UserEvent {

    private static final long serialVersionUID = 1L;
    private String call;

    public DialerAbandonedEvent(Object source) {
        super(source);
    }

    public String getCall() {
        return call;
    }

    public void setCall(String call) {
        this.call = call;
    }

}
