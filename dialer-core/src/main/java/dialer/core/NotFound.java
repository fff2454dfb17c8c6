package dialer.core;

/** A thing the request names does not exist (HTTP 404). */
public final class NotFound extends RuntimeException {
    public NotFound(String what) {
        super(what + " not found");
    }
}
