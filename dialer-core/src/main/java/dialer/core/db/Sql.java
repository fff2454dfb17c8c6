package dialer.core.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs JDBC work off the event loop, each unit in one transaction, and hands the result back as
 * a Vert.x future (completed on the caller's context). Each kind of work has a pool of its own
 * (the engine's ledgers, API requests, live views, imports, reports) so that none waits behind
 * another's queue; a pool with an {@link Admission} limit refuses work beyond it with
 * {@link dialer.core.Busy} (HTTP 429 with Retry-After) instead of queueing it without end.
 */
public final class Sql {

    /** JDBC work inside one transaction (it may read files too, hence any exception). */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws Exception;
    }

    private final DataSource dataSource;
    private final WorkerExecutor workers;
    private final Admission admission;

    /** The API's pool: 12 workers named {@code dialer-db}, no limit on waiting work. */
    public Sql(Vertx vertx, DataSource dataSource) {
        this(vertx, dataSource, "dialer-db", 12, Admission.unlimited("database work"));
    }

    /**
     * @param name      the worker threads' name ({@code name-N})
     * @param threads   workers, hence at most this many connections taken from {@code dataSource} at once
     * @param admission how much work may run or wait at once; beyond it {@link #tx} fails with {@link dialer.core.Busy}
     */
    public Sql(Vertx vertx, DataSource dataSource, String name, int threads, Admission admission) {
        this(vertx, dataSource, name, threads, admission, java.time.Duration.ofSeconds(60));
    }

    /** The same, for work that may take longer than a minute (a million-row import) without Vert.x warning of a blocked thread. */
    public Sql(Vertx vertx, DataSource dataSource, String name, int threads, Admission admission, java.time.Duration longest) {
        this.dataSource = dataSource;
        this.workers = vertx.createSharedWorkerExecutor(name, threads, longest.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        this.admission = admission;
    }

    /** How much work this pool takes at once. */
    public Admission admission() {
        return admission;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Runs {@code work} in a transaction on a worker thread; commits, or rolls back on any error.
     * Fails at once with {@link dialer.core.Busy} when the pool has all the work it admits.
     */
    public <T> Future<T> tx(Work<T> work) {
        try {
            admission.enter();
        } catch (dialer.core.Busy busy) {
            return Future.failedFuture(busy);
        }
        return workers.executeBlocking(() -> {
            try {
                return inTransaction(dataSource, work);
            } finally {
                admission.leave();
            }
        }, false);
    }

    /** Connection-level failures (the server is down, restarting, or the pool timed out): worth retrying later. */
    public static boolean unreachable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransientException) {
                return true;
            }
            if (t instanceof SQLException e && e.getSQLState() != null
                    && (e.getSQLState().startsWith("08") || e.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The same, on the calling thread: for code that is already off the event loop. */
    public static <T> T inTransaction(DataSource dataSource, Work<T> work) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (Exception e) {
                rollbackQuietly(c, e);
                throw e;
            }
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    public void close() {
        workers.close();
    }
}
