package dialer.core.http;

import dialer.core.db.Admission;
import dialer.core.db.Sql;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Work a full pool refuses is answered 429 with Retry-After, and an upload for a full import pool is
 * refused before its body is read. A real Vert.x HTTP server; no database (a refused task never
 * reaches one).
 */
class BusyAnswerTest {

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicInteger uploadsRead = new AtomicInteger();
    private Sql reports;
    private Sql imports;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        reports = new Sql(vertx, null, "test-report", 1, new Admission("reports", 1, 2));
        imports = new Sql(vertx, null, "test-import", 1, new Admission("imports", 1, 30));
        reports.admission().enter();
        imports.admission().enter();
        Router router = Router.router(vertx);
        router.get("/report").handler(ctx -> Responses.reply(ctx, 200, reports.tx(c -> "never run")));
        router.post("/import").handler(ctx -> {
            Uploads.refuseIfBusy(imports);
            ctx.request().body().onSuccess(b -> uploadsRead.incrementAndGet());
            Responses.reply(ctx, 200, imports.tx(c -> "never run"));
        });
        router.route().failureHandler(ctx -> Responses.error(ctx, ctx.failure()));
        server = vertx.createHttpServer().requestHandler(router).listen(0).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aFullPoolAnswers429WithRetryAfter() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/report")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(r.body()).contains("busy with reports");
        reports.admission().leave();
        assertThat(reports.admission().full()).isFalse();
    }

    @Test
    void anUploadForAFullImportPoolIsRefusedBeforeItsBodyIsRead() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/import"))
                .POST(HttpRequest.BodyPublishers.ofString("id,name\n1,a\n")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(uploadsRead).hasValue(0);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.actualPort() + path);
    }
}
