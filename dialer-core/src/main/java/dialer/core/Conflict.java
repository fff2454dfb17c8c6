package dialer.core;

/** The request cannot be done in the current state (HTTP 409), e.g. readying an agent who is on a call. */
public final class Conflict extends RuntimeException {
    public Conflict(String message) {
        super(message);
    }
}
