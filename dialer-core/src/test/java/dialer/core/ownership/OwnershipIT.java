package dialer.core.ownership;

import dialer.core.call.AttemptStore;
import dialer.core.call.QueuedLead;
import dialer.core.campaign.Campaign;
import dialer.core.campaign.CampaignStore;
import dialer.core.testing.Api;
import dialer.core.testing.Await;
import dialer.core.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Case ownership through the real server, Asterisk and PostgreSQL: debtors given to a team's
 * agents in turn by bucket, to a collector by region and amount, to a team by hand; every change
 * with who and when, in the debtor's history; refusals by role and by input, with nothing written;
 * a campaign that works one team's debtors, then only unowned ones; an owned debtor's callback goes
 * to the owner first.
 */
class OwnershipIT {

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

    private static long agent(boolean simulated) {
        String extension = String.valueOf(ThreadLocalRandom.current().nextInt(10_000, 99_999));
        JsonObject body = new JsonObject().put("name", "Owner " + extension).put("extension", extension).put("simulated", simulated);
        return admin.expect(201, "/api/agents", body).getLong("id");
    }

    private static long team(String name) {
        return admin.expect(201, "/api/teams", new JsonObject().put("name", name + " " + System.nanoTime())).getLong("id");
    }

    private static JsonObject owner(long debtorId) {
        return admin.get("/api/debtors/" + debtorId + "/owner").json();
    }

