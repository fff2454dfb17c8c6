package dialer.core.live;

import dialer.core.auth.User;
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
    /** The stream's user with the grants last read (refreshed by {@link LiveHub}). */
    volatile User user;
    /** What the stream shows: an agent's console ({@code watchedId} an agent) or a campaign's dashboard. */
    volatile boolean watchesAgent;
    volatile long watchedId;
    private volatile boolean closed;

    private EventStream(HttpServerResponse response, String sessionToken, User user) {
        this.response = response;
        this.sessionToken = sessionToken;
        this.user = user;
    }

    public static EventStream open(HttpServerResponse response, String sessionToken, User user, Runnable onClose) {
        EventStream stream = new EventStream(response, sessionToken, user);
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
        end(new JsonObject().put("reason", why));
    }

    /** Ends the stream because its user may no longer see what it shows (the session goes on). */
    public void refuse(String why) {
        end(new JsonObject().put("reason", why).put("refused", true));
    }

    private void end(JsonObject message) {
        if (closed) {
            return;
        }
        send("end", message);
        closed = true;
        response.end();
    }
}
