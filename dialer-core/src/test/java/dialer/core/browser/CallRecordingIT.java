package dialer.core.browser;

import dialer.core.DialerServer;
import dialer.core.demo.SimulatedCallees;
import dialer.core.engine.CallVariables;
import dialer.core.testing.Api;
import dialer.core.testing.Await;
import dialer.core.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Call recording through the real server, the real Asterisk and the agent console in headless
 * Chromium: a campaign recording ALL calls; the person (who keeps talking: tt-monkeys) is connected
 * to the agent; the agent pauses the recording for about 2 s and resumes it with the console's
 * buttons. After the call the file (named by the attempt only) is there with the call's length, the
 * paused span is silence and the rest is not; a supervisor plays it (audited), another agent and the
 * call's own agent (the campaign does not let agents listen) are refused.
 */
class CallRecordingIT {

    /** The simulated callees, who keep making noise while connected (SIM_SOUND) so the recording has sound. */
    private static final CallVariables TALKATIVE = (campaign, call) -> {
        if (!campaign.simulatedCallees()) {
            return Map.of();
        }
        Map<String, String> vars = new HashMap<>(SimulatedCallees.variablesFor(call.e164()));
        vars.put("SIM_SOUND", "tt-monkeys");
        return vars;
    };

    private static TestServer server;
    private static Fixtures fixtures;

