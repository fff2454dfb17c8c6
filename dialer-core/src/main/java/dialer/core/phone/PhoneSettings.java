package dialer.core.phone;

import java.util.Map;

/**
 * How agents' phones reach Asterisk, from the environment:
 * {@code DIALER_WEBRTC_WS_URL} (the browser phone's SIP over WebSocket URL; {@code {host}} is the
 * agent's PBX host; default {@code ws://{host}:8088/ws}, Asterisk's http.conf as shipped), and
 * {@code DIALER_WEBRTC_DTLS_CERT} / {@code DIALER_WEBRTC_DTLS_KEY} (a DTLS certificate and key of
 * the site's own, paths as Asterisk sees them; unset: Asterisk makes a self-signed one).
 */
public record PhoneSettings(String wsUrl, WizardSections sections) {

    public static final String DEFAULT_WS_URL = "ws://{host}:8088/ws";

    public static PhoneSettings from(Map<String, String> env) {
        String ws = env.getOrDefault("DIALER_WEBRTC_WS_URL", "").trim();
        if (!ws.isEmpty() && !ws.matches("wss?://\\S+")) {
            throw new IllegalArgumentException("DIALER_WEBRTC_WS_URL must be a ws:// or wss:// URL, was '" + ws + "'");
        }
        String cert = blankToNull(env.get("DIALER_WEBRTC_DTLS_CERT"));
        String key = blankToNull(env.get("DIALER_WEBRTC_DTLS_KEY"));
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException("DIALER_WEBRTC_DTLS_CERT and DIALER_WEBRTC_DTLS_KEY go together");
        }
        return new PhoneSettings(ws.isEmpty() ? DEFAULT_WS_URL : ws, new WizardSections(cert, key));
    }

    /** The WebSocket URL a browser phone on this PBX host connects to. */
    public String wsUrlFor(String pbxHost) {
        return wsUrl.replace("{host}", pbxHost);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
