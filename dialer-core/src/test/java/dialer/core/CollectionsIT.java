package dialer.core;

import dialer.core.testing.Api;
import dialer.core.testing.Await;
import dialer.core.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Collections work through the real server, Asterisk and PostgreSQL: the order debtors and their
 * numbers are called in, retry rules, promises kept and broken, callbacks for their owner, each
 * debtor's history and the daily recovery report.
 */
class CollectionsIT {

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

    private static long campaign(JsonObject settings) {
        return api.expect(201, "/api/campaigns", settings.put("name", "Collections " + System.nanoTime())
                .put("dialMode", "PROGRESSIVE").put("simulatedCallees", true).put("ringTimeoutSeconds", 5)).getLong("id");
    }

    private static long agent(boolean simulated) {
        String extension = String.valueOf(ThreadLocalRandom.current().nextInt(10_000, 99_999));
        JsonObject body = new JsonObject().put("name", "Agent " + extension).put("extension", extension);
        if (simulated) {
            body.put("simulated", true);
        } else {
            // a person at the console, on a simulated phone: dispositions come from the test
            body.put("phone", "Local/{extension}@sim-agent-phone");
        }
        return api.expect(201, "/api/agents", body).getLong("id");
    }

    private static void loginReady(long agent, long campaignId) {
        api.expect(200, "/api/agents/" + agent + "/login", new JsonObject().put("campaignId", campaignId).put("ready", true));
        Await.until("agent " + agent + " ready", Duration.ofSeconds(20), () -> session(agent),
                s -> s != null && "READY".equals(s.getString("state")));
    }

    private static JsonObject session(long agent) {
        return api.get("/api/agents").array().stream().map(o -> (JsonObject) o).filter(a -> a.getLong("id") == agent)
                .findFirst().map(a -> a.getJsonObject("session")).orElse(null);
    }

    private static JsonArray attempts(long campaignId) {
        return api.get("/api/campaigns/" + campaignId + "/attempts?limit=100").array();
    }

    private static List<JsonObject> oldestFirst(JsonArray attempts) {
        return attempts.stream().map(o -> (JsonObject) o).sorted((a, b) -> Long.compare(a.getLong("id"), b.getLong("id"))).toList();
    }

    @Test
    void theDebtorsOwnNumbersAreTriedBeforeAThirdPartyAndRetriesFollowTheCampaignsRules() {
        long campaignId = campaign(new JsonObject().put("maxAttemptsPerNumber", 1));
        for (String code : List.of("BUSY", "NO_ANSWER")) {
            api.put("/api/campaigns/" + campaignId + "/dispositions/" + code, new JsonObject().put("label", code)
                    .put("retryMinutes", 0));
        }
        // busy mobile (…46), home that does not answer (…57), a sister who answers (…20)
        String csv = "id,name,phone,phone_type,consent_source,consent_given,phone_home,phone_third_party,third_party_relationship,"
                + "amount,days_overdue\nN-" + campaignId + ",Dee Ell,+12125550146,OWN_MOBILE,credit agreement,2024-01-10,"
                + "+12125550157,+12125550120,sister,300,30\n";
        assertThat(api.postRaw("/api/campaigns/" + campaignId + "/leads", "text/csv", csv).json().getInteger("accepted")).isEqualTo(1);
        long agent = agent(true);
        loginReady(agent, campaignId);
        api.expect(200, "/api/campaigns/" + campaignId + "/start", null);
        JsonArray all = Await.until("three attempts, the last one disposed", Duration.ofSeconds(90), () -> attempts(campaignId),
                a -> a.size() >= 3 && oldestFirst(a).get(2).getValue("disposition") != null);
        api.expect(200, "/api/campaigns/" + campaignId + "/stop", null);
        api.expect(200, "/api/agents/" + agent + "/logout", null);

        List<JsonObject> byOrder = oldestFirst(all);
        assertThat(byOrder).extracting(a -> a.getString("phone")).startsWith("+12125550146", "+12125550157", "+12125550120");
        assertThat(byOrder.get(0).getJsonObject("disposition").getString("code")).isEqualTo("BUSY");
        assertThat(byOrder.get(1).getJsonObject("disposition").getString("code")).isEqualTo("NO_ANSWER");
        assertThat(byOrder.get(2).getString("outcome")).isEqualTo("ANSWERED_HUMAN");
        assertThat(byOrder.get(2).getLong("agentId")).isEqualTo(agent);
        JsonObject debtor = api.get("/api/debtors?externalId=N-" + campaignId).json();
        assertThat(debtor.getJsonArray("phones").stream().map(p -> ((JsonObject) p).getInteger("attempts"))).containsExactly(1, 1, 1);
    }

