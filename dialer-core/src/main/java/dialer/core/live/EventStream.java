package dialer.core.live;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * One open server-sent-events stream to a browser page. Every message carries the whole current
 * view, so a message dropped for a slow reader is made good by the next one.
 */
public final class EventStream {

    private final HttpServerResponse response;
    /** The session the stream was opened with: checked again while it is open. */
    final String sessionToken;
    private volatile boolean closed;

    private EventStream(HttpServerResponse response, String sessionToken) {
        this.response = response;
        this.sessionToken = sessionToken;
    }

    public static EventStream open(HttpServerResponse response, String sessionToken, Runnable onClose) {
        EventStream stream = new EventStream(response, sessionToken);
        response.setChunked(true)
                .putHeader("content-type", "text/event-stream; charset=utf-8")
                .putHeader("cache-control", "no-store")
                .putHeader("x-content-type-options", "nosniff")
                .putHeader("x-accel-buffering", "no");
        response.closeHandler(v -> {
            stream.closed = true;
            onClose.run();
        });
        // tells the browser how soon to reconnect if the stream breaks
        response.write("retry: 2000\n\n");
        return stream;
    }

    public boolean isClosed() {
        return closed;
    }

    public void send(String event, JsonObject data) {
        if (closed || response.writeQueueFull()) {
            return;
        }
        response.write("event: " + event + "\ndata: " + data.encode() + "\n\n");
    }

    /** A comment line: keeps proxies from closing a quiet stream. */
    public void ping() {
        if (!closed) {
            response.write(": ping\n\n");
        }
    }

    /** Ends the stream with a last message saying why (e.g. the session ended). */
    public void close(String why) {
        if (closed) {
            return;
        }
        send("end", new JsonObject().put("reason", why));
        closed = true;
        response.end();
    }
}
