package dialer.core.browser;

import dialer.ami.testing.AsteriskForTests;
import dialer.core.testing.Api;
import dialer.core.testing.Await;
import dialer.core.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The recording notice through the real server, Asterisk and PostgreSQL (no browser): a campaign
 * recording ALL calls with a notice (vm-intro, 5.7 s: long enough that a notice played before the
 * connection would show in the connect delay). Once the person is in the agent's conference, the
 * notice's channel joins it, plays, and leaves, while the person and the agent stay; the person's
 * connect delay is that of any call; the recording (the simulated person and agent are silent after
 * the greeting) has the notice in its first seconds and silence after it. Then ON_DEMAND: the agent's
 * Record button plays the notice too, and a person who hangs up during it takes it with them.
 * Conference membership is read with {@code confbridge list}.
 */
class RecordingNoticeIT {

    private static final String NOTICE = "vm-intro";
    /** vm-intro.gsm: 9339 bytes of GSM at 1650 bytes a second. */
    private static final double NOTICE_SECONDS = 5.66;
    private static final Duration SOON = Duration.ofSeconds(15);

    private static TestServer server;
    private static Api admin;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        admin = server.api();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theNoticeJoinsTheCallAfterTheConnectionAndLeavesWithoutDelayingIt() throws Exception {
        long campaignId = admin.expect(201, "/api/campaigns", new JsonObject().put("name", "Notice " + System.nanoTime())
                .put("dialMode", "PROGRESSIVE").put("simulatedCallees", true).put("ringTimeoutSeconds", 10)).getLong("id");
        String setting = "/api/campaigns/" + campaignId + "/recording";
        // bad notices are named; a good one is kept and shown
        for (Object bad : new Object[]{"../etc/passwd", "vm-intro.gsm", "/tmp/x", "beep,1", 7}) {
            Api.Reply reply = admin.put(setting, new JsonObject().put("mode", "ALL").put("noticePrompt", bad));
            assertThat(reply.status()).as(reply.body()).isEqualTo(400);
            assertThat(reply.body()).contains("noticePrompt").doesNotContain("\"mode\"");
        }
        assertThat(admin.get(setting).json().getValue("noticePrompt")).isNull();
        put(setting, new JsonObject().put("mode", "ALL").put("retentionDays", 30).put("noticePrompt", NOTICE));
        assertThat(admin.get(setting).json().getString("noticePrompt")).isEqualTo(NOTICE);
        assertThat(admin.get("/api/audit?limit=5").body()).contains("noticePrompt");

        String extension = String.valueOf(ThreadLocalRandom.current().nextInt(10_000, 99_999));
        long agentId = admin.expect(201, "/api/agents", new JsonObject().put("name", "Nora Notice").put("extension", extension)
                .put("phone", "Local/{extension}@sim-agent-phone")).getLong("id");
        Api agent = server.user("notice-agent", "AGENT", agentId, List.of());
        String agentPath = "/api/agents/" + agentId;
        agent.expect(200, agentPath + "/login", new JsonObject().put("campaignId", campaignId).put("ready", true));
        awaitState(agentId, "READY");
        // a person who answers after 1 s ring, says hello, then stays silent for 20 s (…00)
        lead(campaignId, "N-1", "+12125557100");
        admin.expect(200, "/api/campaigns/" + campaignId + "/start", null);
        long attemptId = awaitState(agentId, "ON_CALL").getLong("attemptId");

        // the notice joins the call's conference, with the person and the agent there, and leaves again
        Instant noticeSeen = Await.until("the notice in the call's conference", SOON, () -> {
            List<String> m = members(extension);
            return m.stream().anyMatch(RecordingNoticeIT::isNotice) ? Instant.now() : null;
        }, at -> at != null);
        List<String> during = members(extension);
        assertThat(during).as("the person, the agent's leg and the notice").hasSize(3);
        assertThat(during).anyMatch(c -> c.contains("@sim-carrier")).anyMatch(c -> c.startsWith("Local/" + extension + "@sim-agent-phone"));
        Instant noticeGone = Await.until("the notice gone from the conference", SOON, () -> {
            List<String> m = members(extension);
            return m.stream().noneMatch(RecordingNoticeIT::isNotice) ? Instant.now() : null;
        }, at -> at != null);
        double inConference = Duration.between(noticeSeen, noticeGone).toMillis() / 1000.0;
        System.out.printf("notice in the conference for about %.2f s%n", inConference);
        assertThat(inConference).as("it played (to the end: %s is %.2f s)", NOTICE, NOTICE_SECONDS).isGreaterThan(NOTICE_SECONDS - 1.5);
        assertThat(members(extension)).as("the person and the agent stay").hasSize(2);
        assertThat(session(agentId).getString("state")).as("the engine took the notice for nothing").isEqualTo("ON_CALL");
        Await.until("no notice channel left", SOON, RecordingNoticeIT::noNoticeChannels, gone -> gone);

        // the person's connection was not delayed by the notice
        Long connectMs;
        Instant connectedAt;
        try (Connection db = server.postgres().connect("dialer"); Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("select connect_ms, connected_at from call_attempt where id = " + attemptId)) {
            assertThat(rs.next()).isTrue();
            Integer ms = rs.getObject(1, Integer.class);
            connectMs = ms == null ? null : ms.longValue();
            connectedAt = rs.getTimestamp(2).toInstant();
        }
        System.out.printf("connect delay %d ms%n", connectMs);
        assertThat(connectMs).as("connect_ms").isNotNull().isLessThan(2_000L);

        Thread.sleep(4_000);
        Instant hungUpAt = server.clock().instant();
        agent.expect(200, agentPath + "/hangup", null);
        awaitState(agentId, "WRAP_UP");
        JsonObject ended = Await.until("the recording ended", SOON, () -> admin.get("/api/attempts/" + attemptId + "/recording").json(),
                j -> "ENDED".equals(j.getJsonObject("recording").getString("state")));
        JsonArray audit = ended.getJsonArray("audit");
        assertThat(audit.stream().map(o -> ((JsonObject) o).getString("action")).toList()).containsExactly("START", "NOTICE", "END");
        Instant startedAt = Instant.parse(ended.getJsonObject("recording").getString("startedAt"));
        assertThat(startedAt).as("recorded (and the notice placed) once connected").isAfterOrEqualTo(connectedAt.minusMillis(50));

        // the file: the call's length from the start of the recording; the notice in its first seconds, silence after it
        Path file = TestServer.recordingsDir().resolve("attempt-" + attemptId + ".wav");
        CallRecordingIT.Wav wav = CallRecordingIT.Wav.read(file);
        double expected = Duration.between(startedAt, hungUpAt).toMillis() / 1000.0;
        assertThat(wav.seconds()).as("length of the file").isCloseTo(expected, within(1.5));
        double notice = wav.rms(1.5, 3.0);
        double after = wav.rms(NOTICE_SECONDS + 2.0, 2.0);
        System.out.printf("recording %.2f s (expected %.2f); RMS during the notice %.1f, after it %.1f%n", wav.seconds(), expected,
                notice, after);
        assertThat(notice).as("RMS while the notice plays").isGreaterThan(100);
        assertThat(after).as("RMS after the notice (the person and the agent are silent)").isLessThan(5);
        agent.expect(201, "/api/attempts/" + attemptId + "/disposition", new JsonObject().put("code", "RPC"));
        awaitState(agentId, "READY");

        // ON_DEMAND: the agent's Record button plays the notice too; the person hangs up during it and takes it along
        put(setting, new JsonObject().put("mode", "ON_DEMAND").put("noticePrompt", NOTICE));
        lead(campaignId, "N-2", "+12125557110");
        long second = awaitState(agentId, "ON_CALL").getLong("attemptId");
        assertThat(second).isNotEqualTo(attemptId);
        Await.until("the person and the agent in the conference", SOON, () -> members(extension), m -> m.size() == 2);
        Thread.sleep(1_000);
        assertThat(members(extension)).as("no notice before the recording").noneMatch(RecordingNoticeIT::isNotice);
        Api.Reply started = agent.post("/api/attempts/" + second + "/recording/start", null);
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        Await.until("the notice in the call's conference", SOON, () -> members(extension),
                m -> m.stream().anyMatch(RecordingNoticeIT::isNotice));
        agent.expect(200, agentPath + "/hangup", null);
        Await.until("the conference gone, the notice with it", SOON, () -> members(extension), List::isEmpty);
        Await.until("no notice channel left", SOON, RecordingNoticeIT::noNoticeChannels, gone -> gone);
        JsonObject onDemand = Await.until("the on-demand recording ended", SOON,
                () -> admin.get("/api/attempts/" + second + "/recording").json(),
                j -> "ENDED".equals(j.getJsonObject("recording").getString("state")));
        JsonArray trail = onDemand.getJsonArray("audit");
        assertThat(trail.stream().map(o -> ((JsonObject) o).getString("action")).toList()).containsExactly("START", "NOTICE", "END");
        assertThat(trail.getJsonObject(0).getString("actor")).contains("notice-agent");
        assertThat(trail.getJsonObject(1).getString("actor")).isEqualTo("system");

        agent.expect(201, "/api/attempts/" + second + "/disposition", new JsonObject().put("code", "RPC"));
        agent.post(agentPath + "/logout", null);
        admin.expect(200, "/api/campaigns/" + campaignId + "/stop", null);
        Files.deleteIfExists(file);
        Files.deleteIfExists(TestServer.recordingsDir().resolve("attempt-" + second + ".wav"));
    }

