package dialer.core.inbound;

import dialer.ami.testing.AsteriskForTests;
import dialer.core.testing.Api;
import dialer.core.testing.Await;
import dialer.core.testing.InboundCaller;
import dialer.core.testing.LiveStream;
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
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debtors calling back the number we show, through the real server, Asterisk and PostgreSQL: a
 * caller whose number is one debtor's goes to the agent who owns that debtor's callback (not the
 * agent ready longest), with the debtor's screen pop, and the conversation is recorded with the
 * compliance guard; a number two debtors share goes to the longest-ready agent, who says who is on
 * the line; a caller nobody is free for hears the message and gets a callback task; none of it
 * counts as an outbound call or an abandonment.
 */
class InboundCallbackIT {

    private static TestServer server;
    private static Api admin;
    private static InboundCaller callers;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        admin = server.api();
        callers = new InboundCaller(AsteriskForTests.ami());
    }

    @AfterAll
    static void stop() throws Exception {
        if (callers != null) {
            callers.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void callersReachTheirAgentWithTheirFileAndNobodyFreeLeavesACallbackTask() throws Exception {
        long campaignId = admin.expect(201, "/api/campaigns", new JsonObject().put("name", "Inbound " + System.nanoTime())
                .put("dialMode", "PROGRESSIVE").put("simulatedCallees", true).put("callerId", "+12125550999")).getLong("id");
        String tag = "IN" + campaignId + "-";
        int n = (int) (campaignId % 90) + 10;
        String own = "+121255" + n + "301";
        String shared = "+121255" + n + "302";
        assertThat(admin.postRaw("/api/campaigns/" + campaignId + "/leads", "text/csv", "id,name,phone,phone_type,amount,days_overdue\n"
                + tag + "own,Olga Owner," + own + ",HOME,700,40\n"
                + tag + "shared-a,Sam Share," + shared + ",HOME,300,20\n"
                + tag + "shared-b,Sue Share," + shared + ",HOME,200,20\n").json().getInteger("accepted")).isEqualTo(3);
        // nobody is dialed out in this test: every lead is due tomorrow
        sql("update campaign_lead set next_call_at = now() + interval '1 day' where campaign_id = " + campaignId);
        long first = agent("First");
        long owner = agent("Owner");
        long ownDebtor = longOf("select id from debtor where external_id = '" + tag + "own'");
        sql("insert into callback (campaign_id, debtor_id, lead_id, phone_id, due_at, zone, owner_agent_id, note) "
                + "select l.campaign_id, l.debtor_id, l.id, p.id, now() + interval '1 day', 'America/New_York', " + owner
                + ", 'promised to call back' from campaign_lead l join debtor_phone p on p.debtor_id = l.debtor_id "
                + "where l.debtor_id = " + ownDebtor + " and l.campaign_id = " + campaignId);

        // the setting: an administrator's, checked, audited
        Api.Reply bad = admin.put("/api/campaigns/" + campaignId + "/inbound", new JsonObject().put("accepts", true).put("waitSeconds", 2));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"waitSeconds\"");
        assertThat(admin.get("/api/campaigns/" + campaignId + "/inbound").json().getBoolean("accepts")).isFalse();
        assertThat(admin.put("/api/campaigns/" + campaignId + "/inbound", new JsonObject().put("accepts", true).put("waitSeconds", 8)
                .put("serviceLevelSeconds", 5).put("serviceLevelPercent", 80)).status()).isEqualTo(200);
        assertThat(admin.get("/api/audit?limit=20").body()).contains("campaign " + campaignId + " inbound");

        login(first, campaignId);
        Thread.sleep(300); // the first agent is ready longest
        login(owner, campaignId);
        admin.expect(200, "/api/campaigns/" + campaignId + "/start", null);
        Api ownerApi = server.user("in-owner-" + owner, "AGENT", owner, List.of(campaignId));

        // 1. the debtor with a callback calls: to the callback's owner, with their screen pop
        try (LiveStream console = ownerApi.stream("/api/live/agent")) {
            String caller = callers.call(own, "12125550999");
            LiveStream.Event onCall = console.await("the owner on the inbound call", Duration.ofSeconds(20),
                    v -> "ON_CALL".equals(v.getString("state")) && v.getBoolean("inbound", false));
            assertThat(onCall.data().getLong("debtorId")).isEqualTo(ownDebtor);
            assertThat(onCall.data().getJsonObject("screenPop").getJsonObject("debtor").getString("name")).isEqualTo("Olga Owner");
            assertThat(session(first).getString("state")).isEqualTo("READY");
            long attemptId = onCall.data().getLong("attemptId");
            JsonObject row = row("select direction, call_path, agent_id, debtor_id, lead_id is not null as lead, connected_at is not null "
                    + "as connected, reservation_id from call_attempt where id = " + attemptId);
            assertThat(row.getString("direction")).isEqualTo("INBOUND");
            assertThat(row.getString("call_path")).isEqualTo("INBOUND");
            assertThat(row.getLong("agent_id")).isEqualTo(owner);
            assertThat(row.getBoolean("connected")).isTrue();
            assertThat(row.getValue("reservation_id")).isNull();
            // the agent's inbound panel: the caller's number masked, the debtor known
            JsonObject panel = ownerApi.get("/api/agents/" + owner + "/inbound").json();
            assertThat(panel.getBoolean("inbound")).isTrue();
            assertThat(panel.getString("caller")).doesNotContain(own.substring(1, 9)).endsWith(own.substring(own.length() - 2));
            // the conversation the debtor started counts for the guard's cool-downs
            Await.until("the guard's record of the conversation", Duration.ofSeconds(10),
                    () -> longOf("select count(*) from compliance.attempt where call_path = 'INBOUND' and debtor_id = 'debtor-"
                            + ownDebtor + "'"), c -> c == 1);
            callers.hangUp(caller);
            console.await("wrap-up", Duration.ofSeconds(10), v -> "WRAP_UP".equals(v.getString("state")));
            ownerApi.expect(201, "/api/attempts/" + attemptId + "/disposition", new JsonObject().put("agentId", owner).put("code", "RPC"));
        }

        // 2. a number two debtors share: the longest-ready agent, who says who is calling
        Api firstApi = server.user("in-first-" + first, "AGENT", first, List.of(campaignId));
        String caller = callers.call(shared, "12125550999");
        JsonObject s = Await.until("the first agent on the shared number's call", Duration.ofSeconds(20), () -> session(first),
                x -> x != null && "ON_CALL".equals(x.getString("state")));
        assertThat(s.getBoolean("inbound")).isTrue();
        assertThat(s.getValue("debtorId")).isNull();
        JsonObject panel = firstApi.get("/api/agents/" + first + "/inbound").json();
        JsonArray candidates = panel.getJsonArray("candidates");
        assertThat(candidates.stream().map(o -> ((JsonObject) o).getString("name"))).containsExactly("Sam Share", "Sue Share");
        long sue = candidates.getJsonObject(1).getLong("debtorId");
        Api.Reply notMatched = firstApi.post("/api/agents/" + first + "/inbound/debtor", new JsonObject().put("debtorId", ownDebtor));
        assertThat(notMatched.status()).isEqualTo(400);
        assertThat(notMatched.body()).contains("\"field\":\"debtorId\"");
        Api.Reply otherAgent = ownerApi.post("/api/agents/" + first + "/inbound/debtor", new JsonObject().put("debtorId", sue));
        assertThat(otherAgent.status()).isEqualTo(403);
        assertThat(firstApi.post("/api/agents/" + first + "/inbound/debtor", new JsonObject().put("debtorId", sue)).json()
                .getLong("debtorId")).isEqualTo(sue);
        long sharedAttempt = s.getLong("attemptId");
        assertThat(longOf("select debtor_id from call_attempt where id = " + sharedAttempt)).isEqualTo(sue);
        callers.hangUp(caller);
        Await.until("wrap-up", Duration.ofSeconds(10), () -> session(first), x -> "WRAP_UP".equals(x.getString("state")));
        firstApi.expect(201, "/api/attempts/" + sharedAttempt + "/disposition", new JsonObject().put("agentId", first).put("code", "RPC"));

        // 3. nobody free: the message after the campaign's wait, then a callback task for the debtor
        admin.expect(200, "/api/agents/" + first + "/pause", new JsonObject().put("reason", "lunch"));
        admin.expect(200, "/api/agents/" + owner + "/pause", new JsonObject().put("reason", "lunch"));
        Await.until("both paused", Duration.ofSeconds(10), () -> List.of(session(first), session(owner)),
                l -> l.stream().allMatch(x -> "PAUSED".equals(x.getString("state"))));
        callers.call(own, "12125550999");
        long missed = Await.until("the missed call", Duration.ofSeconds(30),
                () -> longOf("select coalesce(max(a.id), 0) from call_attempt a join disposition d on d.attempt_id = a.id "
                        + "where a.campaign_id = " + campaignId + " and d.code = 'INBOUND_MISSED'"), id -> id > 0);
        assertThat(longOf("select count(*) from callback where attempt_id = " + missed + " and debtor_id = " + ownDebtor
                + " and status = 'PENDING'")).isEqualTo(1);

        // the report: three callers, two answered, one missed; no outbound call, no abandonment
        JsonObject report = admin.get("/api/campaigns/" + campaignId + "/inbound/report?hours=1").json();
        assertThat(report.getJsonObject("inbound").getLong("offered")).isEqualTo(3);
        assertThat(report.getJsonObject("inbound").getLong("answered")).isEqualTo(2);
        assertThat(report.getJsonObject("inbound").getLong("missed")).isEqualTo(1);
        assertThat(report.getJsonObject("outbound").getLong("liveAnswered")).isZero();
        assertThat(report.getJsonObject("outbound").getLong("abandoned")).isZero();
        assertThat(admin.get("/api/campaigns/" + campaignId + "/inbound/report?hours=0").status()).isEqualTo(400);
        assertThat(firstApi.get("/api/campaigns/" + campaignId + "/inbound/report").status()).isEqualTo(403);

        admin.expect(200, "/api/campaigns/" + campaignId + "/stop", null);
        admin.post("/api/agents/" + first + "/logout", null);
        admin.post("/api/agents/" + owner + "/logout", null);
    }

    private static long agent(String name) {
        String extension = String.valueOf(ThreadLocalRandom.current().nextInt(10_000, 99_999));
        return admin.expect(201, "/api/agents", new JsonObject().put("name", name + " " + extension).put("extension", extension)
                .put("phone", "Local/{extension}@sim-agent-phone")).getLong("id");
    }

    private static void login(long agent, long campaignId) {
        admin.expect(200, "/api/agents/" + agent + "/login", new JsonObject().put("campaignId", campaignId).put("ready", true));
        Await.until("agent " + agent + " ready", Duration.ofSeconds(20), () -> session(agent),
                s -> s != null && "READY".equals(s.getString("state")));
    }

    private static JsonObject session(long agent) {
        return admin.get("/api/agents").array().stream().map(o -> (JsonObject) o).filter(a -> a.getLong("id") == agent).findFirst()
                .map(a -> a.getJsonObject("session")).orElse(null);
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = server.server().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    private static long longOf(String query) {
        try (Connection c = server.server().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonObject row(String query) throws Exception {
        try (Connection c = server.server().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            assertThat(rs.next()).isTrue();
            JsonObject out = new JsonObject();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                Object v = rs.getObject(i);
                out.put(rs.getMetaData().getColumnLabel(i), v instanceof Number num ? num.longValue() : v);
            }
            return out;
        }
    }
}
