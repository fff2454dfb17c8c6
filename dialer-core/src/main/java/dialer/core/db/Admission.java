package dialer.core.db;

import dialer.core.Busy;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How much work of one kind a pool takes at once: up to {@code limit} tasks running or waiting for
 * a thread; one more is refused with {@link Busy} (HTTP 429 with Retry-After) instead of queueing
 * behind the others without end. Thread-safe: entered and left from any thread.
 */
public final class Admission {

    private final String work;
    private final int limit;
    private final int retryAfterSeconds;
    /** Any thread: tasks admitted and not finished yet. */
    private final AtomicInteger admitted = new AtomicInteger();

    /**
     * @param work              what the pool does, as a refusal names it ("imports", "reports")
     * @param limit             tasks running or waiting at once; 0 or less takes everything (no limit)
     * @param retryAfterSeconds when a refused caller should try again
     */
    public Admission(String work, int limit, int retryAfterSeconds) {
        if (retryAfterSeconds < 1) {
            throw new IllegalArgumentException("Retry-After must be at least 1 second: " + retryAfterSeconds);
        }
        this.work = work;
        this.limit = limit;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** No limit: for work that must never be refused (the engine's own writes). */
    public static Admission unlimited(String work) {
        return new Admission(work, 0, 1);
    }

    /** Takes a place, or throws {@link Busy} when {@code limit} tasks are admitted already; {@link #leave} gives it back. */
    public void enter() {
        if (limit <= 0) {
            admitted.incrementAndGet();
            return;
        }
        while (true) {
            int now = admitted.get();
            if (now >= limit) {
                throw refusal();
            }
            if (admitted.compareAndSet(now, now + 1)) {
                return;
            }
        }
    }

    /** A task admitted by {@link #enter} finished (whether it succeeded or not). */
    public void leave() {
        if (admitted.decrementAndGet() < 0) {
            admitted.incrementAndGet();
            throw new IllegalStateException("left " + work + " more often than entered");
        }
    }

    /** Whether one more task would be refused now (a check before reading an upload; {@link #enter} decides). */
    public boolean full() {
        return limit > 0 && admitted.get() >= limit;
    }

    /** Tasks admitted and not finished. */
    public int admitted() {
        return admitted.get();
    }

    public Busy refusal() {
        return new Busy("the server is busy with " + work + " (" + limit + " at once); try again in "
                + retryAfterSeconds + " s", retryAfterSeconds);
    }
}
