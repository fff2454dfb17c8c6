package dialer.core.engine;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/** The engine thread as one Vert.x event-loop context. */
public final class VertxEngineThread implements EngineThread {

    private final Vertx vertx;
    private final Context context;

    public VertxEngineThread(Vertx vertx) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
    }

    @Override
    public void check() {
        // blocking code run from the engine's context (database work) sees the same context on a worker
        // thread: only the context's event-loop thread itself is the engine thread
        if (Vertx.currentContext() != context || !Context.isOnEventLoopThread()) {
            throw new IllegalStateException("engine state touched off the engine thread, on " + Thread.currentThread().getName());
        }
    }

    @Override
    public void run(Runnable task) {
        context.runOnContext(v -> task.run());
    }

    @Override
    public <T> Future<T> call(Supplier<Future<T>> action) {
        Promise<T> promise = Promise.promise();
        context.runOnContext(v -> {
            try {
                action.get().onComplete(promise);
            } catch (RuntimeException e) {
                promise.fail(e);
            }
        });
        return promise.future();
    }

    @Override
    public <T> Future<T> back(CompletableFuture<T> future) {
        Promise<T> promise = Promise.promise();
        future.whenComplete((value, error) -> context.runOnContext(v -> {
            if (error != null) {
                promise.fail(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
            } else {
                promise.complete(value);
            }
        }));
        return promise.future();
    }

    @Override
    public <T> Future<T> back(Future<T> future) {
        Promise<T> promise = Promise.promise();
        future.onComplete(ar -> {
            if (Vertx.currentContext() == context) {
                promise.handle(ar);
            } else {
                context.runOnContext(v -> promise.handle(ar));
            }
        });
        return promise.future();
    }

    @Override
    public long timer(long delayMillis, Runnable task) {
        return vertx.setTimer(Math.max(1, delayMillis), id -> context.runOnContext(v -> task.run()));
    }

    @Override
    public long periodic(long periodMillis, Runnable task) {
        return vertx.setPeriodic(periodMillis, id -> context.runOnContext(v -> task.run()));
    }

    @Override
    public void cancel(long timerId) {
        vertx.cancelTimer(timerId);
    }
}
