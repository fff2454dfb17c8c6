package dialer.core.http;

import io.vertx.core.http.HttpServerResponse;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A CSV answer written from a worker thread while a database cursor gives its rows: lines are
 * gathered into chunks of {@link #CHUNK} characters and each chunk is written as it fills, waiting
 * (the worker, never the event loop) while the client reads slower than the database gives. Nothing
 * is sent before the first chunk, so a query that fails at once is still answered with a JSON error;
 * one that fails later resets the connection, so a cut file never looks whole.
 */
final class StreamedCsv {

    static final int CHUNK = 32 * 1024;
    /** A client that reads nothing for this long is given up (its worker is needed). */
    private static final long STALL_SECONDS = 60;

    /** The client went away, or stopped reading. */
    static final class ClientGone extends RuntimeException {
        ClientGone(String why) {
            super(why);
        }
    }

    private final HttpServerResponse response;
    private final String filename;
    private final StringBuilder pending = new StringBuilder(CHUNK + 1024);
    private final Semaphore drained = new Semaphore(0);
    private volatile boolean gone;
    private boolean started;
    private long chunks;

    StreamedCsv(HttpServerResponse response, String filename) {
        this.response = response;
        this.filename = filename;
    }

    void line(String line) {
        pending.append(line);
        if (pending.length() >= CHUNK) {
            flush();
        }
    }

    /** Chunks written so far. */
    long chunks() {
        return chunks;
    }

    /** Writes what is left and ends the answer. */
    void finish() {
        flush();
        response.end();
    }

    private void flush() {
        if (!started) {
            started = true;
            response.setStatusCode(200).setChunked(true).putHeader("content-type", "text/csv; charset=utf-8")
                    .putHeader("content-disposition", "attachment; filename=\"" + filename + "\"");
            response.drainHandler(v -> drained.release());
            response.closeHandler(v -> {
                gone = true;
                drained.release();
            });
        }
        long waitedFrom = System.nanoTime();
        while (response.writeQueueFull()) {
            if (gone || response.closed()) {
                throw new ClientGone("the client closed the connection");
            }
            try {
                drained.tryAcquire(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClientGone("interrupted while the client read");
            }
            if (System.nanoTime() - waitedFrom > TimeUnit.SECONDS.toNanos(STALL_SECONDS)) {
                throw new ClientGone("the client read nothing for " + STALL_SECONDS + " s");
            }
        }
        if (gone || response.closed()) {
            throw new ClientGone("the client closed the connection");
        }
        if (!pending.isEmpty()) {
            response.write(pending.toString());
            pending.setLength(0);
            chunks++;
        }
    }
}
