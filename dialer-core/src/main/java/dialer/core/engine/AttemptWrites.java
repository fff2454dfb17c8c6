package dialer.core.engine;

import dialer.core.Conflict;
import dialer.core.Invalid;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Each live call's database writes, chained so they land in the order they happened. A write the
 * database cannot take now (unreachable) is retried, in order, until it can: nothing a call did is
 * lost to an outage. Any other failure is logged and counted, and the chain goes on. Owned by the
 * engine thread.
 */
final class AttemptWrites {

    static final long[] RETRY_MILLIS = {250, 500, 1_000, 2_000, 5_000};

    /** One attempt's chain of writes. */
    static final class Chain {
        final long attemptId;
        private Future<Void> tail = Future.succeededFuture();

        Chain(long attemptId) {
            this.attemptId = attemptId;
        }

        /** Completes once every write queued so far has landed (or was given up). */
        Future<Void> settled() {
            return tail;
        }
    }

    private final EngineThread thread;
    private final RecordingHealth health;
    /** Engine thread: the chains of attempts that still have writes pending (their call may have ended). */
    private final Map<Long, Chain> unsettled = new HashMap<>();

    AttemptWrites(EngineThread thread, RecordingHealth health) {
        this.thread = thread;
        this.health = health;
    }

    /** Queues {@code write} after the attempt's earlier writes; completes with its result on the engine thread. */
    <T> Future<T> then(Chain chain, String what, Supplier<Future<T>> write) {
        thread.check();
        Future<T> result = chain.tail.compose(v -> tryWrite(chain.attemptId, what, write, 0));
        Future<Void> tail = result.<Void>mapEmpty().otherwiseEmpty();
        chain.tail = tail;
        unsettled.put(chain.attemptId, chain);
        tail.onComplete(v -> {
            if (chain.tail == tail) {
                unsettled.remove(chain.attemptId, chain);
            }
        });
        return result;
    }

    /**
     * A write about an attempt from outside its call (the agent's disposition), tried once after the
     * call's own writes still pending, so it never overtakes them (a disposition before the
     * connection it needs). A database that cannot be reached fails it: see {@link #kept}.
     */
    <T> Future<T> afterTheCall(long attemptId, Supplier<Future<T>> write) {
        thread.check();
        Chain chain = unsettled.get(attemptId);
        return chain == null ? write.get() : chain.settled().compose(v -> write.get());
    }

    /**
     * A write the database cannot take now, kept and retried after the attempt's other writes until
     * it lands (the agent's disposition during an outage); completes with its result then.
     */
    <T> Future<T> kept(long attemptId, String what, Supplier<Future<T>> write) {
        thread.check();
        return then(unsettled.computeIfAbsent(attemptId, Chain::new), what, write);
    }

    /** A write of no live call (its call ended already), retried the same way. */
    <T> Future<T> once(Long attemptId, String what, Supplier<Future<T>> write) {
        thread.check();
        return tryWrite(attemptId, what, write, 0);
    }

    /** A database step of no single chain failed (a claim, a periodic job): logged and counted the same way. */
    void failed(Long attemptId, String what, Throwable error) {
        if (!refused(error)) {
            health.failed(attemptId, what, error);
        }
    }

    private <T> Future<T> tryWrite(Long attemptId, String what, Supplier<Future<T>> write, int tries) {
        Promise<T> done = Promise.promise();
        write.get().onComplete(ar -> {
            if (ar.succeeded()) {
                health.succeeded();
                done.complete(ar.result());
                return;
            }
            if (refused(ar.cause())) {
                // the database said no on purpose (e.g. the agent's disposition got there first): nothing was lost
                done.fail(ar.cause());
                return;
            }
            health.failed(attemptId, what, ar.cause());
            if (RecordingHealth.databaseUnreachable(ar.cause())) {
                long delay = RETRY_MILLIS[Math.min(tries, RETRY_MILLIS.length - 1)];
                thread.timer(delay, () -> tryWrite(attemptId, what, write, tries + 1).onComplete(done));
            } else {
                done.fail(ar.cause());
            }
        });
        return done.future();
    }

    /** A refusal by the rules of the data (the state forbids it, a value is wrong), not a failure to write. */
    static boolean refused(Throwable error) {
        return error instanceof Conflict || error instanceof Invalid;
    }
}
