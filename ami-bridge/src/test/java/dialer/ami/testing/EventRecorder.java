package dialer.ami.testing;

import dialer.ami.CallEvent;
import dialer.ami.CallEventListener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Keeps every call event and lets a test wait for the one it expects. */
public final class EventRecorder implements CallEventListener {

    private final List<CallEvent> events = new ArrayList<>();

    @Override
    public synchronized void onEvent(CallEvent event) {
        events.add(event);
        notifyAll();
    }

    public synchronized List<CallEvent> all() {
        return List.copyOf(events);
    }

    /** Waits for the first event of this type that matches, failing with everything seen so far. */
    public synchronized <T extends CallEvent> T await(Class<T> type, Predicate<T> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = 0;
        while (true) {
            for (; checked < events.size(); checked++) {
                CallEvent e = events.get(checked);
                if (type.isInstance(e) && match.test(type.cast(e))) {
                    return type.cast(e);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no " + type.getSimpleName() + " matching within " + timeout
                        + "; events seen:\n" + String.join("\n", events.stream().map(Object::toString).toList()));
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    public <T extends CallEvent> List<T> ofType(Class<T> type) {
        return all().stream().filter(type::isInstance).map(type::cast).toList();
    }
}
