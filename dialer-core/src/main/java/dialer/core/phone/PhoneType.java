package dialer.core.phone;

import dialer.core.Invalid;

/**
 * What an agent's phone is: a SIP desk phone or softphone the dialer makes an account for, the
 * browser phone in the agent console (WebRTC, an account too), or a dial string of the site's own
 * (a phone configured in Asterisk by hand, a simulated phone).
 */
public enum PhoneType {
    SIP, WEBRTC, DIAL_STRING;

    /** Whether the dialer makes and keeps the phone's SIP account. */
    public boolean hasAccount() {
        return this != DIAL_STRING;
    }

    /** The request's {@code phoneType}; absent means DIAL_STRING (the phone field says how to ring it). */
    public static PhoneType fromJson(Object value) {
        if (value == null) {
            return DIAL_STRING;
        }
        if (value instanceof String s) {
            for (PhoneType t : values()) {
                if (t.name().equals(s.trim())) {
                    return t;
                }
            }
        }
        throw Invalid.of("phoneType", "must be one of SIP, WEBRTC, DIAL_STRING");
    }
}
