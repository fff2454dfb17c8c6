package dialer.core.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs JDBC work off the event loop, each unit in one transaction, and hands the result back as
 * a Vert.x future (completed on the caller's context).
 */
public final class Sql {

    /** JDBC work inside one transaction (it may read files too, hence any exception). */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws Exception;
    }

    private final DataSource dataSource;
    private final WorkerExecutor workers;

    public Sql(Vertx vertx, DataSource dataSource) {
        this.dataSource = dataSource;
        this.workers = vertx.createSharedWorkerExecutor("dialer-db", 12);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Runs {@code work} in a transaction on a worker thread; commits, or rolls back on any error. */
    public <T> Future<T> tx(Work<T> work) {
        return workers.executeBlocking(() -> inTransaction(dataSource, work), false);
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
