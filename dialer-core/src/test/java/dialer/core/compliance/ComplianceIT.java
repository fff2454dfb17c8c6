package dialer.core.compliance;

import dialer.ami.asterisk.AmiSettings;
import dialer.ami.testing.AsteriskForTests;
import dialer.core.DialerServer;
import dialer.core.testing.AmiObserver;
import dialer.core.testing.Api;
import dialer.core.testing.Await;
import dialer.core.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A campaign under the US preset through the real Asterisk: the guard lets through only the calls
 * it allows (Asterisk never sees another), and its decision log says why each skipped lead was
 * skipped.
 */
class ComplianceIT {

    private static TestServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        // 10:00 in New York: 09:00 in Chicago, 07:00 in Los Angeles (before the US 08:00 opening)
        server = TestServer.start(new DialerServer.DemoAgentTiming(Duration.ofMillis(1000), Duration.ofMillis(1500),
                Duration.ofMillis(300)), TestServer.clockAt(ZoneId.of("America/New_York"), LocalTime.of(10, 0)));
        api = server.api();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Numbers' last digits pick the simulated callee (0 person, 6 busy): see SimulatedCallees. */
    private static final String CSV = """
            id,name,phone,amount,days_overdue,phone_type,consent_source,consent_given,flags
            C-ALLOWED,Ann Lee,+12125550110,900,40,HOME,,,
            C-SPOUSE,Bob Lee,+12125550110,850,40,HOME,,,
            C-DNC,Cy Dee,+12125550126,800,40,HOME,,,
            C-CEASE,Di Eve,+12125550136,700,40,HOME,,,CEASE_COMMUNICATION
            C-NIGHT,Ed Fox,+14155550146,600,40,HOME,,,
            C-NOCONSENT,Flo Gee,+13125550156,500,40,OWN_MOBILE,,,
            C-CONSENT,Gus Hay,+13125550166,400,40,OWN_MOBILE,credit agreement,2024-06-01,
            C-DISPUTE,Hal Ivy,+12125550186,300,40,HOME,,,DISPUTE
            """;

