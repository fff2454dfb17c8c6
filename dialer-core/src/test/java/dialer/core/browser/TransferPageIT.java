package dialer.core.browser;

import dialer.core.testing.Api;
import dialer.core.testing.Await;
import dialer.core.testing.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent console's transfer in a real browser: on a call, the Transfer button opens a picker of
 * the agents ready in the campaign; a warm transfer shows the consultation with complete, three-way
 * and cancel; completing it frees this agent and puts the other one on the call.
 */
class TransferPageIT {

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

    private static JsonObject session(long agentId) {
        return fixtures.admin().get("/api/agents").array().stream().map(o -> (JsonObject) o).filter(o -> o.getLong("id") == agentId)
                .findFirst().map(o -> o.getJsonObject("session")).orElse(null);
    }

    @Test
    void theTransferButtonOpensAPickerOfReadyAgentsAndAWarmTransferIsCompletedFromTheConsole() {
        long campaignId = fixtures.campaign("Transfer console", "PROGRESSIVE");
        // a person who talks for a minute (…90)
        fixtures.lead(campaignId, "TP-" + campaignId, "Pia Picker", "+1212555" + String.format("%02d", 50 + campaignId % 50) + "90",
                "220.00", 31);
        long a = fixtures.agent("Ann Console");
        long b = fixtures.agent("Ben Receiver");
        String user = "transfer-agent";
        fixtures.account(user, "AGENT", a, List.of());
        Api bApi = fixtures.account("transfer-other", "AGENT", b, List.of());
        // running before anyone is ready (the console lists running campaigns); the call comes once the agent is ready
        fixtures.start(campaignId);
        try (Chromium browser = Chromium.start(server.api().base())) {
            browser.signIn(user, Fixtures.password(user));
            browser.await("the console", Duration.ofSeconds(10), d -> browser.location().equals("/agent")
                    && "LOGGED_OUT".equals(browser.attribute("[data-test=state-banner]", "data-state")));
            assertThat(browser.test("transfer-panel").isDisplayed()).as("no transfer without a call").isFalse();
            browser.find("#campaign-select option[value='" + campaignId + "']").click();
            browser.test("start-session").click();
            browser.await("the agent's phone connected", Duration.ofSeconds(20),
                    d -> "PAUSED".equals(browser.attribute("[data-test=state-banner]", "data-state")));
            browser.test("ready").click();
            browser.await("on the call", Duration.ofSeconds(40),
                    d -> "ON_CALL".equals(browser.attribute("[data-test=state-banner]", "data-state")));
            bApi.expect(200, "/api/agents/" + b + "/login", new JsonObject().put("campaignId", campaignId).put("ready", true));
            Await.until("the other agent ready", Duration.ofSeconds(20), () -> session(b), s -> s != null && "READY".equals(s.getString("state")));

            browser.await("the transfer button", Duration.ofSeconds(10), d -> browser.test("transfer").isDisplayed()
                    && browser.test("transfer").isEnabled());
            browser.test("transfer").click();
            browser.await("the picker with the ready agent", Duration.ofSeconds(10), d -> browser.test("transfer-picker").isDisplayed()
                    && !browser.findAll("#transfer-targets option[value='agent:" + b + "']").isEmpty());
            assertThat(browser.test("transfer-targets").getText()).contains("Ben Receiver");
            assertThat(browser.test("transfer-mode").getText()).contains("Warm", "Blind");
            browser.screenshot("agent-console-transfer-picker");

            browser.find("#transfer-mode option[value='WARM']").click();
            browser.test("transfer-go").click();
            browser.await("the consultation", Duration.ofSeconds(15), d -> browser.test("transfer-status").getText().contains("Consulting"));
            assertThat(browser.test("transfer-complete").isEnabled()).isTrue();
            assertThat(browser.test("transfer-conference").isEnabled()).isTrue();
            assertThat(browser.test("transfer-cancel").isEnabled()).isTrue();
            browser.screenshot("agent-console-transfer-consulting");

            browser.test("transfer-complete").click();
            browser.await("this agent free", Duration.ofSeconds(15),
                    d -> "READY".equals(browser.attribute("[data-test=state-banner]", "data-state")));
            JsonObject other = Await.until("the other agent on the call", Duration.ofSeconds(10), () -> session(b),
                    s -> s != null && "ON_CALL".equals(s.getString("state")));
            assertThat(other.getLong("debtorId")).isNotNull();
            assertThat(browser.test("transfer-panel").isDisplayed()).isFalse();
            assertThat(browser.consoleErrors()).as("errors in the browser's console").isEmpty();
            browser.test("end-session").click();
        }
        bApi.expect(200, "/api/agents/" + b + "/hangup", null);
        Await.until("the other agent in wrap-up", Duration.ofSeconds(10), () -> session(b),
                s -> s != null && "WRAP_UP".equals(s.getString("state")));
        bApi.post("/api/agents/" + b + "/logout", null);
        fixtures.stop(campaignId);
    }
}
