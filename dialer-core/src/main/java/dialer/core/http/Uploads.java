package dialer.core.http;

import dialer.core.Invalid;
import dialer.core.lead.ColumnMapping;
import dialer.core.lead.ImportFormat;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.nio.file.Path;
import java.util.function.Function;

/** File uploads: the request body streams to a temporary file (never whole in memory), then is processed and deleted. */
final class Uploads {

    private Uploads() {
    }

    /** Streams the body to a temporary file, runs {@code process} on it, deletes the file. */
    static <T> Future<T> withBodyFile(Vertx vertx, RoutingContext ctx, Function<Path, Future<T>> process) {
        HttpServerRequest request = ctx.request();
        String encoding = request.getHeader("content-encoding");
        if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
            return Future.failedFuture(Invalid.of("Content-Encoding", "'" + dialer.core.Masked.excerpt(encoding.trim())
                    + "' is not supported: send the file uncompressed"));
        }
        request.pause();
        var fs = vertx.fileSystem();
        return fs.createTempFile("upload-", ".data").compose(path -> fs.open(path, new OpenOptions().setWrite(true)
                        .setTruncateExisting(true))
                .compose(file -> {
                    request.resume();
                    return request.pipeTo(file);
                })
                .compose(v -> process.apply(Path.of(path)))
                .onComplete(ar -> fs.delete(path)));
    }

    /**
     * Refuses an upload (429 with Retry-After) before its body is read when the pool that would
     * process it has all the work it takes.
     */
    static void refuseIfBusy(dialer.core.db.Sql pool) {
        if (pool.admission().full()) {
            throw pool.admission().refusal();
        }
    }

    /** The format from the Content-Type: application/json is JSON, anything else CSV. */
    static ImportFormat format(RoutingContext ctx) {
        String type = ctx.request().getHeader("content-type");
        return type != null && type.toLowerCase().startsWith("application/json") ? ImportFormat.JSON : ImportFormat.CSV;
    }

    /** A one-off column mapping from the {@code mapping} query parameter (JSON), if any. */
    static ColumnMapping mapping(RoutingContext ctx) {
        String text = ctx.request().getParam("mapping");
        if (text == null || text.isBlank()) {
            return ColumnMapping.NONE;
        }
        try {
            return ColumnMapping.fromJson(new JsonObject(text));
        } catch (DecodeException e) {
            throw Invalid.of("mapping", "must be a JSON object of header names and fields");
        }
    }
}
