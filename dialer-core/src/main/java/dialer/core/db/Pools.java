package dialer.core.db;

import io.vertx.core.Vertx;

/**
 * The server's database work, each kind on workers of its own so that none waits in another's
 * queue: the engine's ledgers (on connections of their own, never refused), API requests, live
 * views, imports and reports. Heavy work is bounded: past its limit a request is answered 429 with
 * Retry-After rather than queued.
 *
 * @param engine  the engine's ledgers: attempts, reservations, claims (connections of their own)
 * @param api     API reads and writes
 * @param live    the live pages' views and the metrics' gauges (coalesced: one build per view at a time)
 * @param imports lists and payments files: one at a time, one more waiting
 * @param reports reports and CSV exports
 */
public record Pools(Sql engine, Sql api, Sql live, Sql imports, Sql reports) {

    /** API requests running or waiting at once before more are refused. */
    public static final int API_LIMIT = 200;
    /** Imports running or waiting (their uploads included) before more are refused. */
    public static final int IMPORT_LIMIT = 2;
    /** Reports and exports running or waiting before more are refused. */
    public static final int REPORT_LIMIT = 16;

    public static Pools open(Vertx vertx, Database database) {
        return new Pools(
                new Sql(vertx, database.engineDataSource(), "dialer-engine-db", Database.ENGINE_CONNECTIONS,
                        Admission.unlimited("the engine's writes")),
                new Sql(vertx, database.dataSource(), "dialer-db", 8, new Admission("API requests", API_LIMIT, 1)),
                new Sql(vertx, database.dataSource(), "dialer-live-db", 2, Admission.unlimited("live views")),
                new Sql(vertx, database.dataSource(), "dialer-import", 1, new Admission("imports", IMPORT_LIMIT, 30),
                        java.time.Duration.ofMinutes(30)),
                new Sql(vertx, database.dataSource(), "dialer-report", 2, new Admission("reports", REPORT_LIMIT, 2)));
    }

    public void close() {
        engine.close();
        api.close();
        live.close();
        imports.close();
        reports.close();
    }
}
