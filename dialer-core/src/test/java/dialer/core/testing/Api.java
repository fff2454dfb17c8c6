package dialer.core.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client for the dialer's API, as a user's script would call it. */
public final class Api {

    /** A response: status and body. */
    public record Reply(int status, String body) {
        public JsonObject json() {
            return new JsonObject(body);
        }

        public JsonArray array() {
            return new JsonArray(body);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public String base() {
        return base;
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Reply post(String path, JsonObject body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body.encode())));
    }

    public Reply put(String path, JsonObject body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.encode())));
    }

    public Reply delete(String path, JsonObject body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("content-type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString(body.encode())));
    }

    public Reply postRaw(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("content-type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** POST that must answer with {@code status}; returns the JSON object. */
    public JsonObject expect(int status, String path, JsonObject body) {
        Reply r = post(path, body);
        if (r.status() != status) {
            throw new AssertionError("POST " + path + " answered " + r.status() + " (expected " + status + "): " + r.body());
        }
        return r.json();
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new AssertionError("HTTP call failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
