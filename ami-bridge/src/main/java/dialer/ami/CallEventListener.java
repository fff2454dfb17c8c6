package dialer.ami;

/** Receives the bridge's call events, on the bridge's event thread. Must not block. */
@FunctionalInterface
public interface CallEventListener {
    void onEvent(CallEvent event);
}