    private static void put(String path, JsonObject body) {
        Api.Reply reply = admin.put(path, body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    private static void lead(long campaignId, String externalId, String phone) {
        String csv = "id,name,phone,phone_type,consent_source,consent_given,amount,days_overdue\n"
                + externalId + ",Nat Notice," + phone + ",OWN_MOBILE,credit agreement,2024-01-10,120.00,30\n";
        Api.Reply reply = admin.postRaw("/api/campaigns/" + campaignId + "/leads", "text/csv", csv);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().getInteger("accepted")).as(reply.body()).isEqualTo(1);
    }

    private static boolean isNotice(String channel) {
        return channel.startsWith("Local/s@dialer-recording-notice");
    }

    /** Whether Asterisk has no channel of a notice any more. */
    private static boolean noNoticeChannels() {
        return !AsteriskForTests.cli("core show channels concise").contains("dialer-recording-notice");
    }

    private static JsonObject awaitState(long agentId, String state) {
        return Await.until("agent " + agentId + " " + state, Duration.ofSeconds(40), () -> session(agentId),
                s -> s != null && state.equals(s.getString("state")));
    }

    /** The agent's session as the administrator's list of agents shows it (null when logged out). */
    private static JsonObject session(long agentId) {
        return admin.get("/api/agents").array().stream().map(o -> (JsonObject) o).filter(o -> o.getLong("id") == agentId)
                .findFirst().map(o -> o.getJsonObject("session")).orElse(null);
    }

    /** The channels in conference agent-{extension} (empty when there is none). */
    private static List<String> members(String extension) {
        List<String> out = new ArrayList<>();
        for (String line : AsteriskForTests.cli("confbridge list agent-" + extension).split("\n")) {
            if (line.startsWith("Local/")) {
                out.add(line.trim().split("\\s+")[0]);
            }
        }
        return out;
    }
}