    @BeforeAll
    static void startServer() {
        server = TestServer.start(new DialerServer.DemoAgentTiming(Duration.ofMillis(1500), Duration.ofMillis(2500),
                Duration.ofMillis(500)), TestServer.clockAt(ZoneId.of("America/New_York"), LocalTime.of(14, 0)), TALKATIVE);
        fixtures = new Fixtures(server);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aRecordedCallIsPausedSilentlyAndPlayedOnlyToWhoMayHearIt() throws Exception {
        Api admin = fixtures.admin();
        long campaignId = fixtures.campaign("Recorded", "PREVIEW");
        // the setting: bad input named, then ALL
        Api.Reply bad = admin.put("/api/campaigns/" + campaignId + "/recording", new JsonObject().put("mode", "SOMETIMES")
                .put("retentionDays", 0));
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(bad.body()).contains("\"mode\"", "\"retentionDays\"");
        assertThat(admin.get("/api/campaigns/" + campaignId + "/recording").json().getString("mode")).isEqualTo("NONE");
        Api.Reply set = admin.put("/api/campaigns/" + campaignId + "/recording", new JsonObject().put("mode", "ALL")
                .put("retentionDays", 30).put("agentsMayListen", false));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(admin.get("/api/audit?limit=5").body()).contains("campaign " + campaignId + " recording");
        // a person who talks 20 s after the greeting (…00)
        fixtures.lead(campaignId, "REC-1", "Rita Record", "+12125550100", "300.00", 20);
        long debtorId = admin.get("/api/debtors?externalId=REC-1").json().getLong("id");
        fixtures.start(campaignId);
        String user = "rec-agent";
        long agentId = fixtures.agent("Rec Agent");
        Api agent = fixtures.account(user, "AGENT", agentId, List.of());
        Api supervisor = fixtures.account("rec-supervisor", "SUPERVISOR", null, List.of(campaignId));
        Api otherAgent = fixtures.account("rec-other-agent", "AGENT", fixtures.agent("Otto Other"), List.of());

        long attemptId;
        long second;
        Instant pausedAt;
        Instant resumedAt;
        Instant hungUpAt;
        try (Chromium browser = Chromium.start(server.api().base())) {
            browser.signIn(user, Fixtures.password(user));
            browser.await("the console", Duration.ofSeconds(10), d -> browser.location().equals("/agent")
                    && "LOGGED_OUT".equals(browser.attribute("[data-test=state-banner]", "data-state")));
            browser.find("#campaign-select option[value='" + campaignId + "']").click();
            browser.test("start-session").click();
            browser.await("the agent's phone connected", Duration.ofSeconds(20),
                    d -> "PAUSED".equals(browser.attribute("[data-test=state-banner]", "data-state")));
            browser.test("ready").click();
            browser.await("the lead shown for preview", Duration.ofSeconds(20), d -> browser.findAll("[data-test=preview-dial]").stream()
                    .anyMatch(b -> b.isDisplayed() && b.isEnabled()));
            browser.test("preview-dial").click();
            browser.await("on the call", Duration.ofSeconds(30),
                    d -> "ON_CALL".equals(browser.attribute("[data-test=state-banner]", "data-state")));
            attemptId = admin.get("/api/campaigns/" + campaignId + "/attempts?limit=5").array().getJsonObject(0).getLong("id");
            browser.await("the console shows the call recorded", Duration.ofSeconds(15),
                    d -> "RECORDING".equals(browser.attribute("[data-test=recording-state]", "data-state")));
            JsonObject started = admin.get("/api/attempts/" + attemptId + "/recording").json().getJsonObject("recording");
            assertThat(started.getString("file")).isEqualTo("attempt-" + attemptId + ".wav");
            assertThat(browser.findAll("[data-test=recording-start]")).as("ALL records by itself: no Record button").isEmpty();
            browser.screenshot("agent-console-recording");

            // the person's greeting and silence are over, they are talking: pause ~2 s (a card number), then resume
            Instant startedAt = Instant.parse(started.getString("startedAt"));
            sleepUntil(startedAt.plusMillis(4_500));
            browser.test("recording-pause").click();
            browser.await("the console shows the pause", Duration.ofSeconds(10),
                    d -> "PAUSED".equals(browser.attribute("[data-test=recording-state]", "data-state")));
            browser.screenshot("agent-console-recording-paused");
            Thread.sleep(2_200);
            browser.test("recording-resume").click();
            browser.await("the console shows the recording again", Duration.ofSeconds(10),
                    d -> "RECORDING".equals(browser.attribute("[data-test=recording-state]", "data-state")));
            Thread.sleep(2_500);
            // another agent may not pause someone else's call
            assertThat(otherAgent.post("/api/attempts/" + attemptId + "/recording/pause", null).status()).isEqualTo(403);
            hungUpAt = server.clock().instant();
            browser.test("hangup").click();
            browser.await("the call over", Duration.ofSeconds(20),
                    d -> !"ON_CALL".equals(browser.attribute("[data-test=state-banner]", "data-state")));
            assertThat(browser.consoleErrors()).as("errors in the browser's console").isEmpty();

            JsonObject ended = Await.until("the recording ended", Duration.ofSeconds(20),
                    () -> admin.get("/api/attempts/" + attemptId + "/recording").json(),
                    j -> "ENDED".equals(j.getJsonObject("recording").getString("state")));
            JsonArray audit = ended.getJsonArray("audit");
            pausedAt = at(audit, "PAUSE");
            resumedAt = at(audit, "RESUME");
            assertThat(audit.stream().map(o -> ((JsonObject) o).getString("action")).toList())
                    .containsExactly("START", "PAUSE", "RESUME", "END");
            assertThat(audit.getJsonObject(1).getString("actor")).contains(user);
            assertThat(audit.getJsonObject(0).getString("actor")).isEqualTo("system");

            // the file: named by the attempt, as long as the call was recorded, silent while paused only
            Path file = TestServer.recordingsDir().resolve("attempt-" + attemptId + ".wav");
            assertThat(file).isRegularFile();
            Wav wav = Wav.read(file);
            double expected = Duration.between(startedAt, hungUpAt).toMillis() / 1000.0;
            assertThat(wav.seconds()).as("length of the file").isCloseTo(expected, within(1.5));
            assertThat(ended.getJsonObject("recording").getLong("lengthMs") / 1000.0).as("stored length")
                    .isCloseTo(wav.seconds(), within(0.2));
            double pause = Duration.between(startedAt, pausedAt).toMillis() / 1000.0;
            double resume = Duration.between(startedAt, resumedAt).toMillis() / 1000.0;
            double paused = wav.rms(pause + 0.4, resume - pause - 0.8);
            double before = wav.rms(pause - 1.5, 1.2);
            double after = wav.rms(resume + 0.4, 1.5);
            System.out.printf("recording %.2f s (expected %.2f); paused %.2f-%.2f s; RMS before %.1f, paused %.1f, after %.1f%n",
                    wav.seconds(), expected, pause, resume, before, paused, after);
            assertThat(paused).as("RMS while paused").isLessThan(5);
            assertThat(before).as("RMS before the pause (the person talking)").isGreaterThan(100);
            assertThat(after).as("RMS after the resume").isGreaterThan(100);

            // playback: a supervisor of the campaign hears it (audited); others are refused
            long recordingId = ended.getJsonObject("recording").getLong("id");
            String audio = "/api/recordings/" + recordingId + "/audio";
            Api.Bytes played = supervisor.bytes(audio, Map.of());
            assertThat(played.status()).isEqualTo(200);
            assertThat(played.header("content-type")).isEqualTo("audio/wav");
            assertThat(played.body()).isEqualTo(Files.readAllBytes(file));
            Api.Bytes part = supervisor.bytes(audio, Map.of("Range", "bytes=0-99"));
            assertThat(part.status()).isEqualTo(206);
            assertThat(part.body()).hasSize(100);
            assertThat(part.header("content-range")).isEqualTo("bytes 0-99/" + Files.size(file));
            assertThat(supervisor.bytes(audio + "?download=true", Map.of()).header("content-disposition"))
                    .startsWith("attachment");
            assertThat(otherAgent.bytes(audio, Map.of()).status()).isEqualTo(403);
            assertThat(agent.bytes(audio, Map.of()).status()).as("agents may not listen in this campaign").isEqualTo(403);
            assertThat(fixtures.account("rec-stranger", "SUPERVISOR", null, List.of()).bytes(audio, Map.of()).status())
                    .isEqualTo(403);
            assertThat(admin.get(audio + "?download=maybe").body()).contains("download");
            assertThat(admin.get("/api/debtors/" + debtorId + "/recordings").array()).singleElement()
                    .satisfies(r -> assertThat(((JsonObject) r).getLong("id")).isEqualTo(recordingId));

            try (Connection db = server.postgres().connect("dialer"); Statement st = db.createStatement();
                 ResultSet rs = st.executeQuery("select action, actor from recording_audit where recording_id = " + recordingId
                         + " and action in ('PLAY', 'DOWNLOAD') order by id")) {
                List<String> rows = new java.util.ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getString(2));
                }
                assertThat(rows).as("one PLAY for the whole file and one for the range from byte 0, one DOWNLOAD")
                        .containsExactly("PLAY rec-supervisor (rec-supervisor)", "PLAY rec-supervisor (rec-supervisor)",
                                "DOWNLOAD rec-supervisor (rec-supervisor)");
            }

            // the first call's outcome, so the agent gets the next lead
            agent.expect(201, "/api/attempts/" + attemptId + "/disposition", new JsonObject().put("code", "RPC"));

            // recording on demand: nothing until the agent presses Record; agents may now hear their own calls
            assertThat(admin.put("/api/campaigns/" + campaignId + "/recording", new JsonObject().put("mode", "ON_DEMAND")
                    .put("retentionDays", 30).put("agentsMayListen", true)).status()).isEqualTo(200);
            assertThat(agent.bytes(audio, Map.of()).status()).as("the call's own agent, now allowed").isEqualTo(200);
            assertThat(otherAgent.bytes(audio, Map.of()).status()).as("never another agent's call").isEqualTo(403);
            fixtures.lead(campaignId, "REC-2", "Rob Record", "+12125550110", "200.00", 25);
            browser.await("the next lead shown for preview", Duration.ofSeconds(30), d -> browser.findAll("[data-test=preview-dial]")
                    .stream().anyMatch(b -> b.isDisplayed() && b.isEnabled()));
            browser.test("preview-dial").click();
            browser.await("on the second call, not recorded", Duration.ofSeconds(30),
                    d -> "ON_CALL".equals(browser.attribute("[data-test=state-banner]", "data-state"))
                            && "NONE".equals(browser.attribute("[data-test=recording-state]", "data-state"))
                            && !browser.findAll("[data-test=recording-start]").isEmpty());
            second = admin.get("/api/campaigns/" + campaignId + "/attempts?limit=5").array().getJsonObject(0).getLong("id");
            assertThat(second).isNotEqualTo(attemptId);
            Thread.sleep(1_000);
            assertThat(admin.get("/api/attempts/" + second + "/recording").json().getValue("recording")).isNull();
            browser.screenshot("agent-console-recording-on-demand");
            browser.test("recording-start").click();
            browser.await("the console shows the call recorded on demand", Duration.ofSeconds(10),
                    d -> "RECORDING".equals(browser.attribute("[data-test=recording-state]", "data-state")));
            Thread.sleep(1_500);
            browser.test("hangup").click();
            JsonObject onDemand = Await.until("the on-demand recording ended", Duration.ofSeconds(20),
                    () -> admin.get("/api/attempts/" + second + "/recording").json(),
                    j -> "ENDED".equals(j.getJsonObject("recording").getString("state")));
            assertThat(onDemand.getJsonArray("audit").getJsonObject(0).getString("actor")).as("started by the agent").contains(user);
            assertThat(TestServer.recordingsDir().resolve("attempt-" + second + ".wav")).isRegularFile();
            assertThat(admin.post("/api/attempts/" + second + "/recording/start", null).status()).as("recorded already")
                    .isEqualTo(409);

            // retention: the first recording, 31 days old, is purged (its file deleted, its row kept, audited as the system)
            try (Connection db = server.postgres().connect("dialer"); Statement st = db.createStatement()) {
                st.executeUpdate("update call_recording set started_at = started_at - interval '31 days' where id = " + recordingId);
            }
            io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
            try {
                int purged = new dialer.core.recording.RecordingPurge(new dialer.core.db.Sql(vertx, server.server().dataSource()),
                        new dialer.core.recording.RecordingFiles(TestServer.recordingsDir()), server.clock()).run()
                        .toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(purged).isEqualTo(1);
            } finally {
                vertx.close();
            }
            assertThat(file).doesNotExist();
            assertThat(TestServer.recordingsDir().resolve("attempt-" + second + ".wav")).as("within its retention").isRegularFile();
            JsonObject purgedView = admin.get("/api/attempts/" + attemptId + "/recording").json();
            assertThat(purgedView.getJsonObject("recording").getString("state")).isEqualTo("PURGED");
            JsonArray trail = purgedView.getJsonArray("audit");
            assertThat(trail.getJsonObject(trail.size() - 1).getString("action")).isEqualTo("PURGE");
            assertThat(trail.getJsonObject(trail.size() - 1).getString("actor")).isEqualTo("system");
            assertThat(supervisor.bytes(audio, Map.of()).status()).isEqualTo(404);
        }