    @Test
    void onlyAllowedCallsReachAsteriskAndEverySkipIsExplained() throws Exception {
        long campaignId = api.expect(201, "/api/campaigns", new JsonObject()
                .put("name", "Compliance " + System.nanoTime()).put("dialMode", "PROGRESSIVE")
                .put("simulatedCallees", true).put("ringTimeoutSeconds", 5)
                .put("compliance", new JsonObject().put("preset", "US"))).getLong("id");
        JsonObject report = api.postRaw("/api/campaigns/" + campaignId + "/leads", "text/csv", CSV).json();
        assertThat(report.getInteger("accepted")).as(report.encode()).isEqualTo(8);
        api.expect(201, "/api/compliance/lists", new JsonObject().put("kind", "DO_NOT_CALL").put("phone", "+12125550126")
                .put("source", "debtor's letter of 2026-11-02"));

        AmiSettings ami = AsteriskForTests.ami();
        try (AmiObserver observer = new AmiObserver(ami)) {
            long agent = agent();
            api.expect(200, "/api/agents/" + agent + "/login", new JsonObject().put("campaignId", campaignId).put("ready", true));
            Await.until("agent ready", Duration.ofSeconds(20), () -> api.get("/api/agents").array(),
                    all -> all.stream().map(o -> (JsonObject) o).anyMatch(a -> a.getLong("id") == agent
                            && a.getJsonObject("session") != null && "READY".equals(a.getJsonObject("session").getString("state"))));
            api.expect(200, "/api/campaigns/" + campaignId + "/start", null);

            JsonArray attempts = Await.until("the allowed calls made and disposed", Duration.ofSeconds(90),
                    () -> api.get("/api/campaigns/" + campaignId + "/attempts").array(),
                    list -> list.size() >= 2 && list.stream().allMatch(a -> ((JsonObject) a).getValue("disposition") != null));
            Map<String, JsonObject> decided = Await.until("a BLOCK decision for every skipped lead", Duration.ofSeconds(60),
                    () -> lastDecisionByDebtorPhone(campaignId),
                    d -> d.keySet().containsAll(Set.of("+12125550110#BLOCK", "+12125550126#BLOCK", "+12125550136#BLOCK",
                            "+14155550146#BLOCK", "+13125550156#BLOCK", "+12125550186#BLOCK")));
            api.expect(200, "/api/campaigns/" + campaignId + "/stop", null);
            api.expect(200, "/api/agents/" + agent + "/logout", null);
            Thread.sleep(500);

            // only the two allowed calls were attempted ...
            List<String> attempted = attempts.stream().map(a -> ((JsonObject) a).getString("debtorExternalId")).sorted().toList();
            assertThat(attempted).containsExactly("C-ALLOWED", "C-CONSENT");
            // ... and Asterisk saw no channel to any blocked number
            Set<String> dialed = observer.dialedNumbers();
            assertThat(dialed).contains("12125550110", "13125550166");
            assertThat(dialed).doesNotContain("12125550126", "12125550136", "14155550146", "13125550156", "12125550186");

            // why each skipped lead was skipped
            assertThat(failingRules(decided, "+12125550126#BLOCK")).contains("dnc");
            assertThat(failingRules(decided, "+12125550136#BLOCK")).contains("cease-communication");
            assertThat(failingRules(decided, "+14155550146#BLOCK")).contains("us.hours");
            assertThat(decided.get("+14155550146#BLOCK").getString("nextAllowedAt")).isNotNull();
            assertThat(failingRules(decided, "+13125550156#BLOCK")).contains("us.tcpa.consent");
            assertThat(failingRules(decided, "+12125550186#BLOCK")).contains("flags.no-automatic");
            // the spouse sharing the first debtor's number: blocked while that call was on or just after it
            assertThat(failingRules(decided, "+12125550110#BLOCK")).containsAnyOf("one-call-at-a-time", "min-gap.number");
            assertThat(decided.get("+12125550126#BLOCK").getString("phone")).isEqualTo("+1212***0126");

            // blocked until something changes (list, flag, consent) vs. blocked until a known time
            Map<String, JsonObject> leadByDebtor = new HashMap<>();
            api.get("/api/campaigns/" + campaignId + "/leads").array()
                    .forEach(o -> leadByDebtor.put(((JsonObject) o).getString("debtorExternalId"), (JsonObject) o));
            for (String untilChanged : List.of("C-DNC", "C-CEASE", "C-NOCONSENT", "C-DISPUTE")) {
                assertThat(leadByDebtor.get(untilChanged).getString("state")).as(untilChanged).isEqualTo("BLOCKED");
                assertThat(leadByDebtor.get(untilChanged).getString("blockedReason")).as(untilChanged).isNotBlank();
            }
            JsonObject night = leadByDebtor.get("C-NIGHT");
            assertThat(night.getString("state")).isEqualTo("READY");
            assertThat(night.getString("nextCallAt")).isEqualTo(decided.get("+14155550146#BLOCK").getString("nextAllowedAt"));
            assertThat(night.getString("blockedReason")).contains("us.hours");
            assertThat(leadByDebtor.get("C-SPOUSE").getString("state")).isEqualTo("READY");
            assertThat(leadByDebtor.get("C-SPOUSE").getInteger("attempts")).isZero();

            String csv = api.get("/api/compliance/decisions.csv?campaignId=" + campaignId).body();
            assertThat(csv.lines().findFirst().orElse("")).contains("verdict");
            assertThat(csv).contains("us.hours").doesNotContain("+14155550146");
        }
    }