    @Test
    void theQueueFollowsTheCampaignsPriorityOrder() {
        long campaignId = campaign(new JsonObject().put("priority", new JsonArray()
                .add(new JsonObject().put("field", "days_overdue").put("direction", "asc"))));
        // all busy (…6): each call ends at once; the order of first attempts is the queue's order
        String csv = "id,name,phone,phone_type,amount,days_overdue\n"
                + "P1-" + campaignId + ",A,+12125550116,HOME,900,300\n"
                + "P2-" + campaignId + ",B,+12125550126,HOME,100,10\n"
                + "P3-" + campaignId + ",C,+12125550136,HOME,500,90\n";
        api.postRaw("/api/campaigns/" + campaignId + "/leads", "text/csv", csv);
        long agent = agent(true);
        loginReady(agent, campaignId);
        api.expect(200, "/api/campaigns/" + campaignId + "/start", null);
        JsonArray all = Await.until("three first attempts", Duration.ofSeconds(60), () -> attempts(campaignId), a -> a.size() >= 3);
        api.expect(200, "/api/campaigns/" + campaignId + "/stop", null);
        api.expect(200, "/api/agents/" + agent + "/logout", null);
        assertThat(oldestFirst(all)).extracting(a -> a.getString("debtorExternalId"))
                .startsWith("P2-" + campaignId, "P3-" + campaignId, "P1-" + campaignId);
    }

