package dialer.core.monitor;

import dialer.ami.LiveChannel;
import dialer.ami.asterisk.AsteriskCallControl;
import dialer.ami.testing.AsteriskForTests;
import dialer.core.testing.Api;
import dialer.core.testing.Await;
import dialer.core.testing.LiveStream;
import dialer.core.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A supervisor listening in, through the real server and the real Asterisk: an agent (simulated phone)
 * on a call; the supervisor's own phone (a Local channel into [sim-agent-phone]) rung into [dialer-spy];
 * what Asterisk really runs on the supervisor's channel checked over a second AMI link at each mode:
 * ChanSpy on the agent's leg, quiet and neither whispering nor barging; then whispering; then the
 * supervisor a member of the call's conference. Agents are refused, nothing tells the agent unless the
 * campaign says so, every step is in the audit trail, and stopping hangs the supervisor's leg up.
 */
class ListenInIT {

    private static TestServer server;
    private static AsteriskCallControl ami;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        ami = new AsteriskCallControl(AsteriskForTests.ami());
        ami.start();
        ami.whenConnected(Duration.ofSeconds(20)).get(20, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        if (ami != null) {
            ami.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static List<LiveChannel> channels() {
        try {
            return ami.liveChannels().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("CoreShowChannels failed", e);
        }
    }

    private static Optional<LiveChannel> channel(String channelId) {
        return channels().stream().filter(c -> c.channelId().equals(channelId)).findFirst();
    }

    private static String agentState(Api admin, long agentId) {
        for (Object o : admin.get("/api/agents").array()) {
            JsonObject a = (JsonObject) o;
            if (a.getLong("id") == agentId) {
                JsonObject session = a.getJsonObject("session");
                return session == null ? "LOGGED_OUT" : session.getString("state");
            }
        }
        return "none";
    }

    @Test
    void aSupervisorListensWhispersAndBargesOnTheirOwnPhoneAndStops() throws Exception {
        Api admin = server.api();
        long campaignId = admin.expect(201, "/api/campaigns", new JsonObject().put("name", "Listen-in").put("dialMode", "PREVIEW")
                .put("simulatedCallees", true).put("ringTimeoutSeconds", 10)).getLong("id");
        // a person who talks for about a minute (…90)
        String csv = "id,name,phone,phone_type,consent_source,consent_given,amount,days_overdue\n"
                + "LI-1,Lee Listen,+12125550190,OWN_MOBILE,credit agreement,2024-01-10,300.00,20\n";
        assertThat(admin.postRaw("/api/campaigns/" + campaignId + "/leads", "text/csv", csv).status()).isEqualTo(200);
        admin.expect(200, "/api/campaigns/" + campaignId + "/start", null);
        String extension = String.valueOf(ThreadLocalRandom.current().nextInt(10_000, 99_999));
        long agentId = admin.expect(201, "/api/agents", new JsonObject().put("name", "Ann Agent").put("extension", extension)
                .put("phone", "Local/{extension}@sim-agent-phone")).getLong("id");
        Api agent = server.user("li-agent", "AGENT", agentId, List.of());
        Api supervisor = server.user("li-sup", "SUPERVISOR", null, List.of(campaignId));
        Api stranger = server.user("li-other-sup", "SUPERVISOR", null, List.of());
        long supervisorUserId = supervisor.get("/api/me").json().getLong("id");

        // no phone yet: nothing to ring
        agent.expect(200, "/api/agents/" + agentId + "/login", new JsonObject().put("campaignId", campaignId).put("ready", true));
        Await.until("the lead shown for preview", Duration.ofSeconds(20), () -> agentState(admin, agentId), "PREVIEWING"::equals);
        Api.Reply noPhone = supervisor.post("/api/agents/" + agentId + "/monitor", new JsonObject().put("mode", "LISTEN"));
        assertThat(noPhone.status()).as(noPhone.body()).isEqualTo(409);
        assertThat(noPhone.body()).contains("no phone is set");
        Api.Reply badPhone = admin.put("/api/users/" + supervisorUserId + "/phone", new JsonObject().put("phone", "PJSIP/1&PJSIP/2"));
        assertThat(badPhone.status()).isEqualTo(400);
        assertThat(badPhone.json().getJsonArray("problems").getJsonObject(0).getString("field")).isEqualTo("phone");
        assertThat(supervisor.put("/api/users/" + supervisorUserId + "/phone", new JsonObject().put("phone", "PJSIP/2001"))
                .status()).as("only administrators set phones").isEqualTo(403);
        String supPhone = "Local/" + ThreadLocalRandom.current().nextInt(10_000, 99_999) + "@sim-agent-phone";
        assertThat(admin.put("/api/users/" + supervisorUserId + "/phone", new JsonObject().put("phone", supPhone)).status())
                .isEqualTo(200);

        // agents may not listen in, nor supervisors of other campaigns; a bad mode is a 400 naming it
        assertThat(agent.post("/api/agents/" + agentId + "/monitor", new JsonObject().put("mode", "LISTEN")).status())
                .isEqualTo(403);
        assertThat(agent.delete("/api/agents/" + agentId + "/monitor", new JsonObject()).status()).isEqualTo(403);
        assertThat(stranger.post("/api/agents/" + agentId + "/monitor", new JsonObject().put("mode", "LISTEN")).status())
                .isEqualTo(403);
        Api.Reply badMode = supervisor.post("/api/agents/" + agentId + "/monitor", new JsonObject().put("mode", "SPY"));
        assertThat(badMode.status()).isEqualTo(400);
        assertThat(badMode.json().getJsonArray("problems").getJsonObject(0).getString("field")).isEqualTo("mode");
        // barging joins a call: not while the agent has none
        assertThat(supervisor.post("/api/agents/" + agentId + "/monitor", new JsonObject().put("mode", "BARGE")).status())
                .isEqualTo(409);

        String conference = "agent-" + extension;
        try (LiveStream console = agent.stream("/api/live/agent")) {
            // LISTEN to the agent between calls: ChanSpy on the agent's waiting leg, quiet, no whisper, no barge
            Api.Reply listen = supervisor.post("/api/agents/" + agentId + "/monitor", new JsonObject().put("mode", "LISTEN"));
            assertThat(listen.status()).as(listen.body()).isEqualTo(200);
            String supChannel = "dlr-" + listen.json().getString("callId") + "-1";
            LiveChannel spying = Await.until("the supervisor's leg in ChanSpy", Duration.ofSeconds(15), () -> channel(supChannel),
                    c -> c.isPresent() && "ChanSpy".equals(c.get().application())).get();
            String agentLeg = channels().stream().filter(c -> c.name().startsWith("Local/" + extension + "@sim-agent-phone")
                    && c.channelId().startsWith("dlr-") && c.channelId().endsWith("-1")).findFirst()
                    .orElseThrow(() -> new AssertionError("no agent leg in " + channels())).channelId();
            assertThat(spying.context()).isEqualTo("dialer-spy");
            String[] data = spying.applicationData().split(",");
            assertThat(data[0]).as("ChanSpy's target").isEqualTo(agentLeg);
            assertThat(data[1]).contains("q", "u").doesNotContain("w", "W", "B");
            assertThat(channel(agentLeg).orElseThrow().context()).as("the agent waits between calls").isEqualTo("dialer-agent-idle");

            // the call connects: the supervisor, still in the same ChanSpy, now hears it
            assertThat(agent.post("/api/agents/" + agentId + "/preview/dial", new JsonObject()).status()).isEqualTo(201);
            Await.until("the agent on the call", Duration.ofSeconds(30), () -> agentState(admin, agentId), "ON_CALL"::equals);
            Await.until("the agent's conference", Duration.ofSeconds(10), () -> AsteriskForTests.cli("confbridge list " + conference),
                    out -> out.contains("sim-agent-phone"));
            LiveChannel stillSpying = channel(supChannel).orElseThrow(() -> new AssertionError("the supervisor's leg is gone"));
            assertThat(stillSpying.application()).isEqualTo("ChanSpy");
            assertThat(stillSpying.applicationData()).isEqualTo(spying.applicationData());
            assertThat(channel(agentLeg).orElseThrow().application()).as("the agent's leg in the call").isEqualTo("ConfBridge");

            // asking again for the same mode changes nothing and says whether the phone answered
            Await.until("the supervisor's phone answered", Duration.ofSeconds(10), () -> supervisor.post("/api/agents/" + agentId
                    + "/monitor", new JsonObject().put("mode", "LISTEN")).json().getBoolean("answered"), a -> a);
            // not shown: the campaign does not say so (the views pushed since the listening began say nothing of it)
            AssertionError untold = org.assertj.core.api.Assertions.catchThrowableOfType(AssertionError.class,
                    () -> console.await("monitoredBy", Duration.ofSeconds(2), v -> v.containsKey("monitoredBy")));
            assertThat(untold).as("the agent was told they are monitored").isNotNull().hasMessageContaining("did not come");

            // WHISPER: the same ChanSpy with w
            Api.Reply whisper = supervisor.post("/api/agents/" + agentId + "/monitor", new JsonObject().put("mode", "WHISPER"));
            assertThat(whisper.status()).as(whisper.body()).isEqualTo(200);
            assertThat(whisper.json().getString("callId")).as("the same call").isEqualTo(listen.json().getString("callId"));
            LiveChannel whispering = Await.until("ChanSpy with whisper", Duration.ofSeconds(10), () -> channel(supChannel),
                    c -> c.isPresent() && "ChanSpy".equals(c.get().application()) && c.get().applicationData().contains("w")).get();
            assertThat(whispering.applicationData()).startsWith(agentLeg + ",").doesNotContain("B");

            // shown to the agent once the campaign says so
            admin.put("/api/campaigns/" + campaignId + "/monitoring", new JsonObject().put("showMonitoringToAgent", true));
            JsonObject shown = console.await("monitored by the supervisor", Duration.ofSeconds(5),
                    v -> v.containsKey("monitoredBy")).data();
            assertThat(shown.getString("monitoredBy")).isEqualTo("li-sup");

            // BARGE: the supervisor is a member of the call's conference
            Api.Reply barge = supervisor.post("/api/agents/" + agentId + "/monitor", new JsonObject().put("mode", "BARGE"));
            assertThat(barge.status()).as(barge.body()).isEqualTo(200);
            LiveChannel barging = Await.until("the supervisor in the conference", Duration.ofSeconds(10), () -> channel(supChannel),
                    c -> c.isPresent() && "ConfBridge".equals(c.get().application())).get();
            assertThat(barging.applicationData()).startsWith(conference + ",");
            String members = AsteriskForTests.cli("confbridge list " + conference);
            assertThat(members).contains(barging.name()).contains("Local/" + extension + "@sim-agent-phone");
            assertThat(stranger.delete("/api/agents/" + agentId + "/monitor", new JsonObject()).status()).isEqualTo(403);

            // the call ends: the supervisor leaves the conference with the person and listens to the agent again
            assertThat(agent.post("/api/agents/" + agentId + "/hangup", new JsonObject()).status()).isEqualTo(200);
            LiveChannel back = Await.until("the supervisor listening again", Duration.ofSeconds(10), () -> channel(supChannel),
                    c -> c.isPresent() && "ChanSpy".equals(c.get().application())).get();
            assertThat(back.applicationData()).isEqualTo(agentLeg + "," + MonitorMode.LISTEN.chanSpyOptions());
            Await.until("the server saying LISTEN", Duration.ofSeconds(10), () -> supervisor.post("/api/agents/" + agentId
                    + "/monitor", new JsonObject().put("mode", "LISTEN")).json().getString("mode"), "LISTEN"::equals);

            // stop: the supervisor's leg is hung up
            Api.Reply stopped = supervisor.delete("/api/agents/" + agentId + "/monitor", new JsonObject());
            assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
            Await.until("the supervisor's leg gone", Duration.ofSeconds(10), () -> channel(supChannel), Optional::isEmpty);
            assertThat(AsteriskForTests.cli("confbridge list " + conference)).doesNotContain(barging.name());
            console.await("no longer monitored", Duration.ofSeconds(5), v -> !v.containsKey("monitoredBy"));
            assertThat(supervisor.delete("/api/agents/" + agentId + "/monitor", new JsonObject()).status()).isEqualTo(404);
        }

        String audit = admin.get("/api/audit?limit=30").body();
        assertThat(audit).contains("started listening in to agent " + agentId + " (LISTEN)")
                .contains("switched listening in to agent " + agentId + " from LISTEN to WHISPER")
                .contains("switched listening in to agent " + agentId + " from WHISPER to BARGE")
                .contains("the call ended, BARGE went back to LISTEN")
                .contains("stopped listening in to agent " + agentId + " (LISTEN)")
                .contains("li-sup (li-sup)")
                .contains("set the listening-in phone of user " + supervisorUserId);
        JsonArray entries = admin.get("/api/audit?limit=30").array();
        assertThat(entries.stream().map(e -> ((JsonObject) e).getString("changedAt")).filter(java.util.Objects::nonNull).count())
                .as("each with its time").isEqualTo(entries.size());

        admin.expect(200, "/api/campaigns/" + campaignId + "/stop", null);
        agent.post("/api/agents/" + agentId + "/logout", new JsonObject());
        Await.until("the agent's leg gone", Duration.ofSeconds(20), () -> channels().stream()
                .anyMatch(c -> c.name().startsWith("Local/" + extension + "@")), any -> !any);
    }
}
