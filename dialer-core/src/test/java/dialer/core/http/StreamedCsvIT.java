package dialer.core.http;

import dialer.core.db.Admission;
import dialer.core.db.Sql;
import dialer.postgres.EmbeddedPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The floor reports' CSV answer is streamed: rows go to the client as the database cursor gives
 * them. A query whose last row takes 3 s (pg_sleep at that row, evaluated when the cursor reaches
 * it) is answered with its first bytes long before the query ends; the same query read without a
 * cursor (fetch size 0: the driver reads every row before returning) sends nothing until it ends,
 * which shows the measurement tells the two apart. A client that goes away stops the query.
 * Real PostgreSQL, no Asterisk.
 */
class StreamedCsvIT {

    private static final int ROWS = 100_000;
    private static final String SLOW_END = """
            select i, md5(i::text), case when i = ? then pg_sleep(3) end from generate_series(1, ?) i""";

    private static EmbeddedPostgres pg;
    private static com.zaxxer.hikari.HikariDataSource ds;
    private static Vertx vertx;
    private static HttpServer http;
    private static final CompletableFuture<Throwable> lastFailure = new CompletableFuture<>();

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.startThrowaway("dialer");
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setJdbcUrl(pg.jdbcUrl("dialer"));
        config.setUsername(pg.user());
        config.setMaximumPoolSize(2);
        ds = new com.zaxxer.hikari.HikariDataSource(config);
        vertx = Vertx.vertx();
        Sql sql = new Sql(vertx, ds, "stream-test", 2, Admission.unlimited("test"));
        Router router = Router.router(vertx);
        router.get("/csv/:fetch").handler(ctx -> {
            int fetch = Integer.parseInt(ctx.pathParam("fetch"));
            StreamedCsv out = new StreamedCsv(ctx.response(), "rows.csv");
            sql.tx(c -> {
                out.line("i,hash\n");
                try (PreparedStatement ps = c.prepareStatement(SLOW_END)) {
                    ps.setFetchSize(fetch);
                    ps.setInt(1, ROWS);
                    ps.setInt(2, ROWS);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.line(rs.getInt(1) + "," + rs.getString(2) + "\n");
                        }
                    }
                }
                out.finish();
                return null;
            }).onFailure(e -> {
                lastFailure.complete(e);
                if (!ctx.response().headWritten()) {
                    ctx.response().setStatusCode(500).end();
                } else {
                    ctx.response().reset();
                }
            });
        });
        http = vertx.createHttpServer().requestHandler(router).listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        if (vertx != null) {
            vertx.close();
        }
        if (ds != null) {
            ds.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    /** Millis to the first byte and to the end, and the lines read. */
    private record Timing(long firstByteMillis, long endMillis, long lines) {
    }

    private static Timing read(int fetch) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long start = System.nanoTime();
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + http.actualPort()
                + "/csv/" + fetch)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        long first = -1;
        long lines = 0;
        byte[] buffer = new byte[8192];
        try (InputStream in = response.body()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (first < 0) {
                    first = System.nanoTime();
                }
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        long end = System.nanoTime();
        return new Timing(TimeUnit.NANOSECONDS.toMillis(first - start), TimeUnit.NANOSECONDS.toMillis(end - start), lines);
    }

    @Test
    void theFirstRowsReachTheClientBeforeTheQueryEnds() throws Exception {
        Timing cursor = read(500);
        Timing whole = read(0);
        System.out.printf("streamed CSV of %d rows: cursor first byte %d ms, end %d ms; without a cursor first byte %d ms, end %d ms%n",
                ROWS, cursor.firstByteMillis(), cursor.endMillis(), whole.firstByteMillis(), whole.endMillis());
        assertThat(cursor.lines()).isEqualTo(ROWS + 1);
        assertThat(whole.lines()).isEqualTo(ROWS + 1);
        assertThat(cursor.endMillis()).isGreaterThanOrEqualTo(3000);
        assertThat(cursor.firstByteMillis()).as("first bytes while the query still runs").isLessThan(cursor.endMillis() - 2000);
        assertThat(whole.firstByteMillis()).as("without a cursor nothing comes before the last row").isGreaterThanOrEqualTo(3000);
    }

    @Test
    void aClientThatGoesAwayStopsTheQuery() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + http.actualPort()
                + "/csv/500")).build(), HttpResponse.BodyHandlers.ofInputStream());
        InputStream in = response.body();
        assertThat(in.read(new byte[1024])).isPositive();
        in.close();
        Throwable failure = lastFailure.get(20, TimeUnit.SECONDS);
        assertThat(failure).isInstanceOf(StreamedCsv.ClientGone.class);
    }
}
