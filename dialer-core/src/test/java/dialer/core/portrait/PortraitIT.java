package dialer.core.portrait;

import dialer.core.testing.Api;
import dialer.core.testing.Await;
import dialer.core.testing.TestServer;
import dialer.pacing.order.BestHours;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portrait through the real server and PostgreSQL, for a debtor whose history is built by hand: two
 * accounts (one re-imported a bucket worse), two numbers, six attempts at known local hours in the debtor's
 * zone (and one never dialed), four promises, three payments. Every figure is checked against its value
 * worked out here.
 */
class PortraitIT {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static TestServer server;
    private static Api admin;
    private static Connection db;
    private static long campaignId;
    private static long otherCampaignId;
    private static long debtorId;
    private static LocalDate today;

    @BeforeAll
    static void build() throws Exception {
        server = TestServer.start();
        admin = server.api();
        db = DriverManager.getConnection(server.postgres().jdbcUrl("dialer"), server.postgres().user(), "");
        today = LocalDate.ofInstant(server.clock().instant(), ZoneOffset.UTC);
        campaignId = admin.expect(201, "/api/campaigns", new JsonObject().put("name", "Portrait").put("dialMode", "PREVIEW")
                .put("dialString", "Local/{number}@sim-carrier")).getLong("id");
        otherCampaignId = admin.expect(201, "/api/campaigns", new JsonObject().put("name", "Elsewhere").put("dialMode", "PREVIEW")
                .put("dialString", "Local/{number}@sim-carrier")).getLong("id");
        String header = "id,name,account_ref,amount,days_overdue,bucket,account_flags,flags,phone,phone_type,phone_home,time_zone\n";
        importCsv(header
                + "PT-1,Petra Portrait,A1,1000.00,45,M2,,NO_CALLS_AT_WORK,+12125550191,OWN_MOBILE,+13125550192,America/Chicago\n"
                + "PT-1,Petra Portrait,A2,250.50,20,M1,COMPLAINT,,+12125550191,OWN_MOBILE,,America/Chicago\n");
        // the next month's file: A1 a bucket worse (the database records the change)
        importCsv(header + "PT-1,Petra Portrait,A1,1000.00,75,M3,,,+12125550191,OWN_MOBILE,,America/Chicago\n");
        debtorId = admin.get("/api/debtors?externalId=PT-1").json().getLong("id");

        long agentId = admin.expect(201, "/api/agents", new JsonObject().put("name", "Portia Agent").put("extension", "47101")
                .put("phone", "Local/{extension}@sim-agent-phone")).getLong("id");
        long lead = one("select id from campaign_lead where campaign_id = " + campaignId + " and debtor_id = " + debtorId);
        long mobile = one("select id from debtor_phone where e164 = '+12125550191'");
        long home = one("select id from debtor_phone where e164 = '+13125550192'");
        // attempts: (number, days ago, local time in Chicago, connected, disposition)
        attempt(lead, mobile, "+12125550191", 10, "09:15", false, "NO_ANSWER", null);
        attempt(lead, mobile, "+12125550191", 9, "09:40", false, "NO_ANSWER", null);
        attempt(lead, mobile, "+12125550191", 8, "18:10", true, "RPC", agentId);
        attempt(lead, home, "+13125550192", 7, "12:05", true, "WRONG_NUMBER", agentId);
        attempt(lead, home, "+13125550192", 6, "18:30", false, "NO_ANSWER", null);
        attempt(lead, mobile, "+12125550191", 3, "18:45", true, "PTP", agentId);
        attempt(lead, mobile, "+12125550191", 2, "10:00", false, null, null); // never dialed: not counted
        // promises: kept (due 60 days ago), broken twice since, one open
        promise(200, 60, "KEPT", 200);
        promise(150, 30, "BROKEN", 0);
        promise(150, 10, "BROKEN", 0);
        promise(300, -5, "OPEN", 0);
        // payments: 300 four months ago, 200 (kept the first promise), 50 (small: under 10% of 1250.50)
        payment(300, 120, "P-old");
        payment(200, 58, "P-kept");
        payment(50, 20, "P-small");
    }