        // the debtor's page: the supervisor plays the recording of the debtor's call in the browser
        long secondDebtor = admin.get("/api/debtors?externalId=REC-2").json().getLong("id");
        try (Chromium browser = Chromium.start(server.api().base())) {
            browser.signIn("rec-supervisor", Fixtures.password("rec-supervisor"));
            browser.await("the dashboard", Duration.ofSeconds(10), d -> browser.location().startsWith("/supervisor"));
            browser.open("/debtor?id=" + secondDebtor);
            browser.await("the debtor's recordings", Duration.ofSeconds(10),
                    d -> !browser.findAll("[data-test=debtor-recordings] audio").isEmpty());
            String src = browser.attribute("[data-test=debtor-recordings] audio", "src");
            Object played = browser.script("return fetch(arguments[0]).then(r => r.status + ' ' + r.headers.get('content-type'))", src);
            assertThat(played).isEqualTo("200 audio/wav");
            browser.script("document.querySelector('[data-test=debtor-recordings]').scrollIntoView()");
            browser.screenshot("debtor-page-recordings");
            assertThat(browser.consoleErrors()).as("errors in the browser's console").isEmpty();
        }
        assertThat(admin.get("/api/attempts/" + second + "/recording").body()).contains("\"PLAY\"", "rec-supervisor");
        Files.deleteIfExists(TestServer.recordingsDir().resolve("attempt-" + second + ".wav"));
        fixtures.stop(campaignId);
    }

    private static Instant at(JsonArray audit, String action) {
        return audit.stream().map(o -> (JsonObject) o).filter(o -> o.getString("action").equals(action))
                .map(o -> Instant.parse(o.getString("at"))).findFirst().orElseThrow(() -> new AssertionError("no " + action));
    }

    /** Sleeps until {@code at} by the server's clock. */
    private static void sleepUntil(Instant at) throws InterruptedException {
        long ms = Duration.between(server.clock().instant(), at).toMillis();
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }

    /** A 16-bit PCM WAV's samples (the first channel), to measure the loudness of a span. */
    record Wav(int rate, short[] samples) {
        static Wav read(Path file) throws java.io.IOException {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            int at = 12;
            int rate = 0;
            int channels = 1;
            while (at + 8 <= b.limit()) {
                String tag = new String(new byte[]{b.get(at), b.get(at + 1), b.get(at + 2), b.get(at + 3)});
                int size = b.getInt(at + 4);
                if (tag.equals("fmt ")) {
                    channels = b.getShort(at + 10);
                    rate = b.getInt(at + 12);
                    assertThat(b.getShort(at + 22)).as("bits per sample").isEqualTo((short) 16);
                } else if (tag.equals("data")) {
                    int bytes = Math.min(size <= 0 ? Integer.MAX_VALUE : size, b.limit() - at - 8);
                    short[] s = new short[bytes / 2 / channels];
                    for (int i = 0; i < s.length; i++) {
                        s[i] = b.getShort(at + 8 + i * 2 * channels);
                    }
                    return new Wav(rate, s);
                }
                at += 8 + size + (size & 1);
            }
            throw new AssertionError(file + " is not a WAV with a data chunk");
        }

        double seconds() {
            return samples.length / (double) rate;
        }

        /** Root mean square of the samples from {@code start} for {@code length} seconds. */
        double rms(double start, double length) {
            int from = (int) Math.max(0, start * rate);
            int to = (int) Math.min(samples.length, (start + length) * rate);
            assertThat(to).as("span %.2f+%.2f s inside the file of %.2f s", start, length, seconds()).isGreaterThan(from);
            double sum = 0;
            for (int i = from; i < to; i++) {
                sum += (double) samples[i] * samples[i];
            }
            return Math.sqrt(sum / (to - from));
        }
    }
}
