package dialer.core;

import dialer.core.testing.Api;
import dialer.core.testing.Await;
import dialer.core.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Payment arrangements through the real server, Asterisk and PostgreSQL: plans refused by the
 * campaign's rules (400 naming the field, nothing written), a settlement over the agent's
 * authority approved by a supervisor (never by the agent), and a plan whose instalments the
 * payments imports keep and then break, with the follow-up, the broken counts and the history.
 */
class PaymentPlansIT {

    private static TestServer server;
    private static Api admin;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        admin = server.api();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void plansFollowTheRulesSettlementsWaitForASupervisorAndInstalmentsAreKeptThenBroken() throws Exception {
        long campaignId = admin.expect(201, "/api/campaigns", new JsonObject().put("name", "Plans " + System.nanoTime())
                .put("dialMode", "PROGRESSIVE").put("simulatedCallees", true).put("ringTimeoutSeconds", 5)).getLong("id");
        Api.Reply rules = admin.put("/api/campaigns/" + campaignId + "/plan-rules", new JsonObject()
                .put("minFirstPercent", 10).put("maxInstalments", 6).put("maxTermDays", 200).put("minInstalmentAmount", "50")
                .put("graceDays", 3).put("settlementAuthorityPercent", 10));
        assertThat(rules.status()).as(rules.body()).isEqualTo(200);
        assertThat(rules.json().getString("minFirstPercent")).isEqualTo("10.00");
        assertThat(admin.get("/api/audit?limit=5").body()).contains("plan rules");
        Api.Reply badRules = admin.put("/api/campaigns/" + campaignId + "/plan-rules", new JsonObject().put("graceDays", 99));
        assertThat(badRules.status()).isEqualTo(400);
        assertThat(badRules.body()).contains("graceDays");
        // the settlement debtor (the larger debt, called first) and the plan debtor; both pick up and talk
        String csv = "id,name,phone,phone_type,amount,days_overdue\n"
                + "S-" + campaignId + ",Sam Settle,+12125550111,HOME,1000,60\n"
                + "L-" + campaignId + ",Lee Plan,+12125550131,HOME,900,60\n"
                + "R-" + campaignId + ",Ray Refused,+12125550151,HOME,800,60\n";
        admin.postRaw("/api/campaigns/" + campaignId + "/leads", "text/csv", csv);
        // Lee promised 200.00 earlier; the plan made on this call replaces that promise
        long leeDebtor = admin.get("/api/debtors?externalId=L-" + campaignId).json().getLong("id");
        try (var c = server.server().dataSource().getConnection(); var s = c.createStatement()) {
            // (made outside this campaign: its own promise list stays empty until the plans below)
            s.executeUpdate("insert into promise (debtor_id, amount, due_date) values (" + leeDebtor + ", 200, current_date + 5)");
        }
        String extension = String.valueOf(ThreadLocalRandom.current().nextInt(10_000, 99_999));
        long agent = admin.expect(201, "/api/agents", new JsonObject().put("name", "Agent " + extension).put("extension", extension)
                .put("phone", "Local/{extension}@sim-agent-phone")).getLong("id");
        Api agentApi = server.user("plans-agent" + campaignId, "AGENT", agent, List.of());
        Api supervisor = server.user("plans-boss" + campaignId, "SUPERVISOR", null, List.of(campaignId));

        admin.expect(200, "/api/agents/" + agent + "/login", new JsonObject().put("campaignId", campaignId).put("ready", true));
        admin.expect(200, "/api/campaigns/" + campaignId + "/start", null);

        // first call (S): plans that break the rules are refused naming the field, and nothing is written
        long first = onCall(agent, 0);
        JsonObject tooSmall = plan(null, "50.00", today(), "950.00", today().plusDays(30));
        JsonObject check = agentApi.expect(200, "/api/attempts/" + first + "/plan-check", new JsonObject().put("plan", tooSmall));
        assertThat(check.getString("balance")).isEqualTo("1000.00");
        assertThat(check.getJsonArray("problems").getJsonObject(0).getString("field")).isEqualTo("plan.instalments[0].amount");
        Api.Reply refused = agentApi.post("/api/attempts/" + first + "/disposition", ptp(tooSmall));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().getJsonArray("problems").getJsonObject(0).getString("field")).isEqualTo("plan.instalments[0].amount");
        assertThat(refused.body()).contains("100.00").contains("minimum first payment");
        JsonObject tooLong = plan(null, "300.00", today(), "300.00", today().plusDays(100), "300.00", today().plusDays(201));
        Api.Reply late = agentApi.post("/api/attempts/" + first + "/disposition", ptp(tooLong));
        assertThat(late.status()).isEqualTo(400);
        assertThat(late.json().getJsonArray("problems").getJsonObject(0).getString("field")).isEqualTo("plan.instalments[2].dueDate");
        Api.Reply badDate = agentApi.post("/api/attempts/" + first + "/disposition",
                ptp(plan(null, "300.00", today()).put("frequency", "YEARLY")));
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.body()).contains("plan.frequency");
        assertThat(admin.get("/api/attempts/" + first).json().getValue("disposition")).as("nothing written").isNull();
        assertThat(admin.get("/api/promises?campaignId=" + campaignId).array()).isEmpty();

        // 30% off 1000.00 (700.00 in two instalments): over the agent's 10%, it waits for a supervisor
        JsonObject settlement = plan("30", "350.00", today(), "350.00", today().plusDays(30));
        assertThat(agentApi.expect(200, "/api/attempts/" + first + "/plan-check", new JsonObject().put("plan", settlement))
                .getBoolean("needsApproval")).isTrue();
        assertThat(agentApi.expect(200, "/api/attempts/" + first + "/plan-check", new JsonObject()
                .put("plan", plan("5", "950.00", today()))).getBoolean("needsApproval")).as("within the authority").isFalse();
        // an agent's own authority overrides the campaign's; cleared, the campaign's applies again
        assertThat(admin.put("/api/agents/" + agent + "/settlement-authority", new JsonObject().put("percent", 40)).status())
                .isEqualTo(200);
        assertThat(agentApi.expect(200, "/api/attempts/" + first + "/plan-check", new JsonObject().put("plan", settlement))
                .getBoolean("needsApproval")).isFalse();
        Api.Reply badAuthority = admin.put("/api/agents/" + agent + "/settlement-authority", new JsonObject().put("percent", 140));
        assertThat(badAuthority.status()).isEqualTo(400);
        assertThat(badAuthority.body()).contains("percent");
        assertThat(agentApi.put("/api/agents/" + agent + "/settlement-authority", new JsonObject().putNull("percent")).status())
                .as("agents do not set authorities").isEqualTo(403);
        assertThat(admin.put("/api/agents/" + agent + "/settlement-authority", new JsonObject().putNull("percent")).status())
                .isEqualTo(200);
        assertThat(admin.put("/api/agents/" + (agent + 100_000) + "/settlement-authority", new JsonObject().putNull("percent"))
                .status()).as("an unknown agent").isEqualTo(404);
        agentApi.expect(201, "/api/attempts/" + first + "/disposition", ptp(settlement));
        admin.expect(200, "/api/agents/" + agent + "/hangup", null);

        // second call (L): 900.00 in three monthly instalments, within the rules
        long second = onCall(agent, first);
        agentApi.expect(201, "/api/attempts/" + second + "/disposition", ptp(plan(null, "300.00", today(), "300.00",
                today().plusMonths(1), "300.00", today().plusMonths(2)).put("frequency", "MONTHLY")));
        admin.expect(200, "/api/agents/" + agent + "/hangup", null);

        // third call (R): half off, far over the authority
        long third = onCall(agent, second);
        agentApi.expect(201, "/api/attempts/" + third + "/disposition", ptp(plan("50", "400.00", today())));
        admin.expect(200, "/api/agents/" + agent + "/hangup", null);
        admin.expect(200, "/api/campaigns/" + campaignId + "/stop", null);
        Await.until("agent ready again", Duration.ofSeconds(15), () -> session(agent), s -> "READY".equals(s.getString("state")));
        admin.expect(200, "/api/agents/" + agent + "/logout", null);

        // the pending settlement: the supervisor sees it; the agent may neither list nor approve it
        Api.Reply listed = supervisor.get("/api/settlements?campaignId=" + campaignId + "&status=PENDING");
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        JsonArray pending = listed.array();
        assertThat(pending).hasSize(2);
        JsonObject offer = byDebtor(pending, "S-" + campaignId);
        assertThat(offer.getString("status")).isEqualTo("PENDING_APPROVAL");
        assertThat(offer.getString("total")).isEqualTo("700.00");
        assertThat(offer.getString("settlementPercent")).isEqualTo("30");
        long offerId = offer.getLong("id");
        assertThat(agentApi.post("/api/settlements/" + offerId + "/approve", new JsonObject()).status()).isEqualTo(403);
        assertThat(agentApi.get("/api/settlements?campaignId=" + campaignId).status()).isEqualTo(403);
        Api outsider = server.user("plans-other" + campaignId, "SUPERVISOR", null, List.of());
        assertThat(outsider.post("/api/settlements/" + offerId + "/approve", new JsonObject()).status()).isEqualTo(403);
        JsonObject approved = supervisor.expect(200, "/api/settlements/" + offerId + "/approve",
                new JsonObject().put("note", "hardship confirmed"));
        assertThat(approved.getString("settlement")).isEqualTo("APPROVED");
        assertThat(approved.getString("status")).isEqualTo("ACTIVE");
        assertThat(approved.getString("decidedBy")).contains("plans-boss" + campaignId);
        assertThat(approved.getString("decidedAt")).isNotNull();
        assertThat(supervisor.post("/api/settlements/" + offerId + "/approve", new JsonObject()).status()).isEqualTo(409);
        long settled = offer.getLong("debtorId");
        assertThat(kinds(settled)).containsSubsequence("DISPOSITION", "PROMISE", "SETTLEMENT");
        assertThat(history(settled).encode()).contains("approved by").contains("hardship confirmed");
        assertThat(admin.get("/api/audit?limit=20").body()).contains("Settlement 30% (plan " + offerId);

        // the other one is rejected: the plan and its instalments are cancelled, and it leaves the pending list
        long refusedId = byDebtor(pending, "R-" + campaignId).getLong("id");
        JsonObject rejected = supervisor.expect(200, "/api/settlements/" + refusedId + "/reject", new JsonObject());
        assertThat(rejected.getString("status")).isEqualTo("REJECTED");
        assertThat(rejected.getJsonArray("instalments").getJsonObject(0).getString("status")).isEqualTo("CANCELLED");
        assertThat(supervisor.get("/api/settlements?campaignId=" + campaignId + "&status=PENDING").array()).isEmpty();
        assertThat(kinds(rejected.getLong("debtorId"))).endsWith("SETTLEMENT");

        // the plan: instalment 1 kept by the first import
        long lee = admin.get("/api/debtors?externalId=L-" + campaignId).json().getLong("id");
        long planId = history(lee).stream().map(o -> (JsonObject) o).filter(h -> h.getJsonObject("data").containsKey("planId"))
                .findFirst().orElseThrow().getJsonObject("data").getLong("planId");
        assertThat(singlePromiseStatus(lee)).as("the earlier promise, replaced by the plan").isEqualTo("CANCELLED");
        assertThat(history(lee).encode()).contains("1 open promise replaced by payment plan " + planId);
        JsonObject imported = admin.postRaw("/api/payments/import", "text/csv", "debtor_id,reference,amount,paid_on\nL-" + campaignId
                + ",PL-" + campaignId + "-1,300.00," + today() + "\n").json();
        assertThat(singlePromiseStatus(lee)).as("one payment keeps one arrangement: the instalment, not the old promise too")
                .isEqualTo("CANCELLED");
        assertThat(imported.getInteger("instalmentsKept")).isEqualTo(1);
        assertThat(statuses(planId)).containsExactly("KEPT", "OPEN", "OPEN");

        // forty days on (the plan and its payment moved back): instalment 2 had 3 days' grace, and only 100.00 came
        try (var c = server.server().dataSource().getConnection(); var s = c.createStatement()) {
            s.executeUpdate("update payment_plan set created_at = created_at - interval '40 days' where id = " + planId);
            s.executeUpdate("update payment set paid_on = paid_on - 40 where reference = 'PL-" + campaignId + "-1'");
            s.executeUpdate("update promise set due_date = due_date - 40, grace_until = grace_until - 40 where plan_id = " + planId
                    + " and instalment_no = 1");
            s.executeUpdate("update promise set due_date = date '" + today().minusDays(10) + "', grace_until = date '"
                    + today().minusDays(7) + "' where plan_id = " + planId + " and instalment_no = 2");
        }
        admin.postRaw("/api/payments/import", "text/csv", "debtor_id,reference,amount,paid_on\nL-" + campaignId
                + ",PL-" + campaignId + "-2,100.00," + today().minusDays(9) + "\n");
        JsonObject plan = admin.get("/api/plans/" + planId).json();
        assertThat(statuses(planId)).containsExactly("KEPT", "BROKEN", "OPEN");
        assertThat(plan.getJsonArray("instalments").getJsonObject(1).getString("paidAmount")).isEqualTo("100.00");
        assertThat(plan.getString("status")).isEqualTo("ACTIVE");
        // a broken promise for the debtor, once (the import and the periodic check settle by the same rules)
        assertThat(admin.get("/api/debtors/" + lee).json().getInteger("brokenPromises")).isEqualTo(1);
        try (var c = server.server().dataSource().getConnection(); var s = c.createStatement();
             ResultSet rs = s.executeQuery("select state, broken_promises, next_call_at <= now() + interval '1 day' from campaign_lead"
                     + " where debtor_id = " + lee)) {
            rs.next();
            assertThat(rs.getString(1)).as("the follow-up: the lead back in the queue").isEqualTo("READY");
            assertThat(rs.getInt(2)).isEqualTo(1);
            assertThat(rs.getBoolean(3)).isTrue();
        }
        // the periodic check changes nothing more
        admin.expect(200, "/api/promises/check", new JsonObject());
        assertThat(admin.get("/api/debtors/" + lee).json().getInteger("brokenPromises")).isEqualTo(1);
        assertThat(kinds(lee)).containsSubsequence("DISPOSITION", "PROMISE", "PAYMENT", "PROMISE_KEPT", "PAYMENT", "PROMISE_BROKEN");
        assertThat(history(lee).encode()).contains("Instalment 2 of plan " + planId).doesNotContain("2125550131");
        // the agent sees no plan of a debtor they are not connected to
        assertThat(agentApi.get("/api/plans/" + planId).status()).isEqualTo(403);
    }

    private static JsonObject plan(String settlementPercent, Object... amountsAndDates) {
        JsonArray instalments = new JsonArray();
        for (int i = 0; i < amountsAndDates.length; i += 2) {
            instalments.add(new JsonObject().put("amount", amountsAndDates[i]).put("dueDate", amountsAndDates[i + 1].toString()));
        }
        JsonObject plan = new JsonObject().put("instalments", instalments);
        if (settlementPercent != null) {
            plan.put("settlementPercent", settlementPercent);
        }
        return plan;
    }

    private static JsonObject byDebtor(JsonArray offers, String externalId) {
        return offers.stream().map(o -> (JsonObject) o).filter(o -> externalId.equals(o.getString("debtorExternalId")))
                .findFirst().orElseThrow();
    }

    private static JsonObject ptp(JsonObject plan) {
        return new JsonObject().put("code", "PTP").put("plan", plan);
    }

    private static List<String> statuses(long planId) {
        return admin.get("/api/plans/" + planId).json().getJsonArray("instalments").stream()
                .map(i -> ((JsonObject) i).getString("status")).toList();
    }

    private static JsonArray history(long debtorId) {
        return admin.get("/api/debtors/" + debtorId + "/history").array();
    }

    private static List<String> kinds(long debtorId) {
        return history(debtorId).stream().map(h -> ((JsonObject) h).getString("kind")).toList();
    }

    private static LocalDate today() {
        return LocalDate.now(server.clock().withZone(ZoneOffset.UTC));
    }

    private static JsonObject session(long agent) {
        return admin.get("/api/agents").array().stream().map(o -> (JsonObject) o).filter(a -> a.getLong("id") == agent)
                .findFirst().map(a -> a.getJsonObject("session")).orElse(null);
    }

    private static long onCall(long agent, long previousAttempt) {
        JsonObject s = Await.until("agent " + agent + " on a call after attempt " + previousAttempt, Duration.ofSeconds(60),
                () -> session(agent), x -> x != null && "ON_CALL".equals(x.getString("state"))
                        && x.getLong("attemptId", 0L) != previousAttempt);
        return s.getLong("attemptId");
    }

    private static String singlePromiseStatus(long debtorId) throws Exception {
        try (var c = server.server().dataSource().getConnection(); var s = c.createStatement();
             ResultSet rs = s.executeQuery("select status from promise where plan_id is null and debtor_id = " + debtorId)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
