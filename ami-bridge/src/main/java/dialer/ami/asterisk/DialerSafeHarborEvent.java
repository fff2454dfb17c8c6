package dialer.ami.asterisk;

import org.asteriskjava.manager.event.UserEvent;

/** The dialplan's {@code UserEvent(DialerSafeHarbor,...)}: whether the safe-harbor message played (see extensions.conf). */
public class DialerSafeHarborEvent extends UserEvent {

    private static final long serialVersionUID = 1L;
    private String call;
    private String status;

    public DialerSafeHarborEvent(Object source) {
        super(source);
    }

    public String getCall() {
        return call;
    }

    public void setCall(String call) {
        this.call = call;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }
}