    @AfterAll
    static void stop() throws SQLException {
        if (db != null) {
            db.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static void importCsv(String csv) {
        Api.Reply r = admin.postRaw("/api/campaigns/" + campaignId + "/leads", "text/csv", csv);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private static long one(String sql) throws SQLException {
        try (var st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getLong(1);
        }
    }

    private static Instant chicago(int daysAgo, String time) {
        return today.minusDays(daysAgo).atTime(LocalTime.parse(time)).atZone(CHICAGO).toInstant();
    }

    private static void attempt(long lead, long phoneId, String phone, int daysAgo, String time, boolean connected, String code,
                                Long agentId) throws SQLException {
        Instant at = chicago(daysAgo, time);
        long id;
        try (PreparedStatement ps = db.prepareStatement("""
                insert into call_attempt (campaign_id, lead_id, debtor_id, phone_id, phone, pbx, node, state, outcome, agent_id,
                    originated_at, answered_at, connected_at, ended_at)
                values (?, ?, ?, ?, ?, 'local', 'test', 'ENDED', ?, ?, ?, ?, ?, ?) returning id""")) {
            ps.setLong(1, campaignId);
            ps.setLong(2, lead);
            ps.setLong(3, debtorId);
            ps.setLong(4, phoneId);
            ps.setString(5, phone);
            ps.setString(6, code == null ? "NOT_DIALED" : connected ? "ANSWERED_HUMAN" : "NO_ANSWER");
            ps.setObject(7, agentId);
            ps.setTimestamp(8, Timestamp.from(at));
            ps.setTimestamp(9, connected ? Timestamp.from(at.plusSeconds(5)) : null);
            ps.setTimestamp(10, connected ? Timestamp.from(at.plusSeconds(6)) : null);
            ps.setTimestamp(11, Timestamp.from(at.plusSeconds(60)));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        if (code != null) {
            try (PreparedStatement ps = db.prepareStatement("""
                    insert into disposition (attempt_id, campaign_id, lead_id, agent_id, code, created_at) values (?, ?, ?, ?, ?, ?)""")) {
                ps.setLong(1, id);
                ps.setLong(2, campaignId);
                ps.setLong(3, lead);
                ps.setObject(4, agentId);
                ps.setString(5, code);
                ps.setTimestamp(6, Timestamp.from(at.plusSeconds(90)));
                ps.executeUpdate();
            }
        }
    }

    private static void promise(int amount, int dueDaysAgo, String status, int paid) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("""
                insert into promise (debtor_id, campaign_id, amount, due_date, status, paid_amount) values (?, ?, ?, ?, ?, ?)""")) {
            ps.setLong(1, debtorId);
            ps.setLong(2, campaignId);
            ps.setBigDecimal(3, java.math.BigDecimal.valueOf(amount));
            ps.setObject(4, today.minusDays(dueDaysAgo));
            ps.setString(5, status);
            ps.setBigDecimal(6, java.math.BigDecimal.valueOf(paid));
            ps.executeUpdate();
        }
    }

    private static void payment(int amount, int daysAgo, String reference) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("""
                insert into payment (debtor_id, amount, paid_on, reference) values (?, ?, ?, ?)""")) {
            ps.setLong(1, debtorId);
            ps.setBigDecimal(2, java.math.BigDecimal.valueOf(amount));
            ps.setObject(3, today.minusDays(daysAgo));
            ps.setString(4, reference);
            ps.executeUpdate();
        }
    }

    /** The portrait once the campaign's hour profile has been read (the first ask starts that read). */
    private static JsonObject portrait(Api api, String query) {
        String path = "/api/debtors/" + debtorId + "/portrait" + query;
        Api.Reply first = api.get(path);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        return Await.until("the list's hour profile read", java.time.Duration.ofSeconds(10), () -> api.get(path).json(),
                p -> p.getJsonObject("bestHours").getString("listAsOf") != null);
    }

