package dialer.ami.asterisk;

import org.asteriskjava.manager.event.UserEvent;

/** The dialplan's {@code UserEvent(DialerAmd,...)} (see docker/asterisk/etc/extensions.conf). */
public class DialerAmdEvent extends UserEvent {

    private static final long serialVersionUID = 1L;
    private String call;
    private String status;
    private String cause;

    public DialerAmdEvent(Object source) {
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

    public String getCause() {
        return cause;
    }

    public void setCause(String cause) {
        this.cause = cause;
    }
}
