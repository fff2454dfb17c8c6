package dialer.core;

import dialer.core.auth.LoginLimiter;
import dialer.core.testing.Api;
import dialer.core.testing.LiveStream;
import dialer.core.testing.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Access on the real server: live streams that end when their user loses what they watch, the
 * sign-in limiter per (user name, address) over HTTP, CSRF on cookie writes, and the headers of
 * every /api answer.
 */
class AccessIT {

    private static final Duration SOON = Duration.ofSeconds(10);
    private static TestServer server;
    private static Api admin;
    private static int port;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        server = TestServer.start();
        admin = server.api();
        port = server.server().port();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static long campaign() {
        return admin.expect(201, "/api/campaigns", new JsonObject().put("name", "Access " + System.nanoTime())
                .put("dialMode", "PROGRESSIVE").put("simulatedCallees", true).put("ringTimeoutSeconds", 10)).getLong("id");
    }

    private static long userId(String username) {
        return admin.get("/api/users").array().stream().map(o -> (JsonObject) o)
                .filter(u -> username.equals(u.getString("username"))).findFirst().orElseThrow().getLong("id");
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    // --- live streams -------------------------------------------------------------------------

    @Test
    void aDashboardEndsWithinASecondOfItsSupervisorLosingTheCampaign() {
        long campaignId = campaign();
        String name = "lose" + campaignId;
        Api supervisor = server.user(name, "SUPERVISOR", null, List.of(campaignId));
        try (LiveStream dashboard = supervisor.stream("/api/live/campaigns/" + campaignId)) {
            dashboard.await("the first dashboard", SOON, v -> v.containsKey("campaign"));
            assertThat(admin.patch("/api/users/" + userId(name), new JsonObject().put("campaigns", new io.vertx.core.json.JsonArray())).status()).isEqualTo(200);
            long changed = System.nanoTime();
            LiveStream.Event end = dashboard.await("the stream's end", SOON, v -> v.containsKey("reason"));
            long millis = (end.arrivedNanos() - changed) / 1_000_000;
            System.out.println("dashboard ended " + millis + " ms after the supervisor lost the campaign: " + end.data().encode());
            assertThat(end.name()).isEqualTo("end");
            assertThat(end.data().getBoolean("refused")).isTrue();
            assertThat(millis).isLessThan(1500);
        }
        assertThat(supervisor.streamStatus("/api/live/campaigns/" + campaignId)).isEqualTo(403);
    }

    @Test
    void aSupervisorStopsSeeingAnAgentWhoMovesToACampaignTheyDoNotSupervise() {
        long mine = campaign();
        long other = campaign();
        String extension = String.valueOf(ThreadLocalRandom.current().nextInt(10_000, 99_999));
        long agentId = admin.expect(201, "/api/agents", new JsonObject().put("name", "Agent " + extension)
                .put("extension", extension).put("phone", "Local/{extension}@sim-agent-phone")).getLong("id");
        Api agent = server.user("mover" + extension, "AGENT", agentId, List.of());
        Api supervisor = server.user("watcher" + extension, "SUPERVISOR", null, List.of(mine));
        try (LiveStream console = agent.stream("/api/live/agent")) {
            agent.expect(200, "/api/agents/" + agentId + "/login", new JsonObject().put("campaignId", mine));
            console.await("the agent in session", Duration.ofSeconds(20), v -> "PAUSED".equals(v.getString("state")));
            try (LiveStream watched = supervisor.stream("/api/live/agents/" + agentId)) {
                watched.await("the agent's console, as the supervisor sees it", SOON,
                        v -> Long.valueOf(mine).equals(v.getLong("campaignId")));
                agent.expect(200, "/api/agents/" + agentId + "/logout", null);
                console.await("logged out", SOON, v -> "LOGGED_OUT".equals(v.getString("state")));
                agent.expect(200, "/api/agents/" + agentId + "/login", new JsonObject().put("campaignId", other));
                long moved = System.nanoTime();
                List<JsonObject> seen = new ArrayList<>();
                LiveStream.Event end = watched.await("the stream's end", Duration.ofSeconds(20), v -> {
                    seen.add(v);
                    return v.containsKey("reason");
                });
                System.out.println("agent view ended " + (end.arrivedNanos() - moved) / 1_000_000 + " ms after the move: "
                        + end.data().encode());
                assertThat(end.data().getBoolean("refused")).isTrue();
                assertThat(seen).as("no view of the agent in the other campaign reached the supervisor")
                        .noneMatch(v -> Long.valueOf(other).equals(v.getLong("campaignId")));
                // the agent's own console goes on
                console.await("the agent in the other campaign", Duration.ofSeconds(20),
                        v -> Long.valueOf(other).equals(v.getLong("campaignId")));
            }
            assertThat(supervisor.streamStatus("/api/live/agents/" + agentId)).isEqualTo(403);
            agent.expect(200, "/api/agents/" + agentId + "/logout", null);
        }
    }

    @Test
    void signingOutEndsTheSessionsStreams() {
        long campaignId = campaign();
        Api supervisor = server.user("leaver" + campaignId, "SUPERVISOR", null, List.of(campaignId));
        try (LiveStream dashboard = supervisor.stream("/api/live/campaigns/" + campaignId)) {
            dashboard.await("the first dashboard", SOON, v -> v.containsKey("campaign"));
            supervisor.expect(200, "/api/logout", null);
            LiveStream.Event end = dashboard.await("the stream's end", Duration.ofSeconds(3), v -> v.containsKey("reason"));
            assertThat(end.data().containsKey("refused")).isFalse();
        }
    }

    // --- sign-in limiter ----------------------------------------------------------------------

    /** POST /api/login from a given local address (127.0.0.0/8 is all this machine). */
    private static int loginFrom(String localAddress, String username, String password) throws Exception {
        byte[] body = new JsonObject().put("username", username).put("password", password).encode().getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/login HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Integer.parseInt(response.substring(9, 12));
        }
    }

