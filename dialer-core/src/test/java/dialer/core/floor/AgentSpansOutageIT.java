package dialer.core.floor;

import dialer.core.engine.DialerEngine;
import dialer.core.testing.Api;
import dialer.core.testing.Await;
import dialer.core.testing.TestServer;
import dialer.postgres.EmbeddedPostgres;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL killed (kill -9) while an agent pauses and resumes five times through the real server
 * and Asterisk: the engine answers each change at once, and once the database is back every state
 * span is written, in order, with no gap or overlap between them.
 */
class AgentSpansOutageIT {

    private static TestServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.api();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void changesDuringAnOutageAreWrittenOnceTheDatabaseIsBack() throws Exception {
        long campaignId = api.expect(201, "/api/campaigns", new JsonObject().put("name", "Span outage " + System.nanoTime())
                .put("dialMode", "PROGRESSIVE").put("simulatedCallees", true)).getLong("id");
        String extension = String.valueOf(ThreadLocalRandom.current().nextInt(10_000, 99_999));
        long agent = api.expect(201, "/api/agents", new JsonObject().put("name", "Outage Agent").put("extension", extension)
                .put("phone", "Local/{extension}@sim-agent-phone")).getLong("id");
        api.expect(200, "/api/agents/" + agent + "/login", new JsonObject().put("campaignId", campaignId).put("ready", true));
        Await.until("the ready span written", Duration.ofSeconds(20), () -> count("select count(*) from agent_state_span where agent_id = "
                + agent + " and state = 'READY' and ended_at is null"), n -> n == 1);

        EmbeddedPostgres pg = server.postgres();
        kill(pg);
        DialerEngine engine = server.server().engine();
        long slowest = 0;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            engine.pause(agent, "outage-" + i).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            Thread.sleep(300);
            engine.ready(agent).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            slowest = Math.max(slowest, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) - 300);
            Thread.sleep(300);
        }
        assertThat(slowest).as("the engine's answers while the spans cannot be written (ms)").isLessThan(500);
        Thread.sleep(2000);
        EmbeddedPostgres.start(pg.dataDir(), pg.port(), "dialer");

        Await.until("the outage's spans written", Duration.ofSeconds(60), () -> count("select count(*) from agent_state_span where agent_id = "
                + agent + " and pause_reason like 'outage-%'"), n -> n == 5);
        api.expect(200, "/api/agents/" + agent + "/logout", null);
        Await.until("every span ended", Duration.ofSeconds(20), () -> count("select count(*) from agent_state_span where agent_id = "
                + agent + " and ended_at is null"), n -> n == 0);

        List<Instant[]> spans = new ArrayList<>();
        List<String> states = new ArrayList<>();
        try (Connection c = server.server().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select state, coalesce(pause_reason, ''), started_at, ended_at from agent_state_span "
                     + "where agent_id = " + agent + " order by started_at, id")) {
            while (rs.next()) {
                states.add(rs.getString(1) + (rs.getString(2).isEmpty() ? "" : ":" + rs.getString(2)));
                spans.add(new Instant[] {instant(rs.getTimestamp(3)), instant(rs.getTimestamp(4))});
            }
        }
        assertThat(states).containsSubsequence("READY", "PAUSED:outage-0", "READY", "PAUSED:outage-1", "READY", "PAUSED:outage-2",
                "READY", "PAUSED:outage-3", "READY", "PAUSED:outage-4", "READY");
        for (int i = 0; i + 1 < spans.size(); i++) {
            assertThat(spans.get(i)[1]).as("span " + i + " ends where the next starts").isEqualTo(spans.get(i + 1)[0]);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static long count(String query) {
        try (Connection c = server.server().dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }

    private static void kill(EmbeddedPostgres pg) throws Exception {
        long pid = Long.parseLong(Files.readAllLines(pg.dataDir().resolve("postmaster.pid")).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
        all.add(postmaster);
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            p.onExit().get();
        }
    }
}
