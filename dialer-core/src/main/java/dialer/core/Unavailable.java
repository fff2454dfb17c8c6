package dialer.core;

/**
 * The request cannot be done now but can be later (HTTP 503 with Retry-After): the database is
 * unreachable, say. Nothing was changed; the caller tries again.
 */
public final class Unavailable extends RuntimeException {

    private final int retryAfterSeconds;

    public Unavailable(String message, int retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
