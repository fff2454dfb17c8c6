package dialer.core.queue;

import dialer.core.testing.Api;
import dialer.core.testing.Await;
import dialer.core.testing.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live queue in the best-hours order, through the real server, Asterisk and PostgreSQL: three
 * debtors whose history at this local hour (14:00 in New York, the test server's) differs. By
 * priority (amount first) the largest debt is called first; by best hours the debtor reached at
 * this hour before comes first, the one never reached at this hour last.
 */
class BestHoursQueueIT {

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
    void theBestHoursOrderCallsFirstWhoIsReachedAtThisHour() throws Exception {
        assertThat(firstCalls(null, 3)).containsExactly("never-at-14", "no-history", "reached-at-14");
        // other numbers: the house's minimum gap between calls to one number holds across campaigns
        assertThat(firstCalls(new JsonObject().put("order", "BEST_HOURS").put("window", 5), 4))
                .containsExactly("reached-at-14", "no-history", "never-at-14");
    }

    @Test
    void theOrderIsAnAdministratorsSettingRefusedWhenWrong() {
        long campaignId = admin.expect(201, "/api/campaigns", new JsonObject().put("name", "Order " + System.nanoTime())
                .put("dialMode", "PROGRESSIVE").put("simulatedCallees", true)).getLong("id");
        assertThat(admin.get("/api/campaigns/" + campaignId + "/queue-order").json().getString("order")).isEqualTo("PRIORITY");
        Api.Reply bad = admin.put("/api/campaigns/" + campaignId + "/queue-order", new JsonObject().put("order", "LUCKY"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"order\"");
        Api.Reply badWindow = admin.put("/api/campaigns/" + campaignId + "/queue-order", new JsonObject().put("order", "BEST_HOURS")
                .put("window", 0));
        assertThat(badWindow.body()).contains("\"field\":\"window\"");
        Api supervisor = server.user("order-sup" + campaignId, "SUPERVISOR", null, List.of(campaignId));
        assertThat(supervisor.put("/api/campaigns/" + campaignId + "/queue-order", new JsonObject().put("order", "BEST_HOURS"))
                .status()).isEqualTo(403);
        assertThat(supervisor.get("/api/campaigns/" + campaignId + "/queue-order").status()).isEqualTo(200);
        assertThat(admin.put("/api/campaigns/" + campaignId + "/queue-order", new JsonObject().put("order", "BEST_HOURS")).status())
                .isEqualTo(200);
        assertThat(admin.get("/api/audit?limit=20").body()).contains("campaign " + campaignId + " queue order");
    }

    /**
     * The debtors of a new campaign (in this order, if given), in the order their first calls were placed; their numbers
     * are +1 212 5550 {@code exchange}x6.
     */
    private static List<String> firstCalls(JsonObject order, int exchange) throws Exception {
        long campaignId = admin.expect(201, "/api/campaigns", new JsonObject().put("name", "Best hours " + System.nanoTime())
                .put("dialMode", "PROGRESSIVE").put("simulatedCallees", true).put("ringTimeoutSeconds", 5)).getLong("id");
        if (order != null) {
            assertThat(admin.put("/api/campaigns/" + campaignId + "/queue-order", order).status()).isEqualTo(200);
        }
        String tag = "BH" + campaignId + "-";
        // every number busy (…6): each call ends at once; amounts make the priority order
        String csv = "id,name,phone,phone_type,amount,days_overdue\n"
                + tag + "never-at-14,A,+12125550" + exchange + "16,HOME,900,30\n"
                + tag + "no-history,B,+12125550" + exchange + "26,HOME,500,30\n"
                + tag + "reached-at-14,C,+12125550" + exchange + "36,HOME,100,30\n";
        assertThat(admin.postRaw("/api/campaigns/" + campaignId + "/leads", "text/csv", csv).json().getInteger("accepted")).isEqualTo(3);
        try (Connection c = server.postgres().connect("dialer")) {
            // eight to thirteen days ago at 14:xx New York time: one debtor always reached, one never
            history(c, campaignId, tag + "reached-at-14", "ANSWERED_HUMAN", "RPC");
            history(c, campaignId, tag + "never-at-14", "NO_ANSWER", "NO_ANSWER");
        }
        String extension = String.valueOf(ThreadLocalRandom.current().nextInt(10_000, 99_999));
        long agent = admin.expect(201, "/api/agents", new JsonObject().put("name", "BH " + extension).put("extension", extension)
                .put("simulated", true)).getLong("id");
        admin.expect(200, "/api/agents/" + agent + "/login", new JsonObject().put("campaignId", campaignId).put("ready", true));
        admin.expect(200, "/api/campaigns/" + campaignId + "/start", null);
        List<JsonObject> attempts = Await.until("the three debtors called", Duration.ofSeconds(60),
                () -> admin.get("/api/campaigns/" + campaignId + "/attempts?limit=20").array().stream().map(o -> (JsonObject) o)
                        .filter(a -> !"history".equals(a.getString("detail"))).toList(),
                a -> a.size() >= 3);
        admin.expect(200, "/api/campaigns/" + campaignId + "/stop", null);
        admin.post("/api/agents/" + agent + "/logout", null);
        return attempts.stream().sorted((x, y) -> Long.compare(x.getLong("id"), y.getLong("id"))).limit(3)
                .map(a -> a.getString("debtorExternalId").substring(tag.length())).toList();
    }

    private static void history(Connection c, long campaignId, String externalId, String outcome, String code) throws Exception {
        var at = server.clock().instant();
        try (PreparedStatement ps = c.prepareStatement("""
                insert into call_attempt (campaign_id, lead_id, debtor_id, phone_id, phone, pbx, node, state, outcome, detail,
                                          originated_at, connected_at, ended_at)
                select l.campaign_id, l.id, l.debtor_id, p.id, p.e164, 'local', 'history', 'ENDED', ?, 'history',
                       ?::timestamptz - make_interval(days => g), case when ? then ?::timestamptz - make_interval(days => g) end,
                       ?::timestamptz - make_interval(days => g)
                  from campaign_lead l join debtor d on d.id = l.debtor_id join debtor_phone p on p.debtor_id = l.debtor_id,
                       generate_series(8, 13) g
                 where l.campaign_id = ? and d.external_id = ?""")) {
            Timestamp t = Timestamp.from(at);
            ps.setString(1, outcome);
            ps.setTimestamp(2, t);
            ps.setBoolean(3, code.equals("RPC"));
            ps.setTimestamp(4, t);
            ps.setTimestamp(5, t);
            ps.setLong(6, campaignId);
            ps.setString(7, externalId);
            assertThat(ps.executeUpdate()).isEqualTo(6);
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into disposition (attempt_id, campaign_id, lead_id, code)
                select a.id, a.campaign_id, a.lead_id, ? from call_attempt a join debtor d on d.id = a.debtor_id
                 where a.node = 'history' and a.campaign_id = ? and d.external_id = ?""")) {
            ps.setString(1, code);
            ps.setLong(2, campaignId);
            ps.setString(3, externalId);
            ps.executeUpdate();
        }
    }
}
