package dialer.core.browser;

import dialer.ami.testing.AsteriskForTests;
import dialer.core.testing.Api;
import dialer.core.testing.Await;
import dialer.core.testing.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Listening in from the supervisor dashboard in a real browser: the row of an agent on a call has
 * Listen / Whisper / Barge / Stop; Listen rings the supervisor's phone (simulated in Asterisk) into
 * ChanSpy on the agent's leg and the row says who listens; the agent's console says "Monitored by"
 * because this campaign shows it; Stop hangs up.
 */
class ListenInPageIT {

    private static TestServer server;
    private static Fixtures fixtures;

    @BeforeAll
    static void startServer() {
        server = TestServer.start();
        fixtures = new Fixtures(server);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static String agentState(Api admin, long agentId) {
        for (Object o : admin.get("/api/agents").array()) {
            JsonObject a = (JsonObject) o;
            if (a.getLong("id") == agentId) {
                return a.getJsonObject("session") == null ? "LOGGED_OUT" : a.getJsonObject("session").getString("state");
            }
        }
        return "none";
    }

    @Test
    void theDashboardListensInToAnAgentOnACall() {
        Api admin = fixtures.admin();
        long campaignId = fixtures.campaign("Listening floor", "PREVIEW");
        admin.put("/api/campaigns/" + campaignId + "/monitoring", new JsonObject().put("showMonitoringToAgent", true));
        // a person who talks for about a minute (…90)
        fixtures.lead(campaignId, "LP-1", "Pat Page", "+12125550190", "410.00", 40);
        fixtures.start(campaignId);
        long agentId = fixtures.agent("Ann Agent");
        Api agent = fixtures.account("lp-agent", "AGENT", agentId, List.of());
        String supervisor = "lp-sup";
        fixtures.account(supervisor, "SUPERVISOR", null, List.of(campaignId));
        long supervisorUserId = admin.get("/api/users").array().stream().map(o -> (JsonObject) o)
                .filter(u -> supervisor.equals(u.getString("username"))).findFirst().orElseThrow().getLong("id");
        admin.put("/api/users/" + supervisorUserId + "/phone", new JsonObject()
                .put("phone", "Local/" + ThreadLocalRandom.current().nextInt(10_000, 99_999) + "@sim-agent-phone"));

        agent.expect(200, "/api/agents/" + agentId + "/login", new JsonObject().put("campaignId", campaignId).put("ready", true));
        Await.until("the lead shown for preview", Duration.ofSeconds(20), () -> agentState(admin, agentId), "PREVIEWING"::equals);
        assertThat(agent.post("/api/agents/" + agentId + "/preview/dial", new JsonObject()).status()).isEqualTo(201);
        Await.until("the agent on the call", Duration.ofSeconds(30), () -> agentState(admin, agentId), "ON_CALL"::equals);

        String row = "tr[data-agent-id='" + agentId + "']";
        try (Chromium boss = Chromium.start(server.api().base()); Chromium console = Chromium.start(server.api().base())) {
            console.signIn("lp-agent", Fixtures.password("lp-agent"));
            console.await("the console on the call", Duration.ofSeconds(10),
                    d -> "ON_CALL".equals(console.attribute("[data-test=state-banner]", "data-state")));
            assertThat(console.test("monitored-by").isDisplayed()).isFalse();

            boss.signIn(supervisor, Fixtures.password(supervisor));
            boss.await("the dashboard", Duration.ofSeconds(10), d -> boss.location().startsWith("/supervisor"));
            boss.open("/supervisor?campaign=" + campaignId);
            boss.await("the agent on the call, with the listen-in buttons", Duration.ofSeconds(15),
                    d -> "ON_CALL".equals(boss.attribute(row, "data-state"))
                            && !boss.findAll(row + " [data-test=listen-listen]").isEmpty());
            assertThat(boss.find(row + " [data-test=listen-whisper]").isEnabled()).isTrue();
            assertThat(boss.find(row + " [data-test=listen-barge]").isEnabled()).as("barge: the agent is on a call").isTrue();
            assertThat(boss.find(row + " [data-test=listen-stop]").isEnabled()).as("nothing to stop yet").isFalse();

            boss.find(row + " [data-test=listen-listen]").click();
            boss.await("the row showing the supervisor listening", Duration.ofSeconds(15),
                    d -> "LISTEN".equals(boss.attribute(row, "data-monitor-mode"))
                            && boss.find(row + " [data-test=listen-status]").getText().equals("lp-sup: listen"));
            String channels = AsteriskForTests.cli("core show channels concise");
            assertThat(channels).as("the supervisor's leg spies on the agent's").contains("!dialer-spy!listen!").contains("ChanSpy");
            assertThat(boss.find(row + " [data-test=listen-listen]").getAttribute("class")).contains("is-active");
            assertThat(boss.find(row + " [data-test=listen-stop]").isEnabled()).isTrue();
            console.await("the agent told who listens", Duration.ofSeconds(10),
                    d -> console.test("monitored-by").isDisplayed()
                            && console.test("monitored-by").getText().equals("Monitored by lp-sup"));
            boss.screenshot("supervisor-listen-in");
            console.screenshot("agent-console-monitored");

            boss.find(row + " [data-test=listen-stop]").click();
            boss.await("the row without a listener", Duration.ofSeconds(10), d -> "".equals(boss.attribute(row, "data-monitor-mode")));
            Await.until("the supervisor's leg hung up", Duration.ofSeconds(10),
                    () -> AsteriskForTests.cli("core show channels concise"), out -> !out.contains("!dialer-spy!"));
            console.await("the console no longer says so", Duration.ofSeconds(10), d -> !console.test("monitored-by").isDisplayed());
            assertThat(boss.consoleErrors()).as("errors in the dashboard's console").isEmpty();
            assertThat(console.consoleErrors()).as("errors in the agent's console").isEmpty();
        }
        assertThat(admin.get("/api/audit?limit=20").body()).contains("started listening in to agent " + agentId + " (LISTEN)")
                .contains("stopped listening in to agent " + agentId + " (LISTEN)");
        agent.post("/api/agents/" + agentId + "/hangup", new JsonObject());
        fixtures.stop(campaignId);
        agent.post("/api/agents/" + agentId + "/logout", new JsonObject());
    }
}
