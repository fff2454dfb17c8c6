package dialer.core;

/**
 * The server has as much of this kind of work as it takes at once (imports, reports, API reads and
 * writes): refused now rather than queued without end (HTTP 429 with Retry-After). Nothing was
 * done; the caller tries again after {@link #retryAfterSeconds()}.
 */
public final class Busy extends RuntimeException {

    private final int retryAfterSeconds;

    public Busy(String message, int retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
