package dialer.core.engine;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.spi.VertxThreadFactory;


/**
 * The engine thread: one Vert.x event-loop context on an event loop of its own, the thread
 * {@code dialer-engine}, outside Vert.x's pool of event loops. Nothing else is ever scheduled on it:
 * HTTP requests, live pages, metrics and simulated agents run on the pool's loops, database work on
 * workers; an answered person's connect waits on none of them. (A context from
 * {@code vertx.getOrCreateContext()} would take the pool's next loop, which with 2 × cores loops is
 * shared with the HTTP server's or the live pages' contexts on a small machine.)
 */
public final class VertxEngineThread implements EngineThread {

    static final String THREAD_NAME = "dialer-engine";

    private final Vertx vertx;
    private final EventLoop loop;
    private final Context context;

    public VertxEngineThread(Vertx vertx) {
        this.vertx = vertx;
        VertxInternal internal = (VertxInternal) vertx;
        // a Vert.x thread, so that the engine's context, its timers and Vert.x's blocked-thread warnings work as on the pool's loops
        java.util.concurrent.ThreadFactory engineThread = task -> VertxThreadFactory.INSTANCE.newVertxThread(task, THREAD_NAME, false,
                internal.maxEventLoopExecTime(), internal.maxEventLoopExecTimeUnit());
        this.loop = new DefaultEventLoop(engineThread);
        this.context = internal.createEventLoopContext(loop, null, Thread.currentThread().getContextClassLoader());
        internal.addCloseHook(completion -> loop.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS)
                .addListener(f -> completion.complete()));
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