    @Test
    void aCreditorsDoNotCallAndAnUnverifiedDisputeHoldOnEveryPathHandDialedIncluded() {
        long campaignId = api.expect(201, "/api/campaigns", new JsonObject().put("name", "Paths " + System.nanoTime())
                .put("dialMode", "PROGRESSIVE").put("simulatedCallees", true)
                .put("compliance", new JsonObject().put("preset", "US").put("creditor", "Acme Bank"))).getLong("id");
        JsonObject report = api.postRaw("/api/campaigns/" + campaignId + "/leads", "text/csv", """
                id,name,phone,amount,days_overdue,phone_type,flags
                P-CRED,Ivy Jay,+12125550191,900,40,HOME,
                P-UNVER,Kim Lo,+12125550171,800,40,HOME,DISPUTE_UNVERIFIED
                """).json();
        assertThat(report.getInteger("accepted")).as(report.encode()).isEqualTo(2);
        JsonObject entry = api.expect(201, "/api/compliance/lists", new JsonObject().put("kind", "DO_NOT_CALL")
                .put("phone", "+12125550191").put("creditor", "Acme Bank").put("source", "debtor asked on 2026-12-01: not about Acme's debts"));
        assertThat(entry.getString("creditor")).isEqualTo("Acme Bank");
        Api.Reply both = api.post("/api/compliance/lists", new JsonObject().put("kind", "DO_NOT_CALL").put("phone", "+12125550191")
                .put("creditor", "Acme Bank").put("campaignId", campaignId).put("source", "x"));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.body()).contains("creditor");

