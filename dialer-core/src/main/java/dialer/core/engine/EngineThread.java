package dialer.core.engine;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The one thread (a Vert.x context) that owns every piece of the engine's live state: sessions,
 * calls, runs, the waiting line, the PBX links. Every holder calls {@link #check()} before it reads
 * or changes its state, so state touched from anywhere else (a database worker, an AMI thread, an
 * HTTP event loop) fails at once, in tests and in production alike.
 *
 * <p>{@link VertxEngineThread} is the real one; unit tests use a manual one that runs queued work
 * and timers on the test's own thread, on a fake clock.
 */
public interface EngineThread {

    /** Fails when called from any thread but the engine's. */
    void check();

    /** Runs {@code task} on the engine thread, later (never inline). */
    void run(Runnable task);

    /** Runs {@code action} on the engine thread; the result completes there. */
    default <T> Future<T> call(Supplier<Future<T>> action) {
        Promise<T> promise = Promise.promise();
        run(() -> {
            try {
                action.get().onComplete(promise);
            } catch (RuntimeException e) {
                promise.fail(e);
            }
        });
        return promise.future();
    }

    /** A future of another thread (the AMI bridge, a database worker), completed back on the engine thread. */
    default <T> Future<T> back(CompletableFuture<T> future) {
        Promise<T> promise = Promise.promise();
        future.whenComplete((value, error) -> run(() -> {
            if (error != null) {
                promise.fail(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
            } else {
                promise.complete(value);
            }
        }));
        return promise.future();
    }

    /** The same for a Vert.x future completed on another thread. */
    <T> Future<T> back(Future<T> future);

    long timer(long delayMillis, Runnable task);

    long periodic(long periodMillis, Runnable task);

    void cancel(long timerId);
}
