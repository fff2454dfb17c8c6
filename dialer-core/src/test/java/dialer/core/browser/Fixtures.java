package dialer.core.browser;

import dialer.core.testing.Api;
import dialer.core.testing.TestServer;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** What the browser tests set up through the API as an administrator: campaigns, leads, agents, accounts. */
final class Fixtures {

    private final TestServer server;
    private final Api admin;

    Fixtures(TestServer server) {
        this.server = server;
        this.admin = server.api();
    }

    Api admin() {
        return admin;
    }

    /** A campaign whose callees are simulated in Asterisk (their number's last digit says what they do). */
    long campaign(String name, String dialMode) {
        return campaign(name, dialMode, new JsonObject());
    }

    long campaign(String name, String dialMode, JsonObject settings) {
        return admin.expect(201, "/api/campaigns", settings.copy().put("name", name).put("dialMode", dialMode)
                .put("simulatedCallees", true).put("ringTimeoutSeconds", 10)).getLong("id");
    }

    /** One debtor with one number, their own mobile, with consent to call it. */
    void lead(long campaignId, String externalId, String name, String phone, String amount, int daysOverdue) {
        String csv = "id,name,phone,phone_type,consent_source,consent_given,amount,days_overdue\n"
                + externalId + "," + name + "," + phone + ",OWN_MOBILE,credit agreement,2024-01-10," + amount + "," + daysOverdue + "\n";
        Api.Reply reply = admin.postRaw("/api/campaigns/" + campaignId + "/leads", "text/csv", csv);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().getInteger("accepted")).as(reply.body()).isEqualTo(1);
    }

    /** A person at the console whose phone (simulated in Asterisk) answers by itself. */
    long agent(String name) {
        String extension = String.valueOf(ThreadLocalRandom.current().nextInt(10_000, 99_999));
        return admin.expect(201, "/api/agents", new JsonObject().put("name", name).put("extension", extension)
                .put("phone", "Local/{extension}@sim-agent-phone")).getLong("id");
    }

    /** An account, signed in for API calls; its password is the user name followed by "-password". */
    Api account(String username, String role, Long agentId, List<Long> campaigns) {
        return server.user(username, role, agentId, campaigns);
    }

    static String password(String username) {
        return username + "-password";
    }

    void start(long campaignId) {
        admin.expect(200, "/api/campaigns/" + campaignId + "/start", null);
    }

    void pause(long campaignId) {
        admin.expect(200, "/api/campaigns/" + campaignId + "/pause", null);
    }

    void stop(long campaignId) {
        admin.expect(200, "/api/campaigns/" + campaignId + "/stop", null);
    }
}
