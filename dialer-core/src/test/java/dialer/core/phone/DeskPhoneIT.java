package dialer.core.phone;

import dialer.ami.testing.AsteriskForTests;
import dialer.core.testing.Api;
import dialer.core.testing.Await;
import dialer.core.testing.ChannelStats;
import dialer.core.testing.DeskPhone;
import dialer.core.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A desk phone defined in the dialer (phoneType SIP): the dialer writes its account into Asterisk
 * without a restart, a real SIP phone (baresip) registers with it, answers the agent's session
 * call (whose caller id names the campaign) and takes a connected call; audio flows both ways
 * (Asterisk's channel stats).
 */
class DeskPhoneIT {

    /** This test's SIP port for its phone (never 5060, Asterisk's). */
    private static final int PHONE_PORT = 5081;

    private static TestServer server;

    @BeforeAll
    static void startServer() {
        server = TestServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aRegisteredDeskPhoneTakesTheSessionCallNamingTheCampaignAndAConnectedCall() throws Exception {
        Api admin = server.api();
        long campaignId = admin.expect(201, "/api/campaigns", new JsonObject().put("name", "Desk phone run")
                .put("dialMode", "PROGRESSIVE").put("simulatedCallees", true).put("ringTimeoutSeconds", 10)
                .put("callerId", "+15550001111")).getLong("id");
        String csv = "id,name,phone,phone_type,consent_source,consent_given,amount,days_overdue\n"
                + "DP-" + campaignId + ",Dora Desk,+1212555" + String.format("%02d", 50 + campaignId % 50) + "90,OWN_MOBILE,credit agreement,2024-01-10,80.00,15\n";
        assertThat(admin.postRaw("/api/campaigns/" + campaignId + "/leads", "text/csv", csv).json().getInteger("accepted")).isEqualTo(1);

        // bad input first: nothing is registered
        Api.Reply refused = admin.post("/api/agents", new JsonObject().put("name", "X").put("extension", "4711")
                .put("phoneType", "SIP").put("phone", "PJSIP/4711"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("phone");
        assertThat(admin.post("/api/agents", new JsonObject().put("name", "X").put("extension", "4712").put("phoneType", "FAX"))
                .body()).contains("phoneType");

        String extension = String.valueOf(ThreadLocalRandom.current().nextInt(10_000, 99_989));
        // a floor has many phones: more sections than one AMI action can carry are written (and kept)
        for (int i = 1; i <= 4; i++) {
            String other = "agent" + (Integer.parseInt(extension) + i);
            admin.expect(201, "/api/agents", new JsonObject().put("name", "Colleague " + i)
                    .put("extension", String.valueOf(Integer.parseInt(extension) + i)).put("phoneType", i % 2 == 0 ? "WEBRTC" : "SIP"));
            assertThat(AsteriskForTests.cli("pjsip show endpoint " + other)).contains("Endpoint:  " + other);
        }
        JsonObject agent = admin.expect(201, "/api/agents", new JsonObject().put("name", "Dan Desk").put("extension", extension)
                .put("phoneType", "SIP"));
        long agentId = agent.getLong("id");
        String sipUser = agent.getString("sipUsername");
        assertThat(sipUser).isEqualTo("agent" + extension);
        assertThat(AsteriskForTests.cli("pjsip show endpoint " + sipUser)).contains("Endpoint:  " + sipUser);
        assertThat(AsteriskForTests.cli("pjsip show endpoint agent" + (Integer.parseInt(extension) + 1)))
                .as("the phones written before are still there").contains("Endpoint:  agent" + (Integer.parseInt(extension) + 1));
        JsonArray listed = admin.get("/api/agents").array();
        JsonObject asListed = listed.stream().map(o -> (JsonObject) o).filter(o -> o.getLong("id") == agentId).findFirst().orElseThrow();
        assertThat(asListed.getString("phoneType")).isEqualTo("SIP");
        assertThat(asListed.containsKey("sipPassword")).as("the password is shown once, at registration").isFalse();

        try (DeskPhone phone = DeskPhone.start(sipUser, agent.getString("sipPassword"), PHONE_PORT)) {
            Await.until("the desk phone registered", Duration.ofSeconds(10), () -> AsteriskForTests.cli("pjsip show aor " + sipUser),
                    out -> out.contains("Contact:  " + sipUser + "/"));
            admin.expect(200, "/api/campaigns/" + campaignId + "/start", null);
            admin.expect(200, "/api/agents/" + agentId + "/login", new JsonObject().put("campaignId", campaignId).put("ready", true));
            Await.until("the agent on the call", Duration.ofSeconds(30), () -> state(agentId), "ON_CALL"::equals);
            ChannelStats first = Await.until("RTP both ways", Duration.ofSeconds(10),
                    () -> ChannelStats.ofEndpoint(sipUser).orElse(null), s -> s != null && s.received() > 0 && s.sent() > 0);
            ChannelStats later = Await.until("RTP growing both ways", Duration.ofSeconds(10),
                    () -> ChannelStats.ofEndpoint(sipUser).orElse(null),
                    s -> s != null && s.received() > first.received() + 25 && s.sent() > first.sent() + 25);
            System.out.println("[desk phone] Asterisk " + first + " -> " + later);
            assertThat(phone.log()).as("the session call's caller id names the campaign")
                    .containsPattern("From: \"Desk phone run\" <sip:\\+15550001111@");

            admin.expect(200, "/api/agents/" + agentId + "/hangup", null);
            Await.until("wrap-up", Duration.ofSeconds(10), () -> state(agentId), "WRAP_UP"::equals);
            admin.post("/api/agents/" + agentId + "/logout", null);
            Await.until("the session call hung up", Duration.ofSeconds(10), () -> ChannelStats.ofEndpoint(sipUser), s -> s.isEmpty());
        } finally {
            admin.post("/api/campaigns/" + campaignId + "/stop", null);
        }
    }

    private static String state(long agentId) {
        return server.api().get("/api/agents").array().stream().map(o -> (JsonObject) o).filter(o -> o.getLong("id") == agentId)
                .findFirst().map(o -> o.getJsonObject("session")).map(s -> s.getString("state")).orElse(null);
    }
}
