package dialer.core;

/** The signed-in person may not do this (HTTP 403). */
public final class Forbidden extends RuntimeException {
    public Forbidden(String message) {
        super(message);
    }
}
