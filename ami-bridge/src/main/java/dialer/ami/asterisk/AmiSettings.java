package dialer.ami.asterisk;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to reach one Asterisk's manager interface.
 *
 * @param commandTimeout how long any command may wait for Asterisk's answer
 * @param pingInterval   how often an idle connection is checked with a Ping
 * @param reconnectFirst first delay before reconnecting; it doubles up to {@code reconnectMax}
 */
public record AmiSettings(String host, int port, String username, String secret, Duration commandTimeout,
                          Duration pingInterval, Duration reconnectFirst, Duration reconnectMax) {

    public AmiSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(secret, "secret");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("AMI port must be 1-65535, was " + port);
        }
    }

    public static AmiSettings of(String host, int port, String username, String secret) {
        // reconnects at most 4 s apart (2-4 s with jitter): a link back is in use again within seconds
        return new AmiSettings(host, port, username, secret, Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofMillis(200), Duration.ofSeconds(4));
    }

    /** Host and port, for logs and error messages (never the secret). */
    public String address() {
        return host + ":" + port;
    }
}
