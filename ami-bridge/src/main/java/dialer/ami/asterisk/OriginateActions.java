package dialer.ami.asterisk;

import dialer.ami.OriginateRequest;
import org.asteriskjava.manager.action.OriginateAction;

import java.util.LinkedHashMap;
import java.util.Map;

/** The AMI Originate for one of our calls: pre-assigned channel ids, the call's variables, and the dialplan's hang-up handler. */
final class OriginateActions {

    /**
     * Pushed on every call's channel: the dialplan records the cause of a call that ends unanswered,
     * for when the AMI link is down then ({@code [dialer-unanswered]}). Commas escaped: Asterisk
     * splits an AMI Variable header's value at unescaped commas.
     */
    static final String UNANSWERED_HANDLER = "dialer-unanswered\\,s\\,1";

    private OriginateActions() {
    }

    static OriginateAction of(OriginateRequest request) {
        OriginateAction action = new OriginateAction();
        action.setChannel(request.dialString());
        action.setContext(request.answeredAt().context());
        action.setExten(request.answeredAt().exten());
        action.setPriority(request.answeredAt().priority());
        action.setTimeout(request.ringTimeout().toMillis());
        action.setAsync(true);
        action.setChannelId(request.channelId());
        action.setOtherChannelId(request.otherChannelId());
        if (request.callerId() != null) {
            action.setCallerId(request.callerId());
        }
        Map<String, String> variables = new LinkedHashMap<>(request.variables());
        variables.put("CHANNEL(hangup_handler_push)", UNANSWERED_HANDLER);
        action.setVariables(variables);
        return action;
    }
}
