package dialer.ami;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One call to place.
 *
 * @param callId     our id for the call; every event about it carries it back
 * @param dialString the channel to call, e.g. {@code PJSIP/15551234567@trunk} or
 *                   {@code Local/15551234567@sim-carrier}
 * @param answeredAt where the answered channel goes in the dialplan
 * @param ringTimeout how long it may ring before it counts as no answer
 * @param callerId   caller id to present, or null
 * @param detectMachine true when the dialplan runs AMD() and reports it: the outcome then waits
 *                   for the classification; false when an answer is a person (agents' phones)
 * @param variables  channel variables to set (the call id is always added, inherited)
 */
public record OriginateRequest(String callId, String dialString, DialplanLocation answeredAt, Duration ringTimeout,
                               String callerId, boolean detectMachine, Map<String, String> variables) {

    private static final Pattern CALL_ID = Pattern.compile("[A-Za-z0-9_.]{1,64}");
    private static final Pattern VARIABLE_NAME = Pattern.compile("_{0,2}[A-Za-z][A-Za-z0-9_]*");

    /** The channel variable, inherited by every channel of the call, that holds the call id. */
    public static final String CALL_ID_VARIABLE = "DIALER_CALL";

    public OriginateRequest {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(dialString, "dialString");
        Objects.requireNonNull(answeredAt, "answeredAt");
        Objects.requireNonNull(ringTimeout, "ringTimeout");
        if (!CALL_ID.matcher(callId).matches()) {
            throw new IllegalArgumentException("call id must be 1-64 letters, digits, '_' or '.': " + callId);
        }
        requireSingleLine("dial string", dialString);
        if (callerId != null) {
            requireSingleLine("caller id", callerId);
        }
        if (ringTimeout.isNegative() || ringTimeout.isZero()) {
            throw new IllegalArgumentException("ring timeout must be positive, was " + ringTimeout);
        }
        Map<String, String> all = new LinkedHashMap<>();
        for (var e : (variables == null ? Map.<String, String>of() : variables).entrySet()) {
            if (!VARIABLE_NAME.matcher(e.getKey()).matches()) {
                throw new IllegalArgumentException("not a channel variable name: " + e.getKey());
            }
            requireSingleLine("variable " + e.getKey(), e.getValue());
            all.put(e.getKey(), e.getValue());
        }
        all.put("__" + CALL_ID_VARIABLE, callId);
        variables = Map.copyOf(all);
    }

    /** The pre-assigned id of the channel we call (the first half of a Local channel). */
    public String channelId() {
        return CallIds.channelId(callId);
    }

    /** The pre-assigned id of the other half (a Local channel's second half). */
    public String otherChannelId() {
        return CallIds.otherChannelId(callId);
    }

    private static void requireSingleLine(String what, String value) {
        Objects.requireNonNull(value, what);
        // a line break would start a new AMI header: refuse it rather than let it through
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(what + " must not contain a line break");
        }
    }
}