    @Test
    void everyFigureIsTheOneWorkedOutByHand() {
        JsonObject p = portrait(admin, "");
        assertThat(p.getLong("campaignId")).as("the campaign of the latest attempt").isEqualTo(campaignId);
        assertThat(p.getString("zone")).isEqualTo("America/Chicago");

        JsonObject overdue = p.getJsonObject("overdue");
        assertThat(overdue.getString("total")).isEqualTo("1250.50");
        assertThat(overdue.getInteger("oldestDaysOverdue")).isEqualTo(75);

        JsonObject bucket = p.getJsonObject("bucket");
        assertThat(bucket.getString("worst")).isEqualTo("M3");
        assertThat(bucket.getString("trend")).isEqualTo("WORSENING");
        assertThat(bucket.getBoolean("everCured")).isFalse();
        JsonArray changes = bucket.getJsonArray("recentChanges");
        assertThat(changes).hasSize(3);
        assertThat(changes.getJsonObject(0).getString("from")).isEqualTo("M2");
        assertThat(changes.getJsonObject(0).getString("to")).isEqualTo("M3");

        JsonObject pay = p.getJsonObject("payments");
        assertThat(pay.getString("lastPaidOn")).isEqualTo(today.minusDays(20).toString());
        assertThat(pay.getString("lastAmount")).isEqualTo("50.00");
        assertThat(pay.getString("paidLast90Days")).isEqualTo("250.00");
        assertThat(pay.getInteger("countLast90Days")).isEqualTo(2);
        assertThat(pay.getInteger("smallLast90Days")).isEqualTo(1);
        assertThat(pay.getInteger("countEver")).isEqualTo(3);

        JsonObject pr = p.getJsonObject("promises");
        assertThat(pr.getInteger("made")).isEqualTo(4);
        assertThat(pr.getInteger("kept")).isEqualTo(1);
        assertThat(pr.getInteger("broken")).isEqualTo(2);
        assertThat(pr.getInteger("open")).isEqualTo(1);
        assertThat(pr.getInteger("partial")).isZero();
        assertThat(pr.getInteger("brokenInARow")).isEqualTo(2);

        JsonObject c = p.getJsonObject("contacts");
        assertThat(c.getInteger("attempts")).isEqualTo(6);
        assertThat(c.getInteger("rightPartyContacts")).isEqualTo(2);
        assertThat(c.getInteger("conversations")).isEqualTo(3);
        JsonArray byNumber = c.getJsonArray("byNumber");
        assertThat(byNumber).hasSize(2);
        assertThat(byNumber.getJsonObject(0).getString("number")).isEqualTo("+1212***0191");
        assertThat(List.of(byNumber.getJsonObject(0).getInteger("attempts"), byNumber.getJsonObject(0).getInteger("conversations"),
                byNumber.getJsonObject(0).getInteger("rightPartyContacts"))).containsExactly(4, 2, 2);
        assertThat(byNumber.getJsonObject(1).getString("number")).isEqualTo("+1312***0192");
        assertThat(List.of(byNumber.getJsonObject(1).getInteger("attempts"), byNumber.getJsonObject(1).getInteger("conversations"),
                byNumber.getJsonObject(1).getInteger("rightPartyContacts"))).containsExactly(2, 1, 0);
        JsonArray byHour = c.getJsonArray("byLocalHour");
        assertThat(byHour.stream().map(o -> (JsonObject) o).map(h -> h.getInteger("hour") + ":" + h.getInteger("attempts") + "/"
                + h.getInteger("conversations") + "/" + h.getInteger("rightPartyContacts")).toList())
                .as("local hours in Chicago: attempts/conversations/RPC").containsExactly("9:2/0/0", "12:1/1/0", "18:3/2/2");
        JsonObject last = c.getJsonObject("lastConversation");
        assertThat(last.getString("at")).isEqualTo(chicago(3, "18:45").plusSeconds(0).toString());
        assertThat(last.getString("localTime")).endsWith("18:45 America/Chicago");
        assertThat(last.getString("number")).isEqualTo("+1212***0191");
        assertThat(last.getString("agent")).isEqualTo("Portia Agent");
        assertThat(last.getString("disposition")).isEqualTo("PTP");

        // best hours: the pacing library's learner fed one attempt at a time (the list is this campaign: the same six)
        BestHours reference = new BestHours();
        int[][] attempts = {{9, 0}, {9, 0}, {18, 1}, {12, 0}, {18, 0}, {18, 1}};
        for (int[] a : attempts) {
            reference.record(-1, a[0], a[1] == 1);
        }
        for (int[] a : attempts) {
            reference.record(debtorId, a[0], a[1] == 1);
        }
        JsonObject best = p.getJsonObject("bestHours");
        assertThat(best.getLong("listAttempts")).isEqualTo(6);
        JsonArray hours = best.getJsonArray("hours");
        assertThat(hours.stream().map(o -> ((JsonObject) o).getInteger("hour")).toList()).containsExactly(18, 12, 9);
        for (Object o : hours) {
            JsonObject h = (JsonObject) o;
            assertThat(h.getDouble("chance")).as("hour %d", h.getInteger("hour"))
                    .isCloseTo(reference.score(debtorId, h.getInteger("hour")), org.assertj.core.data.Offset.offset(0.0001));
        }
        assertThat(hours.getJsonObject(0).getInteger("ownAttempts")).isEqualTo(3);
        assertThat(hours.getJsonObject(0).getInteger("ownRightPartyContacts")).isEqualTo(2);

        JsonObject flags = p.getJsonObject("flags");
        assertThat(flags.getJsonArray("debtor").getList()).containsExactly("NO_CALLS_AT_WORK");
        assertThat(flags.getJsonArray("accounts").getJsonObject(0).getString("ref")).isEqualTo("A2");
        assertThat(flags.getJsonArray("accounts").getJsonObject(0).getJsonArray("flags").getList()).containsExactly("COMPLAINT");

        // two promises broken since the last kept one: an avoider under the shipped rules
        JsonObject segment = p.getJsonObject("segment");
        assertThat(segment.getString("name")).isEqualTo("avoider");
        assertThat(segment.getJsonArray("reasons").getList()).containsExactly("2 promises broken in a row");
        assertThat(segment.getString("rules")).isEqualTo("defaults");
        assertThat(p.encode()).as("no full number in the portrait").doesNotContain("2125550191", "3125550192");
    }

