package dialer.core.trunk;

import java.time.Instant;

/**
 * A carrier trunk as the dialer defines it (stored in table {@code trunk}) and renders into
 * Asterisk's PJSIP configuration ({@link PjsipTrunkConfig}). The password is kept to render the
 * configuration and never returned by the API.
 *
 * @param callerIdPolicy  CAMPAIGN: each call sends its campaign's caller id; FIXED: every call sends
 *                        {@code fixedCallerId} (a carrier that accepts only its own number)
 * @param maxCalls        calls up at once through the trunk
 * @param callsPerSecond  new calls per second through the trunk
 * @param codecs          comma-separated Asterisk codec names, in order of preference
 * @param rtpTimeout      seconds without RTP before Asterisk hangs an answered call up (0: never)
 * @param qualifyFrequency seconds between OPTIONS pings to the carrier (0: none; then a black-holed
 *                        trunk is only noticed by its calls)
 */
public record Trunk(long id, String name, String host, int port, String transport, String username, String password,
                    boolean register, String fromDomain, String callerIdPolicy, String fixedCallerId, int maxCalls,
                    int callsPerSecond, String codecs, String externalMediaAddress, int rtpTimeout, int qualifyFrequency, String createdBy, Instant createdAt, Instant updatedAt) {

    /** Whether the carrier asks for credentials (digest authentication, and registration when asked). */
    public boolean authenticates() {
        return username != null;
    }

    /** The registrar's URI as Asterisk names it in its registration events. */
    public String serverUri() {
        return "sip:" + host + ":" + port + (transport.equals("udp") ? "" : ";transport=" + transport);
    }
}
