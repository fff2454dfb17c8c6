package dialer.core.floor;

import dialer.core.testing.Api;
import dialer.core.testing.Await;
import dialer.core.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The floor reports through the real server, Asterisk and PostgreSQL: an agent pauses, takes three
 * calls (a promise kept, a refusal after a wrap-up, a promise broken), payments come in and an import
 * moves accounts between buckets; each report's totals are checked against the call_attempt,
 * disposition, promise, payment and agent_state_span tables, and the state spans against the time
 * the agent was logged in.
 */
class FloorReportsIT {

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

    @Test
    void theReportsAddUpToWhatTheTablesHold() throws Exception {
        long campaignId = api.expect(201, "/api/campaigns", new JsonObject().put("name", "Floor " + System.nanoTime())
                .put("dialMode", "PROGRESSIVE").put("simulatedCallees", true).put("ringTimeoutSeconds", 5)).getLong("id");
        String c = String.valueOf(campaignId);
        // three people who answer (last digit 0-2), largest debt first
        api.postRaw("/api/campaigns/" + campaignId + "/leads", "text/csv", "id,name,phone,phone_type,amount,days_overdue,bucket\n"
                + "F1-" + c + ",Fay One,+12125550110,HOME,500,20,M1\n"
                + "F2-" + c + ",Fay Two,+12125550121,HOME,400,25,M1\n"
                + "F3-" + c + ",Fay Three,+12125550102,HOME,300,45,M2\n");
        // that import as if three days ago: the report's days start after it
        sql("update account_bucket_history set recorded_at = recorded_at - interval '3 days' where debtor_id in "
                + "(select debtor_id from campaign_lead where campaign_id = " + campaignId + ")");
        String extension = String.valueOf(ThreadLocalRandom.current().nextInt(10_000, 99_999));
        long agent = api.expect(201, "/api/agents", new JsonObject().put("name", "Floor Agent " + extension).put("extension", extension)
                .put("phone", "Local/{extension}@sim-agent-phone")).getLong("id");

        Instant before = server.clock().instant();
        api.expect(200, "/api/agents/" + agent + "/login", new JsonObject().put("campaignId", campaignId).put("ready", false));
        Await.until("agent paused", Duration.ofSeconds(20), () -> session(agent), s -> s != null && "PAUSED".equals(s.getString("state")));
        api.expect(200, "/api/agents/" + agent + "/pause", new JsonObject().put("reason", "coaching"));
        Thread.sleep(2000);
        api.expect(200, "/api/agents/" + agent + "/ready", null);
        api.expect(200, "/api/campaigns/" + campaignId + "/start", null);

        long first = onCall(agent, 0);
        Thread.sleep(1000);
        api.expect(201, "/api/attempts/" + first + "/disposition", new JsonObject().put("agentId", agent).put("code", "PTP")
                .put("promise", new JsonObject().put("amount", 100).put("dueDate", today().toString())));
        api.expect(200, "/api/agents/" + agent + "/hangup", null);

        long second = onCall(agent, first);
        api.expect(200, "/api/agents/" + agent + "/hangup", null);
        Await.until("wrap-up", Duration.ofSeconds(10), () -> session(agent), s -> "WRAP_UP".equals(s.getString("state")));
        Thread.sleep(1000);
        api.expect(201, "/api/attempts/" + second + "/disposition", new JsonObject().put("agentId", agent).put("code", "REFUSED"));

        long third = onCall(agent, second);
        api.expect(201, "/api/attempts/" + third + "/disposition", new JsonObject().put("agentId", agent).put("code", "PTP")
                .put("promise", new JsonObject().put("amount", 50).put("dueDate", today().plusDays(1).toString())));
        api.expect(200, "/api/agents/" + agent + "/hangup", null);
        api.expect(200, "/api/campaigns/" + campaignId + "/stop", null);
        Await.until("agent ready again", Duration.ofSeconds(10), () -> session(agent), s -> "READY".equals(s.getString("state")));
        api.expect(200, "/api/agents/" + agent + "/logout", null);
        Instant after = server.clock().instant();

        // F1 keeps the promise; F2 pays without a promise (no collector); F3 pays 20 of 50, then the due date is moved
        // back and the promise is broken
        String payments = "debtor_id,reference,amount,paid_on\nF1-" + c + ",FL-" + c + "-1,100.00," + today() + "\nF2-" + c
                + ",FL-" + c + "-2,10.00," + today() + "\nF3-" + c + ",FL-" + c + "-3,20.00," + today() + "\n";
        assertThat(api.postRaw("/api/payments/import", "text/csv", payments).json().getInteger("imported")).isEqualTo(3);
        sql("update promise set due_date = date '" + today().minusDays(1) + "' where status = 'OPEN' and campaign_id = " + campaignId);
        assertThat(api.post("/api/promises/check", new JsonObject()).json().getInteger("broken")).isGreaterThanOrEqualTo(1);
        // a new import: F1 rolls to M2, F2 stays in M1, F3 goes back to M1 (F1's balance paid down)
        api.postRaw("/api/campaigns/" + campaignId + "/leads", "text/csv", "id,name,phone,phone_type,amount,days_overdue,bucket\n"
                + "F1-" + c + ",Fay One,+12125550110,HOME,400,50,M2\n"
                + "F2-" + c + ",Fay Two,+12125550121,HOME,400,25,M1\n"
                + "F3-" + c + ",Fay Three,+12125550102,HOME,300,25,M1\n");

        Await.until("the agent's spans written", Duration.ofSeconds(10),
                () -> longOf("select count(*) filter (where ended_at is null) * 1000 + count(*) from agent_state_span where agent_id = " + agent),
                n -> n > 0 && n < 1000);

        String range = "from=" + today().minusDays(1) + "&to=" + today().plusDays(1) + "&zone=UTC&campaignId=" + campaignId;
        JsonObject report = api.get("/api/reports/floor/agents?" + range).json();
        List<JsonObject> rows = report.getJsonArray("rows").stream().map(o -> (JsonObject) o)
                .filter(r -> r.getLong("agentId") == agent).toList();
        assertThat(rows).isNotEmpty();

        // state time: the spans' sum, split into the states, within the time the agent was logged in
        double loggedIn = sum(rows, "loggedInSeconds");
        double spans = doubleOf("select sum(extract(epoch from ended_at - started_at)) from agent_state_span where agent_id = " + agent);
        assertThat(loggedIn).isCloseTo(spans, within(0.01));
        assertThat(loggedIn).isLessThanOrEqualTo(Duration.between(before, after).toMillis() / 1000.0 + 0.01)
                .isGreaterThan(Duration.between(before, after).toMillis() / 1000.0 - 3);
        assertThat(sum(rows, "readySeconds") + sum(rows, "talkingSeconds") + sum(rows, "wrapUpSeconds") + sum(rows, "pausedSeconds")
                + sum(rows, "previewingSeconds") + sum(rows, "connectingSeconds")).isCloseTo(loggedIn, within(0.01));
        assertThat(sum(rows, "wrapUpSeconds")).as("the second call's wrap-up").isGreaterThan(0.9);
        assertThat(sum(rows, "talkingSeconds")).isGreaterThan(1.0);
        double coaching = rows.stream().mapToDouble(r -> r.getJsonObject("pausedByReason").getDouble("coaching", 0.0)).sum();
        assertThat(coaching).isGreaterThan(1.9).isLessThan(sum(rows, "pausedSeconds") + 0.01);
        assertThat(coaching).isCloseTo(doubleOf("select sum(extract(epoch from ended_at - started_at)) from agent_state_span where agent_id = "
                + agent + " and state = 'PAUSED' and pause_reason = 'coaching'"), within(0.01));

        // calls, contacts, promises and collections against their tables
        assertThat(sumLong(rows, "calls")).isEqualTo(3).isEqualTo(longOf("select count(*) from call_attempt where agent_id = " + agent));
        assertThat(sumLong(rows, "rightPartyContacts")).isEqualTo(3).isEqualTo(longOf("select count(*) from disposition d join "
                + "campaign_disposition k using (campaign_id, code) where k.is_right_party and d.agent_id = " + agent));
        assertThat(sumLong(rows, "contacts")).isEqualTo(longOf("select count(*) from disposition d join campaign_disposition k "
                + "using (campaign_id, code) where k.is_contact and d.agent_id = " + agent));
        assertThat(sumLong(rows, "promises")).isEqualTo(2).isEqualTo(longOf("select count(*) from promise where agent_id = " + agent));
        assertThat(sumMoney(rows, "promisedAmount")).isEqualByComparingTo("150.00")
                .isEqualByComparingTo(money("select sum(amount) from promise where agent_id = " + agent));
        assertThat(sumLong(rows, "promisesDue")).isEqualTo(2);
        assertThat(sumLong(rows, "kept")).isEqualTo(1).isEqualTo(longOf("select count(*) from promise where status = 'KEPT' and agent_id = " + agent));
        assertThat(sumLong(rows, "broken")).isEqualTo(1).isEqualTo(longOf("select count(*) from promise where status = 'BROKEN' and agent_id = " + agent));
        assertThat(sumMoney(rows, "collected")).as("only F1's payment is in a promise's window").isEqualByComparingTo("100.00")
                .isEqualByComparingTo(attributed(agent, campaignId));
        JsonObject busiest = rows.stream().filter(r -> r.getLong("rightPartyContacts") > 0).findFirst().orElseThrow();
        assertThat(busiest.getDouble("rpcPerLoggedInHour")).isCloseTo(busiest.getLong("rightPartyContacts") * 3600.0
                / busiest.getDouble("loggedInSeconds"), within(0.01));

        // by week: the same totals
        List<JsonObject> weeks = api.get("/api/reports/floor/agents?" + range + "&groupBy=week").json().getJsonArray("rows").stream()
                .map(o -> (JsonObject) o).filter(r -> r.getLong("agentId") == agent).toList();
        assertThat(sum(weeks, "loggedInSeconds")).isCloseTo(loggedIn, within(0.01));
        assertThat(sumLong(weeks, "calls")).isEqualTo(3);

        // the CSV: the same rows
        Api.Reply csv = api.get("/api/reports/floor/agents.csv?" + range);
        assertThat(csv.status()).isEqualTo(200);
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0) + "\n").isEqualTo(FloorCsv.AGENT_HEADER);
        assertThat(lines).hasSize(report.getJsonArray("rows").size() + 1);
        String agentLine = lines.stream().filter(l -> l.contains("," + agent + ",\"Floor Agent")).findFirst().orElseThrow();
        assertThat(agentLine.split(",")[11]).isEqualTo(String.valueOf(rows.get(0).getLong("calls")));

        // buckets: at the start of yesterday F1 and F2 were in M1, F3 in M2; at the end of tomorrow F1 is in M2, F2 in M1, F3 in M1
        JsonObject buckets = api.get("/api/reports/floor/buckets?" + range).json();
        JsonObject m1 = bucket(buckets, "M1");
        assertThat(m1.getLong("accounts")).isEqualTo(2);
        assertThat(m1.getLong("rolledForward")).isEqualTo(1);
        assertThat(m1.getLong("rolledToNext")).isEqualTo(1);
        assertThat(m1.getLong("stayed")).isEqualTo(1);
        assertThat(m1.getDouble("rollRate")).isEqualTo(0.5);
        assertThat(m1.getString("balanceAtStart")).isEqualTo("900.00");
        assertThat(m1.getString("collected")).as("F1's 100 and F2's 10").isEqualTo("110.00");
        assertThat(m1.getDouble("recoveryRate")).isCloseTo(110.0 / 900.0, within(0.0001));
        JsonObject m2 = bucket(buckets, "M2");
        assertThat(m2.getLong("accounts")).isEqualTo(1);
        assertThat(m2.getLong("improved")).isEqualTo(1);
        assertThat(m2.getDouble("rollRate")).isEqualTo(0.0);
        assertThat(m2.getString("collected")).isEqualTo("20.00");
        assertThat(m2.getDouble("recoveryRate")).isCloseTo(20.0 / 300.0, within(0.0001));
        assertThat(longOf("select count(*) from account_bucket_history where debtor_id in (select debtor_id from campaign_lead "
                + "where campaign_id = " + campaignId + ")")).as("3 at the first import; 2 changed at the second (F2 unchanged)").isEqualTo(5);
        String bucketCsv = api.get("/api/reports/floor/buckets.csv?" + range).body();
        assertThat(bucketCsv.lines().toList()).hasSize(7).element(1).asString().startsWith("M1,2,900.00,1,1,1,0,0.5000,110.00,0.1222,");

        // who may read it: the campaign's supervisor; not another campaign's, not an agent
        Api supervisor = server.user("floorsup" + c, "SUPERVISOR", null, List.of(campaignId));
        assertThat(supervisor.get("/api/reports/floor/agents?" + range).status()).isEqualTo(200);
        assertThat(supervisor.get("/api/reports/floor/agents?from=" + today()).json().getJsonArray("rows").stream()
                .allMatch(r -> ((JsonObject) r).getLong("agentId") == agent)).as("only their campaigns' agents").isTrue();
        Api other = server.user("othersup" + c, "SUPERVISOR", null, List.of());
        assertThat(other.get("/api/reports/floor/agents?" + range).status()).isEqualTo(403);
        assertThat(other.get("/api/reports/floor/buckets.csv?" + range).status()).isEqualTo(403);
        Api agentUser = server.user("flooragent" + c, "AGENT", agent, List.of());
        assertThat(agentUser.get("/api/reports/floor/agents?from=" + today()).status()).isEqualTo(403);
        assertThat(agentUser.get("/api/reports/floor/agents.csv?from=" + today()).status()).isEqualTo(403);

        // bad parameters: 400 naming the field
        assertProblem("/api/reports/floor/agents?from=yesterday", "from");
        assertProblem("/api/reports/floor/agents?from=" + today() + "&to=" + today().minusDays(1), "to");
        assertProblem("/api/reports/floor/agents.csv?groupBy=month", "groupBy");
        assertProblem("/api/reports/floor/buckets?zone=Mars/Olympus", "zone");
        assertProblem("/api/reports/floor/agents?campaignId=x", "campaignId");
        assertProblem("/api/reports/floor/agents?agentId=1.5", "agentId");
        assertProblem("/api/reports/floor/agents?from=2020-01-01&to=2026-01-01", "to");
    }

    /** The attribution rule, computed here from the tables: each payment to the last promise given whose window holds it. */
    private static BigDecimal attributed(long agent, long campaignId) throws Exception {
        List<Map<String, Object>> promises = new ArrayList<>();
        try (Connection c = server.server().dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "select id, debtor_id, account_id, agent_id, campaign_id, created_at, created_at::date, due_date from promise "
                        + "where status <> 'CANCELLED'"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Map<String, Object> p = new HashMap<>();
                p.put("id", rs.getLong(1));
                p.put("debtor", rs.getLong(2));
                p.put("account", rs.getObject(3));
                p.put("agent", rs.getObject(4));
                p.put("campaign", rs.getLong(5));
                p.put("created", rs.getTimestamp(6).toInstant());
                p.put("from", rs.getDate(7).toLocalDate());
                p.put("due", rs.getDate(8).toLocalDate());
                promises.add(p);
            }
        }
        BigDecimal total = BigDecimal.ZERO;
        try (Connection c = server.server().dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "select debtor_id, account_id, amount, paid_on from payment where paid_on between ? and ?")) {
            ps.setObject(1, today().minusDays(1));
            ps.setObject(2, today().plusDays(1));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long debtor = rs.getLong(1);
                    Object account = rs.getObject(2);
                    LocalDate paidOn = rs.getDate(4).toLocalDate();
                    Map<String, Object> best = null;
                    for (Map<String, Object> p : promises) {
                        boolean fits = (long) p.get("debtor") == debtor && (p.get("account") == null || account == null
                                || p.get("account").equals(account)) && !paidOn.isBefore((LocalDate) p.get("from"))
                                && !paidOn.isAfter((LocalDate) p.get("due"));
                        if (fits && (best == null || ((Instant) p.get("created")).isAfter((Instant) best.get("created"))
                                || p.get("created").equals(best.get("created")) && (long) p.get("id") > (long) best.get("id"))) {
                            best = p;
                        }
                    }
                    if (best != null && Long.valueOf(agent).equals(best.get("agent")) && (long) best.get("campaign") == campaignId) {
                        total = total.add(rs.getBigDecimal(3));
                    }
                }
            }
        }
        return total;
    }

    private static void assertProblem(String path, String field) {
        Api.Reply reply = api.get(path);
        assertThat(reply.status()).as(path + ": " + reply.body()).isEqualTo(400);
        assertThat(reply.json().getJsonArray("problems").getJsonObject(0).getString("field")).isEqualTo(field);
    }

    private static JsonObject bucket(JsonObject report, String name) {
        return report.getJsonArray("rows").stream().map(o -> (JsonObject) o).filter(r -> name.equals(r.getString("bucket")))
                .findFirst().orElseThrow();
    }

    private static double sum(List<JsonObject> rows, String field) {
        return rows.stream().mapToDouble(r -> r.getDouble(field)).sum();
    }

    private static long sumLong(List<JsonObject> rows, String field) {
        return rows.stream().mapToLong(r -> r.getLong(field)).sum();
    }

    private static BigDecimal sumMoney(List<JsonObject> rows, String field) {
        return rows.stream().map(r -> new BigDecimal(r.getString(field))).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = server.server().dataSource().getConnection(); var s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    private static long longOf(String query) {
        try (Connection c = server.server().dataSource().getConnection(); var s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double doubleOf(String query) throws Exception {
        try (Connection c = server.server().dataSource().getConnection(); var s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    private static BigDecimal money(String query) throws Exception {
        try (Connection c = server.server().dataSource().getConnection(); var s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getBigDecimal(1);
        }
    }

    /** Today on the server's clock, in UTC. */
    private static LocalDate today() {
        return LocalDate.now(server.clock().withZone(ZoneOffset.UTC));
    }

    private static JsonObject session(long agent) {
        JsonArray agents = api.get("/api/agents").array();
        return agents.stream().map(o -> (JsonObject) o).filter(a -> a.getLong("id") == agent).findFirst()
                .map(a -> a.getJsonObject("session")).orElse(null);
    }

    private static long onCall(long agent, long previousAttempt) {
        JsonObject s = Await.until("agent " + agent + " on a call after attempt " + previousAttempt, Duration.ofSeconds(60),
                () -> session(agent), x -> x != null && "ON_CALL".equals(x.getString("state"))
                        && x.getLong("attemptId", 0L) != previousAttempt);
        return s.getLong("attemptId");
    }
}
