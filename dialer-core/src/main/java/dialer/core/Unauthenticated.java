package dialer.core;

/** No valid session: sign in first (HTTP 401). */
public final class Unauthenticated extends RuntimeException {
    public Unauthenticated(String message) {
        super(message);
    }
}