        long agent = agent();
        api.expect(200, "/api/agents/" + agent + "/login", new JsonObject().put("campaignId", campaignId));
        Await.until("agent in the conference", Duration.ofSeconds(20), () -> api.get("/api/agents").array(),
                all -> all.stream().map(o -> (JsonObject) o).anyMatch(a -> a.getLong("id") == agent
                        && a.getJsonObject("session") != null && "PAUSED".equals(a.getJsonObject("session").getString("state"))));
        Api agentApi = server.user("paths-agent-" + agent, "AGENT", agent, List.of(campaignId));
        try {
            // hand-dialed by the agent: the creditor's list and the unverified dispute still hold
            Api.Reply creditorList = agentApi.post("/api/agents/" + agent + "/dial", new JsonObject().put("number", "+12125550191"));
            assertThat(creditorList.status()).as(creditorList.body()).isEqualTo(409);
            assertThat(creditorList.json().getJsonArray("blocked").stream().map(b -> ((JsonObject) b).getString("rule"))).contains("dnc");
            Api.Reply disputed = agentApi.post("/api/agents/" + agent + "/dial", new JsonObject().put("number", "+12125550171"));
            assertThat(disputed.status()).as(disputed.body()).isEqualTo(409);
            assertThat(disputed.json().getJsonArray("blocked").stream().map(b -> ((JsonObject) b).getString("rule")))
                    .contains("dispute.unverified");
        } finally {
            api.expect(200, "/api/agents/" + agent + "/logout", null);
        }
    }

    @Test
    void theStatesOverlaysAreListedWithThePresetAndTheCampaignsRules() {
        JsonObject us = api.get("/api/compliance/presets").array().stream().map(p -> (JsonObject) p)
                .filter(p -> "US".equals(p.getString("code"))).findFirst().orElseThrow();
        assertThat(us.getJsonArray("overlays").stream().map(o -> ((JsonObject) o).getString("state"))).contains("MA", "WA");
        JsonObject ma = us.getJsonArray("overlays").stream().map(o -> (JsonObject) o)
                .filter(o -> "MA".equals(o.getString("state"))).findFirst().orElseThrow();
        assertThat(ma.getBoolean("alwaysApplied")).as("only for debtors of the state").isFalse();
        assertThat(ma.getJsonArray("rules").stream().map(r -> ((JsonObject) r).getString("description")))
                .anySatisfy(d -> assertThat(d).contains("940 CMR 7.04"));

        long campaignId = api.expect(201, "/api/campaigns", new JsonObject().put("name", "Overlays " + System.nanoTime())
                .put("simulatedCallees", true).put("compliance", new JsonObject().put("preset", "US"))).getLong("id");
        JsonObject rules = api.get("/api/campaigns/" + campaignId + "/compliance").json();
        assertThat(rules.getJsonArray("overlays").stream().map(o -> ((JsonObject) o).getString("state")))
                .as("a campaign on the US preset brings in the states' rules").contains("MA", "WA");
    }

    @Test
    void loosteningAPresetRuleIsExplicitAndAudited() {
        long campaignId = api.expect(201, "/api/campaigns", new JsonObject().put("name", "Loosen " + System.nanoTime())
                .put("simulatedCallees", true).put("compliance", new JsonObject().put("preset", "US")
                        .put("maxAttemptsPerDebtorPerDay", 2).put("callingHours", new JsonObject().put("from", "09:00").put("until", "20:00"))))
                .getLong("id");
        JsonObject before = api.get("/api/campaigns/" + campaignId + "/compliance").json();
        assertThat(before.getJsonArray("rules").stream().map(r -> ((JsonObject) r).getString("id")))
                .contains("us.hours", "campaign.hours", "campaign.attempts-per-day");

        Api.Reply unexplained = api.post("/api/campaigns/" + campaignId + "/compliance/overrides",
                new JsonObject().put("ruleId", "us.tcpa.consent"));
        assertThat(unexplained.status()).isEqualTo(400);
        assertThat(unexplained.body()).contains("reason");
        assertThat(api.post("/api/campaigns/" + campaignId + "/compliance/overrides", new JsonObject()
                .put("ruleId", "no.such.rule").put("reason", "because of something")).status()).isEqualTo(400);
        // only an administrator may loosen, and it is recorded as theirs
        Api supervisor = server.user("sup" + campaignId, "SUPERVISOR", null, List.of(campaignId));
        assertThat(supervisor.post("/api/campaigns/" + campaignId + "/compliance/overrides", new JsonObject()
                .put("ruleId", "us.tcpa.consent").put("reason", "consent held by the creditor")).status()).isEqualTo(403);

        api.expect(201, "/api/campaigns/" + campaignId + "/compliance/overrides", new JsonObject().put("ruleId", "us.tcpa.consent")
                .put("reason", "consent held by the creditor, checked per file"));
        JsonObject after = api.get("/api/campaigns/" + campaignId + "/compliance").json();
        assertThat(after.getString("ruleSetVersion")).isNotEqualTo(before.getString("ruleSetVersion"));
        assertThat(after.getJsonArray("rules").stream().map(r -> ((JsonObject) r).getString("id"))).doesNotContain("us.tcpa.consent");
        assertThat(after.getJsonArray("overrides").getJsonObject(0).getString("actor")).isEqualTo("Administrator (admin)");

        Api.Reply silentPresetChange = api.put("/api/campaigns/" + campaignId + "/compliance",
                new JsonObject().put("settings", new JsonObject().put("preset", "UK")));
        assertThat(silentPresetChange.status()).isEqualTo(400);
        assertThat(silentPresetChange.body()).contains("reason");
    }

    private static long agent() {
        String extension = String.valueOf(ThreadLocalRandom.current().nextInt(10_000, 99_999));
        return api.expect(201, "/api/agents", new JsonObject().put("name", "Agent").put("extension", extension)
                .put("simulated", true)).getLong("id");
    }

    /** The latest decision per (phone, verdict), keyed "phone#VERDICT", with full numbers looked up from the leads. */
    private static Map<String, JsonObject> lastDecisionByDebtorPhone(long campaignId) {
        JsonArray decisions = api.get("/api/compliance/decisions?campaignId=" + campaignId + "&limit=1000").array();
        Map<String, String> phoneByLead = phonesByLead(campaignId);
        Map<String, JsonObject> out = new HashMap<>();
        for (Object o : decisions) {
            JsonObject d = (JsonObject) o;
            String phone = phoneByLead.get(d.getString("lead"));
            if (phone != null) {
                out.putIfAbsent(phone + "#" + d.getString("verdict"), d);
            }
        }
        return out;
    }

    private static Map<String, String> phonesByLead(long campaignId) {
        Map<String, String> byExternal = CSV.lines().skip(1).collect(Collectors.toMap(l -> l.split(",")[0], l -> l.split(",")[2]));
        JsonArray leads = api.get("/api/campaigns/" + campaignId + "/leads?limit=100").array();
        Map<String, String> out = new HashMap<>();
        for (Object o : leads) {
            JsonObject lead = (JsonObject) o;
            out.put("lead-" + lead.getLong("id"), byExternal.get(lead.getString("debtorExternalId")));
        }
        return out;
    }

    private static List<String> failingRules(Map<String, JsonObject> decided, String key) {
        return decided.get(key).getJsonArray("failures").stream().map(f -> ((JsonObject) f).getString("ruleId")).toList();
    }
}
