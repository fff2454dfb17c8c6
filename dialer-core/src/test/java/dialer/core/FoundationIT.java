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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The foundation end to end, through the HTTP API, the real Asterisk and PostgreSQL: a
 * progressive campaign of simulated callees, simulated agents in their conferences, and the
 * dispositions each kind of callee must end with.
 */
class FoundationIT {

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

    /** Numbers whose last digit picks the simulated callee (see SimulatedCallees). */
    private static final String CSV = """
            id,name,phone,amount,days_overdue,phone_type
            L-HUMAN-1,Maria Gonzalez,+1 212 555 0110,900.00,40,HOME
            L-HUMAN-2,James Smith,(212) 555-0121,800,35,HOME
            L-MACHINE,Wei Zhang,+12125550134,700.50,30,HOME
            L-BUSY,Aisha Khan,212-555-0146,600,25,HOME
            L-NOANSWER,Carlos Silva,+12125550157,500,20,HOME
            L-INVALID,Olga Petrova,+12125550169,400,15,HOME
            L-SHORT,Tom Brown,+12125550108,300,10,HOME
            B-NONAME,,+12125550111,10,5,HOME
            B-PHONE,Bad Phone,12345,10,5,HOME
            B-AMOUNT,Negative Amount,+12125550112,-5,5,HOME
            L-HUMAN-1,Maria Gonzalez,+1 212 555 0110,900.00,40,HOME
            B-DAYS,Bad Days,+12125550114,10,soon,HOME
            """;

    @Test
    void aProgressiveCampaignDialsConnectsPeopleToAgentsAndStoresTheRightDispositions() {
        JsonObject campaign = api.expect(201, "/api/campaigns", new JsonObject()
                .put("name", "Foundation " + System.nanoTime())
                .put("dialMode", "PROGRESSIVE")
                .put("simulatedCallees", true)
                .put("ringTimeoutSeconds", 5));
        long campaignId = campaign.getLong("id");
        assertThat(campaign.getString("dialString")).isEqualTo("Local/{number}@sim-carrier");
        assertThat(campaign.getJsonObject("amd")).as("the tuned AMD settings, handed to AMD() on each call")
                .isEqualTo(dialer.core.campaign.AmdSettings.TUNED.toJson());

        Api.Reply imported = api.postRaw("/api/campaigns/" + campaignId + "/leads", "text/csv", CSV);
        assertThat(imported.status()).isEqualTo(200);
        JsonObject report = imported.json();
        assertThat(report.getInteger("rows")).isEqualTo(12);
        assertThat(report.getInteger("accepted")).isEqualTo(8);
        assertThat(report.getInteger("newDebtors")).isEqualTo(7);
        assertThat(report.getInteger("merged")).as("the repeated record of L-HUMAN-1").isEqualTo(1);
        assertThat(report.getInteger("newLeads")).isEqualTo(7);
        Map<Integer, String> rejected = new HashMap<>();
        report.getJsonArray("rejected").forEach(o -> rejected.put(((JsonObject) o).getInteger("line"), ((JsonObject) o).getString("reason")));
        assertThat(rejected).containsOnlyKeys(9, 10, 11, 13);
        assertThat(rejected.get(9)).contains("name");
        assertThat(rejected.get(10)).contains("phone");
        assertThat(rejected.get(11)).contains("negative");
        assertThat(rejected.get(13)).contains("days_overdue");

        List<Long> agents = List.of(agent("Ann"), agent("Bob"));
        for (long agentId : agents) {
            api.expect(200, "/api/agents/" + agentId + "/login", new JsonObject().put("campaignId", campaignId).put("ready", true));
        }
        Await.until("both agents ready in their conferences", Duration.ofSeconds(20), () -> api.get("/api/agents").array(),
                all -> all.stream().map(o -> (JsonObject) o).filter(a -> agents.contains(a.getLong("id")))
                        .allMatch(a -> a.getJsonObject("session") != null
                                && "READY".equals(a.getJsonObject("session").getString("state"))));

        api.expect(200, "/api/campaigns/" + campaignId + "/start", null);
        // a disposition given during the call is stored a moment before the call ends: wait for both
        JsonArray attempts = Await.until("every lead dialed, disposed and ended", Duration.ofSeconds(120),
                () -> api.get("/api/campaigns/" + campaignId + "/attempts").array(),
                list -> list.size() == 7 && list.stream().allMatch(a -> ((JsonObject) a).getValue("disposition") != null
                        && "ENDED".equals(((JsonObject) a).getString("state"))));
        api.expect(200, "/api/campaigns/" + campaignId + "/stop", null);

        Map<String, JsonObject> byLead = new HashMap<>();
        attempts.forEach(o -> byLead.put(((JsonObject) o).getString("debtorExternalId"), (JsonObject) o));
        for (String person : List.of("L-HUMAN-1", "L-HUMAN-2", "L-SHORT")) {
            JsonObject a = byLead.get(person);
            assertThat(a.getString("outcome")).as(person).isEqualTo("ANSWERED_HUMAN");
            assertThat(a.getString("connectedAt")).as(person + " connected to an agent").isNotNull();
            assertThat(agents).contains(a.getLong("agentId"));
            assertThat(a.getJsonObject("disposition").getString("kind")).as(person).isEqualTo("AGENT");
        }
        assertThat(code(byLead, "L-MACHINE")).isEqualTo("MACHINE");
        assertThat(code(byLead, "L-BUSY")).isEqualTo("BUSY");
        assertThat(code(byLead, "L-NOANSWER")).isEqualTo("NO_ANSWER");
        assertThat(code(byLead, "L-INVALID")).isEqualTo("INVALID_NUMBER");
        assertThat(byLead.get("L-MACHINE").getString("connectedAt")).isNull();
        assertThat(byLead.values()).allMatch(a -> "ENDED".equals(a.getString("state")));
        assertThat(byLead.get("L-HUMAN-1").getString("phone")).isEqualTo("+12125550110");

        // priority: the two highest amounts were dialed first, one per ready agent
        List<String> firstTwo = attempts.stream().map(o -> (JsonObject) o)
                .sorted((x, y) -> Long.compare(x.getLong("id"), y.getLong("id"))).limit(2)
                .map(a -> a.getString("debtorExternalId")).toList();
        assertThat(firstTwo).containsExactlyInAnyOrder("L-HUMAN-1", "L-HUMAN-2");

        JsonObject detail = api.get("/api/campaigns/" + campaignId).json();
        assertThat(detail.getJsonObject("leads").getInteger("CLAIMED", 0)).isZero();
        String metrics = api.get("/metrics").body();
        assertThat(metrics).contains("dialer_calls_originated_total{campaign=\"" + campaignId + "\"} 7.0");
        assertThat(metrics).contains("dialer_calls_connected_total{campaign=\"" + campaignId + "\"} 3.0");
        assertThat(metrics).contains("dialer_agents{campaign=\"" + campaignId + "\",state=\"ready\"}");
        assertThat(api.get("/health").json().getString("status")).isEqualTo("UP");

        for (long agentId : agents) {
            api.expect(200, "/api/agents/" + agentId + "/logout", null);
        }
    }

