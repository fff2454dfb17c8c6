package dialer.core.browser;

import dialer.ami.testing.AsteriskForTests;
import dialer.core.testing.Api;
import dialer.core.testing.Await;
import dialer.core.testing.ChannelStats;
import dialer.core.testing.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser phone of the agent console, in headless Chromium with a fake microphone, against the
 * real Asterisk: an agent defined with phoneType WEBRTC signs in, the page registers over
 * WebSocket (and again after a reload), answers the session call by itself (DTLS-SRTP), and a
 * simulated callee is put through to it; RTP flows both ways, seen by the page (getStats) and by
 * Asterisk (pjsip show channelstats). Reloading the page hangs its call up (the session ends) and
 * registers again.
 */
class BrowserPhoneIT {

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

    @Test
    void theConsolesBrowserPhoneRegistersTakesTheSessionCallAndCarriesAudioBothWays() {
        long campaignId = fixtures.campaign("Browser phone", "PROGRESSIVE");
        // a person who talks for a minute (…90)
        fixtures.lead(campaignId, "BP-" + campaignId, "Wanda Webrtc", "+1212555" + String.format("%02d", 50 + campaignId % 50) + "90",
                "120.00", 20);
        String extension = String.valueOf(ThreadLocalRandom.current().nextInt(10_000, 99_999));
        JsonObject agent = fixtures.admin().expect(201, "/api/agents", new JsonObject().put("name", "Wanda Browser")
                .put("extension", extension).put("phoneType", "WEBRTC"));
        long agentId = agent.getLong("id");
        String sipUser = "agent" + extension;
        assertThat(agent.getString("phoneType")).isEqualTo("WEBRTC");
        assertThat(agent.getString("sipUsername")).isEqualTo(sipUser);
        assertThat(agent.getString("phone")).isEqualTo("PJSIP/" + sipUser);
        assertThat(agent.getString("sipPassword")).hasSize(24);
        assertThat(AsteriskForTests.cli("pjsip show endpoint " + sipUser)).as("the endpoint Asterisk took without a restart")
                .contains("webrtc", "dtls");

        String user = "phone-agent";
        Api agentApi = fixtures.account(user, "AGENT", agentId, List.of());
        JsonObject credentials = agentApi.get("/api/agents/" + agentId + "/phone").json();
        assertThat(credentials.getString("username")).isEqualTo(sipUser);
        assertThat(credentials.getString("wsUrl")).isEqualTo("ws://127.0.0.1:8088/ws");
        // nobody else reads it, not even an administrator
        assertThat(fixtures.admin().get("/api/agents/" + agentId + "/phone").status()).isEqualTo(403);

        fixtures.start(campaignId);
        try (Chromium browser = Chromium.start(server.api().base(), Chromium.FAKE_MEDIA)) {
            browser.signIn(user, Fixtures.password(user));
            awaitRegistered(browser);
            // a reload registers again; the new page's contact replaces the old one
            browser.driver().navigate().refresh();
            awaitRegistered(browser);
            Await.until("one contact of the phone in Asterisk", Duration.ofSeconds(10),
                    () -> AsteriskForTests.cli("pjsip show aor " + sipUser),
                    out -> out.lines().filter(l -> l.trim().startsWith("Contact:") && l.contains(sipUser + "/")).count() == 1);

            browser.find("#campaign-select option[value='" + campaignId + "']").click();
            browser.test("start-session").click();
            browser.await("the page answered the session call", Duration.ofSeconds(20),
                    d -> "in-call".equals(browser.attribute("[data-test=phone-panel]", "data-state"))
                            && "PAUSED".equals(browser.attribute("[data-test=state-banner]", "data-state")));
            assertThat(browser.test("phone-status").getText()).as("the session call names the campaign").contains("Browser phone");
            browser.test("ready").click();
            browser.await("the callee put through", Duration.ofSeconds(30),
                    d -> "ON_CALL".equals(browser.attribute("[data-test=state-banner]", "data-state")));

            Map<String, Long> first = pageStats(browser);
            ChannelStats asteriskFirst = Await.until("RTP both ways in Asterisk", Duration.ofSeconds(10),
                    () -> ChannelStats.ofEndpoint(sipUser).orElse(null), s -> s != null && s.received() > 0 && s.sent() > 0);
            Map<String, Long> later = Await.until("the page's packets growing both ways", Duration.ofSeconds(10),
                    () -> pageStats(browser), s -> s.get("packetsSent") > first.get("packetsSent") + 25
                            && s.get("packetsReceived") > first.get("packetsReceived") + 25);
            ChannelStats asteriskLater = Await.until("Asterisk's counters growing both ways", Duration.ofSeconds(10),
                    () -> ChannelStats.ofEndpoint(sipUser).orElse(null),
                    s -> s != null && s.received() > asteriskFirst.received() + 25 && s.sent() > asteriskFirst.sent() + 25);
            System.out.println("[browser phone] page getStats " + first + " -> " + later + "; Asterisk " + asteriskFirst
                    + " -> " + asteriskLater);
            browser.await("the caller's audio level shown", Duration.ofSeconds(10),
                    d -> !"0%".equals(browser.script("return document.getElementById('phone-level-in').style.width")));

            browser.test("phone-mute").click();
            browser.await("muted", Duration.ofSeconds(5), d -> "true".equals(browser.attribute("[data-test=phone-panel]", "data-muted"))
                    && "Unmute".equals(browser.test("phone-mute").getText()));
            browser.screenshot("agent-console-browser-phone");
            browser.test("phone-mute").click();
            assertThat(browser.consoleErrors()).as("errors in the browser's console").isEmpty();

            agentApi.expect(200, "/api/agents/" + agentId + "/hangup", null);
            Await.until("wrap-up", Duration.ofSeconds(10), () -> browser.attribute("[data-test=state-banner]", "data-state"),
                    "WRAP_UP"::equals);
            // leaving the page hangs its phone up: the session ends (the agent's phone hung up), the new page registers again
            browser.driver().navigate().refresh();
            awaitRegistered(browser);
            Await.until("the session ended by the page's hang-up", Duration.ofSeconds(10),
                    () -> fixtures.admin().get("/api/agents").array().stream().map(o -> (JsonObject) o)
                            .filter(o -> o.getLong("id") == agentId).findFirst().orElseThrow(),
                    a -> a.getValue("session") == null);
            assertThat(ChannelStats.ofEndpoint(sipUser)).as("no channel of the phone left in Asterisk").isEmpty();
        }
        fixtures.stop(campaignId);
    }

    private static void awaitRegistered(Chromium browser) {
        browser.await("the browser phone registered", Duration.ofSeconds(15),
                d -> "registered".equals(browser.attribute("[data-test=phone-panel]", "data-state")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> pageStats(Chromium browser) {
        Map<String, Object> s = (Map<String, Object>) browser.script("return window.dialerPhone.stats");
        return Map.of("packetsSent", ((Number) s.get("packetsSent")).longValue(),
                "packetsReceived", ((Number) s.get("packetsReceived")).longValue());
    }
}