    @Test
    void fortyParallelGuessesLockOnlyTheirPairAndAnAdministratorLiftsIt() throws Exception {
        String name = "locked" + ThreadLocalRandom.current().nextInt(1000, 9999);
        server.user(name, "SUPERVISOR", null, List.of());
        String password = name + "-password";
        ExecutorService pool = Executors.newFixedThreadPool(40);
        List<Integer> statuses = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> replies = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                replies.add(pool.submit(() -> {
                    go.await();
                    return loginFrom("127.0.0.1", name, "wrong-guess-" + n);
                }));
            }
            go.countDown();
            for (Future<Integer> r : replies) {
                statuses.add(r.get());
            }
        } finally {
            pool.shutdownNow();
        }
        long checked = statuses.stream().filter(s -> s == 401).count();
        long refused = statuses.stream().filter(s -> s == 429).count();
        System.out.println("40 parallel guesses: " + checked + " checked (401), " + refused + " refused (429)");
        assertThat(checked).isLessThanOrEqualTo(LoginLimiter.FREE_GUESSES);
        assertThat(checked + refused).isEqualTo(40);

        // the right password from the same address waits too; from another address it is not slowed
        assertThat(loginFrom("127.0.0.1", name, password)).isEqualTo(429);
        assertThat(loginFrom("127.0.0.2", name, password)).isEqualTo(200);
        assertThat(loginFrom("127.0.0.1", name, password)).as("a success elsewhere does not lift this pair").isEqualTo(429);

        // the 429 says how long
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/login"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", name).put("password", password).encode())));
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
        assertThat(new JsonObject(r.body()).getInteger("retryAfterSeconds")).isBetween(1, 60);

        // only an administrator lifts it
        long id = userId(name);
        HttpResponse<String> lifted = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/users/" + id + "/lockout"))
                .header("Authorization", "Bearer " + adminToken()).DELETE());
        assertThat(lifted.statusCode()).as(lifted.body()).isEqualTo(200);
        assertThat(new JsonObject(lifted.body()).getInteger("pairsCleared")).isGreaterThanOrEqualTo(1);
        assertThat(loginFrom("127.0.0.1", name, password)).isEqualTo(200);
        assertThat(admin.get("/api/audit").body()).contains("cleared the sign-in lockout of user " + id);
    }

    private static String adminToken() {
        return admin.expect(200, "/api/login", new JsonObject().put("username", "admin").put("password", TestServer.ADMIN_PASSWORD))
                .getString("token");
    }

    // --- CSRF and headers ---------------------------------------------------------------------

    private static HttpResponse<String> cookieWrite(String token, String origin, String referer, String username) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/users"))
                .header("content-type", "application/json").header("Cookie", "dialer_session=" + token)
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", username).put("displayName", username)
                        .put("password", username + "-password").put("role", "SUPERVISOR").encode()));
        if (origin != null) {
            b.header("Origin", origin);
        }
        if (referer != null) {
            b.header("Referer", referer);
        }
        return send(b);
    }

    @Test
    void cookieWritesMustComeFromTheDialersOwnPages() throws Exception {
        String token = adminToken();
        String n = String.valueOf(ThreadLocalRandom.current().nextInt(1000, 9999));
        String self = "http://127.0.0.1:" + port;

        HttpResponse<String> none = cookieWrite(token, null, null, "csrf-a" + n);
        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(none.body()).getString("error")).contains("Origin");
        HttpResponse<String> evil = cookieWrite(token, "http://evil.example", null, "csrf-b" + n);
        assertThat(evil.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(evil.body()).getString("error")).contains("http://evil.example");
        assertThat(cookieWrite(token, "http://127.0.0.1:1", null, "csrf-c" + n).statusCode()).isEqualTo(403);
        assertThat(cookieWrite(token, null, "http://evil.example/" + self, "csrf-d" + n).statusCode()).isEqualTo(403);
        assertThat(admin.get("/api/users").body()).doesNotContain("csrf-a" + n, "csrf-b" + n, "csrf-c" + n, "csrf-d" + n);

        assertThat(cookieWrite(token, self, null, "csrf-e" + n).statusCode()).isEqualTo(201);
        assertThat(cookieWrite(token, null, self + "/supervisor?campaign=1", "csrf-f" + n).statusCode()).isEqualTo(201);
        // scripts with a bearer token send no Origin
        admin.expect(201, "/api/users", new JsonObject().put("username", "csrf-g" + n).put("displayName", "g")
                .put("password", "csrf-g-password").put("role", "SUPERVISOR"));
        // reads by cookie need no Origin
        HttpResponse<String> read = send(HttpRequest.newBuilder(URI.create(self + "/api/me")).header("Cookie", "dialer_session=" + token).GET());
        assertThat(read.statusCode()).isEqualTo(200);
    }

    @Test
    void everyApiAnswerIsNeitherSniffedNorCached() throws Exception {
        String self = "http://127.0.0.1:" + port;
        String token = adminToken();
        long campaignId = campaign();
        List<HttpRequest.Builder> requests = List.of(
                HttpRequest.newBuilder(URI.create(self + "/api/me")).header("Authorization", "Bearer " + token).GET(),
                HttpRequest.newBuilder(URI.create(self + "/api/me")).GET(),
                HttpRequest.newBuilder(URI.create(self + "/api/campaigns/999999")).header("Authorization", "Bearer " + token).GET(),
                HttpRequest.newBuilder(URI.create(self + "/api/reports/recovery.csv")).header("Authorization", "Bearer " + token).GET(),
                HttpRequest.newBuilder(URI.create(self + "/api/login")).header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"nobody-here\",\"password\":\"x\"}")));
        for (HttpRequest.Builder b : requests) {
            HttpResponse<String> r = send(b);
            String what = r.request().method() + " " + r.request().uri() + " (" + r.statusCode() + ")";
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(what).contains("nosniff");
            assertThat(r.headers().firstValue("Cache-Control")).as(what).contains("no-store");
        }
        HttpResponse<InputStream> live = HTTP.send(HttpRequest.newBuilder(URI.create(self + "/api/live/campaigns/" + campaignId))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try {
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(live.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(live.headers().firstValue("Cache-Control")).contains("no-store");
        } finally {
            live.body().close();
        }
    }
}