    @Test
    void badRequestsNameTheFieldAndTheProblem() {
        Api.Reply reply = api.post("/api/campaigns", new JsonObject().put("name", "").put("dialMode", "TURBO")
                .put("ringTimeoutSeconds", 1).put("maxAbandonRate", 0.05)
                .put("amd", new JsonObject().put("greeting", 20).put("silenceThreshold", "loud")));
        assertThat(reply.status()).isEqualTo(400);
        JsonArray problems = reply.json().getJsonArray("problems");
        assertThat(problems.stream().map(p -> ((JsonObject) p).getString("field")))
                .contains("name", "dialMode", "dialString", "ringTimeoutSeconds", "maxAbandonRate", "amd.greeting",
                        "amd.silenceThreshold");
        assertThat(api.postRaw("/api/campaigns", "application/json", "{not json").status()).isEqualTo(400);
        assertThat(api.get("/api/campaigns/999999").status()).isEqualTo(404);
        assertThat(api.get("/api/campaigns/abc").json().getJsonArray("problems").getJsonObject(0).getString("field"))
                .isEqualTo("id");

        long campaignId = api.expect(201, "/api/campaigns", new JsonObject().put("name", "Bad files " + System.nanoTime())
                .put("simulatedCallees", true)).getLong("id");
        Api.Reply noColumns = api.postRaw("/api/campaigns/" + campaignId + "/leads", "text/csv", "id,name\n1,x\n");
        assertThat(noColumns.status()).isEqualTo(400);
        assertThat(noColumns.body()).contains("phone column").contains("amount").contains("days_overdue");
        Api.Reply broken = api.postRaw("/api/campaigns/" + campaignId + "/leads", "text/csv",
                "id,name,phone,amount,days_overdue\n1,\"unclosed,+12125550110,1,1\n");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.body()).contains("not readable as CSV");
        assertThat(api.get("/api/campaigns/" + campaignId).json().getJsonObject("leads")).isEmpty();

        Api.Reply loginNowhere = api.post("/api/agents/" + agent("Cy") + "/login", new JsonObject());
        assertThat(loginNowhere.status()).isEqualTo(400);
        assertThat(loginNowhere.body()).contains("campaignId");
    }

    private static String code(Map<String, JsonObject> byLead, String lead) {
        return byLead.get(lead).getJsonObject("disposition").getString("code");
    }

    private static long agent(String name) {
        String extension = String.valueOf(ThreadLocalRandom.current().nextInt(10_000, 99_999));
        return api.expect(201, "/api/agents", new JsonObject().put("name", name).put("extension", extension)
                .put("simulated", true)).getLong("id");
    }
}
