package dialer.core.engine;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The engine thread for unit tests: the test's own thread. Work handed to it waits in a queue
 * until the test drains it; timers run when the test moves the fake clock past them. Engine state
 * touched from any other thread fails the check, exactly like the real one.
 */
final class ManualEngineThread implements EngineThread {

    private final Thread owner = Thread.currentThread();
    private final FakeClock clock;
    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final List<Timer> timers = new ArrayList<>();
    private long nextTimerId = 1;

    private record Timer(long id, long dueMillis, long periodMillis, Runnable task) {
    }

    ManualEngineThread(FakeClock clock) {
        this.clock = clock;
    }

    @Override
    public void check() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("engine state touched off the engine thread, on " + Thread.currentThread().getName());
        }
    }

    @Override
    public void run(Runnable task) {
        queue.add(task);
    }

    @Override
    public <T> Future<T> back(Future<T> future) {
        Promise<T> promise = Promise.promise();
        future.onComplete(ar -> queue.add(() -> promise.handle(ar)));
        return promise.future();
    }

    @Override
    public long timer(long delayMillis, Runnable task) {
        check();
        long id = nextTimerId++;
        timers.add(new Timer(id, clock.millis() + Math.max(1, delayMillis), 0, task));
        return id;
    }

    @Override
    public long periodic(long periodMillis, Runnable task) {
        check();
        long id = nextTimerId++;
        timers.add(new Timer(id, clock.millis() + periodMillis, periodMillis, task));
        return id;
    }

    @Override
    public void cancel(long timerId) {
        check();
        timers.removeIf(t -> t.id() == timerId);
    }

    /** Runs queued work until there is none. */
    void drain() {
        check();
        int guard = 0;
        Runnable task;
        while ((task = queue.poll()) != null) {
            task.run();
            if (++guard > 1_000_000) {
                throw new IllegalStateException("the engine thread never runs out of work");
            }
        }
    }

    /** Moves the clock forward by {@code d}, running each timer that falls due at its time, and drains. */
    void advance(Duration d) {
        drain();
        long end = clock.millis() + d.toMillis();
        while (true) {
            Timer next = timers.stream().filter(t -> t.dueMillis() <= end).min(Comparator.comparingLong(Timer::dueMillis)).orElse(null);
            if (next == null) {
                break;
            }
            clock.set(java.time.Instant.ofEpochMilli(Math.max(clock.millis(), next.dueMillis())));
            timers.remove(next);
            if (next.periodMillis() > 0) {
                timers.add(new Timer(next.id(), next.dueMillis() + next.periodMillis(), next.periodMillis(), next.task()));
            }
            next.task().run();
            drain();
        }
        clock.set(java.time.Instant.ofEpochMilli(end));
        drain();
    }

    /** Completes {@code future} by draining; fails the test if it does not complete. */
    <T> T await(Future<T> future) {
        drain();
        if (!future.isComplete()) {
            throw new AssertionError("the engine did not complete the request");
        }
        if (future.failed()) {
            throw new AssertionError("the engine failed the request: " + future.cause(), future.cause());
        }
        return future.result();
    }

    /** The failure of {@code future}, after draining. */
    Throwable failure(Future<?> future) {
        drain();
        if (!future.isComplete() || future.succeeded()) {
            throw new AssertionError("expected the request to fail, but it " + (future.isComplete() ? "succeeded" : "is pending"));
        }
        return future.cause();
    }

    int timersPending() {
        return timers.size();
    }
}