    @Test
    void promisesAreKeptByPaymentsOrBrokenAndCallbacksGoBackToTheirAgent() throws Exception {
        long campaignId = campaign(new JsonObject());
        // a debtor's callback is requested by them: the house minimum gap between calls to a number does not apply
        api.expect(201, "/api/campaigns/" + campaignId + "/compliance/overrides", new JsonObject().put("ruleId", "min-gap.number")
                .put("reason", "callbacks requested by the debtor are returned at once"));
        String csv = "id,name,phone,phone_type,amount,days_overdue\n"
                + "K1-" + campaignId + ",Kay One,+12125550110,HOME,500,40\n"
                + "K2-" + campaignId + ",Kay Two,+12125550121,HOME,400,40\n";
        api.postRaw("/api/campaigns/" + campaignId + "/leads", "text/csv", csv);
        long agent = agent(false);
        loginReady(agent, campaignId);
        api.expect(200, "/api/campaigns/" + campaignId + "/start", null);

        // first call (K1, the larger debt): a promise to pay 100 in two days
        long first = onCall(agent, 0);
        api.expect(201, "/api/attempts/" + first + "/disposition", new JsonObject().put("agentId", agent).put("code", "PTP")
                .put("note", "will pay on Friday")
                .put("promise", new JsonObject().put("amount", 100).put("dueDate", today().plusDays(2).toString())));
        api.expect(200, "/api/agents/" + agent + "/hangup", null);

        // second call (K2): call me back in 20 seconds, my time
        long second = onCall(agent, first);
        String at = LocalDateTime.now(server.clock().withZone(ZoneId.of("America/New_York"))).plusSeconds(20)
                .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        Api.Reply noTime = api.post("/api/attempts/" + second + "/disposition", new JsonObject().put("agentId", agent).put("code", "CALLBACK"));
        assertThat(noTime.status()).isEqualTo(400);
        assertThat(noTime.body()).contains("callback");
        api.expect(201, "/api/attempts/" + second + "/disposition", new JsonObject().put("agentId", agent).put("code", "CALLBACK")
                .put("callback", new JsonObject().put("at", at.substring(0, 19)).put("owner", "me")));
        api.expect(200, "/api/agents/" + agent + "/hangup", null);
        JsonArray callbacks = api.get("/api/callbacks?campaignId=" + campaignId).array();
        assertThat(callbacks).hasSize(1);
        assertThat(callbacks.getJsonObject(0).getString("zone")).isEqualTo("America/New_York");
        assertThat(callbacks.getJsonObject(0).getLong("ownerAgentId")).isEqualTo(agent);

        // the callback comes back to this agent when due: K2 again
        long third = onCall(agent, second);
        JsonObject callbackAttempt = api.get("/api/attempts/" + third).json();
        assertThat(callbackAttempt.getString("debtorExternalId")).isEqualTo("K2-" + campaignId);
        api.expect(201, "/api/attempts/" + third + "/disposition", new JsonObject().put("agentId", agent).put("code", "PTP")
                .put("promise", new JsonObject().put("amount", 50).put("dueDate", today().toString())));
        api.expect(200, "/api/agents/" + agent + "/hangup", null);
        api.expect(200, "/api/campaigns/" + campaignId + "/stop", null);
        Await.until("agent ready again", Duration.ofSeconds(10), () -> session(agent), s -> "READY".equals(s.getString("state")));
        api.expect(200, "/api/agents/" + agent + "/logout", null);
        assertThat(api.get("/api/callbacks?campaignId=" + campaignId).array().getJsonObject(0).getString("status")).isEqualTo("DONE");

        // K1 pays: the promise is kept. A repeated file changes nothing.
        String payments = "debtor_id,reference,amount,paid_on\nK1-" + campaignId + ",PAY-" + campaignId + "-1,60.00," + today()
                + "\nK1-" + campaignId + ",PAY-" + campaignId + "-2,40.00," + today() + "\nNOBODY,PAY-x,5," + today() + "\n";
        JsonObject paid = api.postRaw("/api/payments/import", "text/csv", payments).json();
        assertThat(paid.getInteger("imported")).isEqualTo(2);
        assertThat(paid.getInteger("promisesKept")).isEqualTo(1);
        assertThat(paid.getJsonArray("rejected").getJsonObject(0).getString("reason")).contains("no debtor");
        assertThat(api.postRaw("/api/payments/import", "text/csv", payments).json().getInteger("duplicates")).isEqualTo(2);

        // K2 does not pay, and its due date passes
        try (var c = server.server().dataSource().getConnection(); var s = c.createStatement()) {
            s.executeUpdate("update promise set due_date = date '" + today().minusDays(3) + "' where status = 'OPEN' and campaign_id = " + campaignId);
        }
        assertThat(api.post("/api/promises/check", new JsonObject()).json().getInteger("broken")).isGreaterThanOrEqualTo(1);
        JsonArray promises = api.get("/api/promises?campaignId=" + campaignId).array();
        assertThat(promises.stream().map(p -> ((JsonObject) p).getString("status"))).containsExactlyInAnyOrder("KEPT", "BROKEN");
        JsonObject k2 = api.get("/api/debtors?externalId=K2-" + campaignId).json();
        assertThat(k2.getInteger("brokenPromises")).isEqualTo(1);
        JsonObject k2Lead = api.get("/api/campaigns/" + campaignId + "/leads").array().stream().map(o -> (JsonObject) o)
                .filter(l -> l.getString("debtorExternalId").equals("K2-" + campaignId)).findFirst().orElseThrow();
        assertThat(k2Lead.getString("state")).as("a follow-up call is scheduled").isEqualTo("READY");

        JsonArray history = api.get("/api/debtors/" + api.get("/api/debtors?externalId=K1-" + campaignId).json().getLong("id")
                + "/history").array();
        assertThat(history.stream().map(h -> ((JsonObject) h).getString("kind")))
                .containsSubsequence("DISPOSITION", "PROMISE", "ATTEMPT", "PAYMENT", "PAYMENT", "PROMISE_KEPT");
        assertThat(history.encode()).doesNotContain("+12125550110");

        JsonArray report = api.get("/api/reports/recovery?campaignId=" + campaignId).array();
        JsonObject total = report.stream().map(o -> (JsonObject) o).filter(l -> l.getValue("agentId") == null).findFirst().orElseThrow();
        assertThat(total.getLong("attempts")).isEqualTo(3);
        assertThat(total.getLong("contacts")).isEqualTo(3);
        assertThat(total.getLong("promises")).isEqualTo(2);
        assertThat(total.getString("promisedAmount")).isEqualTo("150.00");
        assertThat(total.getLong("kept")).isEqualTo(1);
        assertThat(total.getLong("broken")).isEqualTo(1);
        assertThat(total.getString("collected")).isEqualTo("100.00");
        JsonObject byAgent = report.stream().map(o -> (JsonObject) o).filter(l -> Long.valueOf(agent).equals(l.getLong("agentId")))
                .findFirst().orElseThrow();
        assertThat(byAgent.getString("collected")).isEqualTo("100.00");
        String csvReport = api.get("/api/reports/recovery.csv?campaignId=" + campaignId).body();
        assertThat(csvReport.lines().findFirst().orElseThrow()).startsWith("date,campaign_id,campaign,agent_id");
        assertThat(csvReport.lines().count()).isEqualTo(3);
    }

    /** Today on the server's clock, in UTC (the report's default day). */
    private static LocalDate today() {
        return LocalDate.now(server.clock().withZone(java.time.ZoneOffset.UTC));
    }

    /** Waits until the agent is on a call; returns its attempt. */
    /** The agent's next call: hang-up answers before the call has ended, so the previous one may still show. */
    private static long onCall(long agent, long previousAttempt) {
        JsonObject s = Await.until("agent " + agent + " on a call after attempt " + previousAttempt, Duration.ofSeconds(60),
                () -> session(agent), x -> x != null && "ON_CALL".equals(x.getString("state"))
                        && x.getLong("attemptId", 0L) != previousAttempt);
        return s.getLong("attemptId");
    }
}