    @Test
    void debtorsAreAssignedByRuleAndByHandAuditedAndWorkedByTheirTeamsCampaign() throws Exception {
        long campaignId = admin.expect(201, "/api/campaigns", new JsonObject().put("name", "Owned " + System.nanoTime())
                .put("dialMode", "PROGRESSIVE").put("simulatedCallees", true).put("ringTimeoutSeconds", 5)).getLong("id");
        String tag = "O" + campaignId + "-";
        // every number busy (…6): each call ends at once, and BUSY is not retried within the test
        String csv = "id,name,phone,phone_type,amount,days_overdue,bucket,state,country\n"
                + tag + "1,A,+12125550116,HOME,500,20,M1,TX,US\n"
                + tag + "2,B,+12125550126,HOME,1500,45,M2,TX,US\n"
                + tag + "3,C,+12125550136,HOME,2500,50,M2,CA,US\n"
                + tag + "4,D,+12125550146,HOME,300,75,M3,CA,US\n"
                + tag + "5,E,+12125550156,HOME,800,15,M1,NY,US\n"
                + tag + "6,F,+12125550166,HOME,1200,40,M2,NY,US\n";
        assertThat(admin.postRaw("/api/campaigns/" + campaignId + "/leads", "text/csv", csv).json().getInteger("accepted")).isEqualTo(6);
        Map<Integer, Long> debtor = new HashMap<>();
        for (int i = 1; i <= 6; i++) {
            debtor.put(i, admin.get("/api/debtors?externalId=" + tag + i).json().getLong("id"));
        }
        long north = team("North");
        long south = team("South");
        long a1 = agent(true);
        long a2 = agent(true);
        long a3 = agent(true);
        put200(admin, "/api/agents/" + a1 + "/team", new JsonObject().put("teamId", north));
        put200(admin, "/api/agents/" + a2 + "/team", new JsonObject().put("teamId", north));
        put200(admin, "/api/agents/" + a3 + "/team", new JsonObject().put("teamId", south));
        assertThat(admin.get("/api/teams").array().stream().map(o -> (JsonObject) o).filter(t -> t.getLong("id") == north)
                .findFirst().orElseThrow().getJsonArray("agentIds").stream().map(o -> ((Number) o).longValue())).containsExactly(a1, a2);
        Api supervisor = server.user("own-sup" + campaignId, "SUPERVISOR", null, List.of(campaignId));
        Api stranger = server.user("own-other" + campaignId, "SUPERVISOR", null, List.of());

        // M2 debtors to North, shared out in turn among its agents (debtor id order)
        JsonObject byBucket = new JsonObject().put("which", new JsonObject().put("campaignId", campaignId).put("buckets",
                new JsonArray().add("M2"))).put("to", new JsonObject().put("teamId", north).put("spread", true))
                .put("reason", "M2 book to the North team");
        JsonObject batch = supervisor.expect(200, "/api/ownership/assignments", byBucket);
        assertThat(batch.getInteger("selected")).isEqualTo(3);
        assertThat(batch.getInteger("changed")).isEqualTo(3);
        assertThat(batch.getString("by")).contains("own-sup" + campaignId);
        assertThat(List.of(owner(debtor.get(2)).getLong("agentId"), owner(debtor.get(3)).getLong("agentId"),
                owner(debtor.get(6)).getLong("agentId"))).containsExactly(a1, a2, a1);
        assertThat(owner(debtor.get(6)).getLong("teamId")).isEqualTo(north);
        assertThat(owner(debtor.get(1)).getLong("agentId")).isNull();
        // the same rule again changes nothing and records no change
        JsonObject again = supervisor.expect(200, "/api/ownership/assignments", byBucket);
        assertThat(again.getInteger("selected")).isEqualTo(3);
        assertThat(again.getInteger("changed")).isZero();

        // California debtors of 200 or more to one collector of the South team
        JsonObject byRegion = supervisor.expect(200, "/api/ownership/assignments", new JsonObject()
                .put("which", new JsonObject().put("campaignId", campaignId).put("regions", new JsonArray().add("ca"))
                        .put("minAmount", "200.00"))
                .put("to", new JsonObject().put("agentId", a3)));
        assertThat(byRegion.getInteger("changed")).isEqualTo(2);
        JsonObject three = owner(debtor.get(3));
        assertThat(three.getLong("agentId")).isEqualTo(a3);
        assertThat(three.getLong("teamId")).as("an agent's debtors are their team's").isEqualTo(south);
        JsonArray changes = three.getJsonArray("changes");
        assertThat(changes).hasSize(2);
        assertThat(changes.getJsonObject(0).getLong("fromAgentId")).isEqualTo(a2);
        assertThat(changes.getJsonObject(0).getLong("toAgentId")).isEqualTo(a3);
        assertThat(changes.getJsonObject(0).getString("by")).contains("own-sup" + campaignId);
        // the server's clock, not this machine's: it may be set to another time of day
        assertThat(Instant.parse(changes.getJsonObject(0).getString("at"))).isAfter(server.clock().instant().minusSeconds(60));
        assertThat(changes.getJsonObject(1).getString("reason")).isEqualTo("M2 book to the North team");
        assertThat(admin.get("/api/debtors/" + debtor.get(3) + "/history").body()).contains("Owner: agent " + a3 + " (was agent " + a2 + ")");

        // by hand, to a team
        JsonObject five = put200(supervisor, "/api/debtors/" + debtor.get(5) + "/owner",
                new JsonObject().put("teamId", south).put("reason", "asked for a Spanish speaker"));
        assertThat(five.getLong("teamId")).isEqualTo(south);
        assertThat(five.getLong("agentId")).isNull();
        assertThat(five.getJsonArray("changes").getJsonObject(0).getString("reason")).isEqualTo("asked for a Spanish speaker");

        // refusals: by role, by scope, by input; nothing written by any of them
        int changesBefore = count("select count(*) from ownership_change");
        assertThat(stranger.post("/api/ownership/assignments", byBucket).status()).isEqualTo(403);
        Api.Reply noCampaign = supervisor.post("/api/ownership/assignments", new JsonObject()
                .put("which", new JsonObject().put("buckets", new JsonArray().add("M1"))).put("to", new JsonObject().put("nobody", true)));
        assertThat(noCampaign.status()).isEqualTo(400);
        assertThat(noCampaign.body()).contains("which.campaignId");
        assertThat(stranger.put("/api/debtors/" + debtor.get(1) + "/owner", new JsonObject().put("agentId", a1)).status()).isEqualTo(403);
        Api agentUser = server.user("own-agent" + campaignId, "AGENT", a1, List.of());
        assertThat(agentUser.post("/api/ownership/assignments", byBucket).status()).isEqualTo(403);
        assertThat(agentUser.post("/api/teams", new JsonObject().put("name", "x")).status()).isEqualTo(403);
        assertThat(supervisor.put("/api/agents/" + a1 + "/team", new JsonObject().put("teamId", south)).status()).isEqualTo(403);
        expect400(admin.post("/api/ownership/assignments", new JsonObject().put("which", new JsonObject().put("buckets",
                new JsonArray().add("M9"))).put("to", new JsonObject().put("nobody", true))), "which.buckets");
        expect400(admin.post("/api/ownership/assignments", new JsonObject().put("which", new JsonObject())
                .put("to", new JsonObject().put("nobody", true))), "\"field\":\"which\"");
        expect400(admin.post("/api/ownership/assignments", new JsonObject().put("which", new JsonObject().put("campaignId", campaignId))
                .put("to", new JsonObject().put("agentId", a1).put("teamId", north))), "\"field\":\"to\"");
        expect400(admin.post("/api/ownership/assignments", new JsonObject().put("which", new JsonObject().put("campaignId", campaignId))
                .put("to", new JsonObject().put("agentId", 987_654_321))), "to.agentId");
        expect400(admin.post("/api/ownership/assignments", new JsonObject().put("which", new JsonObject().put("campaignId", campaignId))
                .put("to", new JsonObject().put("teamId", team("Empty")).put("spread", true))), "to.spread");
        expect400(admin.post("/api/ownership/assignments", new JsonObject().put("which", new JsonObject().put("campaignId", campaignId)
                .put("minAmount", "-5"))), "which.minAmount");
        expect400(supervisor.put("/api/campaigns/" + campaignId + "/ownership", new JsonObject().put("works", "TEAM")), "\"field\":\"teamId\"");
        assertThat(count("select count(*) from ownership_change")).isEqualTo(changesBefore);
        assertThat(owner(debtor.get(1)).getLong("agentId")).isNull();

        // an owned debtor's callback (nobody named) goes to its owner first
        try (Connection c = server.postgres().connect("dialer")) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("insert into callback (campaign_id, debtor_id, lead_id, due_at, zone) select campaign_id, debtor_id, id,"
                        + " now() - interval '1 minute', 'America/New_York' from campaign_lead where campaign_id = " + campaignId
                        + " and debtor_id = " + debtor.get(2));
            }
            Campaign campaign = new CampaignStore().get(c, campaignId);
            List<QueuedLead> due = new AttemptStore().claimDueCallbacks(c, campaign, "ownership-it", Instant.now(), 10);
            assertThat(due).singleElement().satisfies(l -> assertThat(l.ownerAgentId()).isEqualTo(a1));
            c.rollback();
        }

        // the campaign works the South team's debtors only (3, 4 and 5), then only the unowned one (1)
        assertThat(put200(supervisor, "/api/campaigns/" + campaignId + "/ownership", new JsonObject().put("works", "TEAM")
                .put("teamId", south)).getString("works")).isEqualTo("TEAM");
        long worker = agent(true);
        admin.expect(200, "/api/agents/" + worker + "/login", new JsonObject().put("campaignId", campaignId).put("ready", true));
        admin.expect(200, "/api/campaigns/" + campaignId + "/start", null);
        Set<String> south3 = Set.of(tag + "3", tag + "4", tag + "5");
        Await.until("the South team's three debtors called", Duration.ofSeconds(60), () -> calledDebtors(campaignId),
                called -> called.containsAll(south3));
        Thread.sleep(3_000);
        assertThat(calledDebtors(campaignId)).isEqualTo(south3);
        put200(supervisor, "/api/campaigns/" + campaignId + "/ownership", new JsonObject().put("works", "UNOWNED"));
        Await.until("the unowned debtor called", Duration.ofSeconds(60), () -> calledDebtors(campaignId),
                called -> called.contains(tag + "1"));
        Thread.sleep(3_000);
        admin.expect(200, "/api/campaigns/" + campaignId + "/stop", null);
        assertThat(calledDebtors(campaignId)).as("North's debtors (2, 6) are never called by this campaign")
                .containsExactlyInAnyOrder(tag + "1", tag + "3", tag + "4", tag + "5");
        assertThat(admin.get("/api/campaigns/" + campaignId + "/ownership").json().getString("works")).isEqualTo("UNOWNED");
        assertThat(admin.get("/api/audit?limit=50").body()).contains("campaign " + campaignId + " works");
        admin.post("/api/agents/" + worker + "/logout", null);
    }

    private static Set<String> calledDebtors(long campaignId) {
        return admin.get("/api/campaigns/" + campaignId + "/attempts?limit=100").array().stream().map(o -> (JsonObject) o)
                .map(a -> a.getString("debtorExternalId")).collect(Collectors.toSet());
    }

    private static JsonObject put200(Api api, String path, JsonObject body) {
        Api.Reply reply = api.put(path, body);
        assertThat(reply.status()).as("PUT " + path + ": " + reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static void expect400(Api.Reply reply, String names) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.body()).contains(names);
    }

    private static int count(String sql) throws Exception {
        try (Connection c = server.postgres().connect("dialer"); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