    @Test
    void aCampaignsOwnRulesChangeTheSegmentAndBadRulesAreRefusedByField() {
        Api.Reply bad = admin.put("/api/campaigns/" + otherCampaignId + "/segment-rules",
                new JsonObject().put("avoiderMinAttempts", -1).put("hardshipFlags", new JsonArray().add("POOR")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("avoiderMinAttempts", "hardshipFlags[0]");
        assertThat(admin.put("/api/campaigns/999999/segment-rules", new JsonObject()).status()).isEqualTo(404);

        Api.Reply put = admin.put("/api/campaigns/" + otherCampaignId + "/segment-rules", new JsonObject().put("hardshipMinSmallPayments", 1));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        JsonObject saved = put.json();
        assertThat(saved.getBoolean("custom")).isTrue();
        assertThat(saved.getJsonObject("rules").getInteger("hardshipMinSmallPayments")).isEqualTo(1);
        assertThat(admin.get("/api/audit?limit=5").body()).contains("campaign " + otherCampaignId + " segment rules");

        // the same debtor seen through the other campaign's rules: one small payment in 90 days is hardship there
        JsonObject p = admin.get("/api/debtors/" + debtorId + "/portrait?campaignId=" + otherCampaignId).json();
        assertThat(p.getJsonObject("segment").getString("name")).isEqualTo("hardship");
        assertThat(p.getJsonObject("segment").getJsonArray("reasons").getList()).containsExactly("1 small payment(s) in 90 days");
        assertThat(p.getJsonObject("segment").getString("rules")).isEqualTo("campaign");
        assertThat(admin.get("/api/debtors/" + debtorId + "/portrait").json().getJsonObject("segment").getString("name"))
                .as("its own campaign keeps the defaults").isEqualTo("avoider");
    }

    @Test
    void onlyThoseWhoMaySeeTheDebtorSeeTheirPortrait() {
        Api supervisor = server.user("portrait-boss", "SUPERVISOR", null, List.of(campaignId));
        Api stranger = server.user("portrait-stranger", "SUPERVISOR", null, List.of(otherCampaignId));
        long agentId = admin.expect(201, "/api/agents", new JsonObject().put("name", "Idle Agent").put("extension", "47102")
                .put("phone", "Local/{extension}@sim-agent-phone")).getLong("id");
        Api agent = server.user("portrait-agent", "AGENT", agentId, List.of());
        String path = "/api/debtors/" + debtorId + "/portrait";
        assertThat(supervisor.get(path).status()).isEqualTo(200);
        assertThat(supervisor.get(path + "?campaignId=" + otherCampaignId).status()).as("a campaign not theirs").isEqualTo(403);
        assertThat(stranger.get(path).status()).isEqualTo(403);
        assertThat(agent.get(path).status()).as("not connected to the debtor").isEqualTo(403);
        assertThat(supervisor.get("/api/campaigns/" + campaignId + "/segment-rules").status()).isEqualTo(200);
        assertThat(supervisor.put("/api/campaigns/" + campaignId + "/segment-rules", new JsonObject()).status()).isEqualTo(403);
        assertThat(admin.get("/api/debtors/99999999/portrait").status()).isEqualTo(404);
        assertThat(admin.get("/api/debtors/abc/portrait").status()).isEqualTo(400);
    }
}
