package dialer.core.engine;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine thread's ownership check, on the real Vert.x context (no database, no Asterisk). */
class EngineThreadTest {

    private final Vertx vertx = Vertx.vertx();
    private final VertxEngineThread thread = new VertxEngineThread(vertx);

    @AfterEach
    void close() {
        vertx.close();
    }

    @Test
    void theCheckPassesOnTheEngineContextAndFailsAnywhereElse() throws Exception {
        assertThatThrownBy(thread::check).isInstanceOf(IllegalStateException.class).hasMessageContaining("off the engine thread");
        String onEngine = thread.call(() -> {
            thread.check();
            return Future.succeededFuture("checked");
        }).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(onEngine).isEqualTo("checked");
        // a worker of the engine's own context (where database work runs) is not the engine thread
        Throwable onWorker = thread.call(() -> vertx.executeBlocking(() -> {
            try {
                thread.check();
                return null;
            } catch (IllegalStateException e) {
                return (Throwable) e;
            }
        })).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(onWorker).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void workDoneOnAnotherThreadComesBackToTheEngine() throws Exception {
        CompletableFuture<String> fromAWorker = CompletableFuture.supplyAsync(() -> "done");
        String result = thread.call(() -> thread.back(fromAWorker).map(v -> {
            thread.check();
            return v;
        })).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(result).isEqualTo("done");
        Promise<String> completedElsewhere = Promise.promise();
        Future<String> back = thread.call(() -> thread.back(completedElsewhere.future()).map(v -> {
            thread.check();
            return v;
        }));
        new Thread(() -> completedElsewhere.complete("later")).start();
        assertThat(back.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo("later");
    }

    @Test
    void theEngineRunsOnAThreadOfItsOwnThatNoOtherContextIsGiven() throws Exception {
        String engine = thread.call(() -> Future.succeededFuture(Thread.currentThread().getName()))
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(engine).isEqualTo(VertxEngineThread.THREAD_NAME);
        // however many contexts others create (the HTTP server, live pages, metrics), none lands on the engine's thread
        for (int i = 0; i < 16; i++) {
            CompletableFuture<String> other = new CompletableFuture<>();
            vertx.getOrCreateContext().runOnContext(v -> other.complete(Thread.currentThread().getName()));
            assertThat(other.get(5, TimeUnit.SECONDS)).isNotEqualTo(VertxEngineThread.THREAD_NAME).startsWith("vert.x-eventloop");
        }
        // timers set on the engine fire there, and blocking work started there comes back there
        CompletableFuture<String> timer = new CompletableFuture<>();
        thread.run(() -> thread.timer(5, () -> timer.complete(Thread.currentThread().getName())));
        assertThat(timer.get(5, TimeUnit.SECONDS)).isEqualTo(VertxEngineThread.THREAD_NAME);
        String back = thread.call(() -> vertx.executeBlocking(() -> "worked").map(v -> {
            thread.check();
            return Thread.currentThread().getName();
        })).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(back).isEqualTo(VertxEngineThread.THREAD_NAME);
    }
}
