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
    private final String token;

    /** A client without a session: only sign-in, /health and /metrics answer it. */
    public Api(int port) {
        this("http://127.0.0.1:" + port, null);
    }

    private Api(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** Signs in; returns a client that sends the session's token. */
    public Api login(String username, String password) {
        Reply r = post("/api/login", new JsonObject().put("username", username).put("password", password));
        if (r.status() != 200) {
            throw new AssertionError("sign-in of " + username + " answered " + r.status() + ": " + r.body());
        }
        return new Api(base, r.json().getString("token"));
    }

    /** The same server, without a session. */
    public Api anonymous() {
        return new Api(base, null);
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

    public Reply patch(String path, JsonObject body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("content-type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body.encode())));
    }

    public Reply delete(String path, JsonObject body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("content-type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString(body.encode())));
    }

    public Reply postRaw(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("content-type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** POST of a file, streamed from disk (a large import), waiting up to {@code timeout} for the answer. */
    public Reply postFile(String path, String contentType, java.nio.file.Path file, Duration timeout) {
        try {
            return send(HttpRequest.newBuilder(URI.create(base + path)).header("content-type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofFile(file)), timeout);
        } catch (java.io.FileNotFoundException e) {
            throw new AssertionError("no file " + file, e);
        }
    }

    /** Any method, any headers, the body as bytes (null: none): for requests a user's script would get wrong. */
    public Reply raw(String method, String path, java.util.Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request);
    }

    /** POST that must answer with {@code status}; returns the JSON object. */
    public JsonObject expect(int status, String path, JsonObject body) {
        Reply r = post(path, body);
        if (r.status() != status) {
            throw new AssertionError("POST " + path + " answered " + r.status() + " (expected " + status + "): " + r.body());
        }
        return r.json();
    }

    /** Opens a server-sent-events stream (e.g. /api/live/agent); fails unless it answers 200. */
    public LiveStream stream(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("accept", "text/event-stream").GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<java.io.InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                String body = new String(response.body().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + body);
            }
            return new LiveStream(response.body());
        } catch (IOException e) {
            throw new AssertionError("HTTP call failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The status a stream's opening answers with (for access tests), without keeping it open. */
    public int streamStatus(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<java.io.InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return response.statusCode();
        } catch (IOException e) {
            throw new AssertionError("HTTP call failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A binary answer: its status, headers and bytes. */
    public record Bytes(int status, java.net.http.HttpHeaders headers, byte[] body) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    /** GET of a binary resource (a recording's audio) with {@code headers} (a Range, say). */
    public Bytes bytes(String path, java.util.Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET().timeout(Duration.ofSeconds(60));
        headers.forEach(request::header);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Bytes(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new AssertionError("HTTP call failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private Reply send(HttpRequest.Builder request) {
        return send(request, Duration.ofSeconds(60));
    }

    private Reply send(HttpRequest.Builder request, Duration timeout) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(timeout).build(),
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
