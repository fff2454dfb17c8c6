package dialer.core.trunk;

import dialer.ami.testing.AsteriskForTests;
import dialer.core.browser.Chromium;
import dialer.core.testing.Api;
import dialer.core.testing.Await;
import dialer.core.testing.SimulatedFloor;
import dialer.core.testing.Sipp;
import dialer.core.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real telephony through PJSIP trunks the dialer defines, against the real Asterisk: SIPp plays the
 * carrier (UDP 5070), a carrier refusing our credentials (5075), and a socket that swallows every
 * packet plays a black-holed trunk (5079). One server, short calls.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrunkIT {

    private static final int CARRIER_PORT = 5070;
    private static final int REFUSER_PORT = 5075;
    private static final int BLACK_HOLE_PORT = 5079;
    private static final int REGISTRAR_PORT = 5077;
    private static final String CALLER_ID = "+15557770001";

    private static Sipp carrier;
    private static Sipp refuser;
    private static Sipp registrar;
    private static DatagramSocket blackHole;
    private static TestServer server;
    private static Api api;
    private static Connection db;

    @BeforeAll
    static void start() throws Exception {
        carrier = Sipp.uas("carrier.xml", CARRIER_PORT, 5071);
        refuser = Sipp.uas("auth-refuser.xml", REFUSER_PORT, 5076);
        registrar = Sipp.uas("registrar-refuser.xml", REGISTRAR_PORT, 5072);
        blackHole = new DatagramSocket(BLACK_HOLE_PORT, InetAddress.getLoopbackAddress());
        Thread swallow = new Thread(() -> {
            byte[] buffer = new byte[65536];
            while (!blackHole.isClosed()) {
                try {
                    blackHole.receive(new DatagramPacket(buffer, buffer.length));
                } catch (java.io.IOException e) {
                    return;
                }
            }
        }, "black-hole");
        swallow.setDaemon(true);
        swallow.start();
        server = TestServer.start();
        api = server.api();
        db = DriverManager.getConnection(server.postgres().jdbcUrl("dialer"), server.postgres().user(), "");
    }

    @AfterAll
    static void stop() throws Exception {
        if (api != null && db != null) {
            // leave the shared Asterisk without this test's trunks (no qualify of the black hole every second)
            try (PreparedStatement ps = db.prepareStatement("update campaign set dial_string = 'Local/{number}@sim-carrier'")) {
                ps.executeUpdate();
            }
            for (Object o : api.get("/api/trunks").array()) {
                api.delete("/api/trunks/" + ((JsonObject) o).getLong("id"), new JsonObject());
            }
        }
        if (db != null) {
            db.close();
        }
        if (server != null) {
            server.close();
        }
        if (blackHole != null) {
            blackHole.close();
        }
        if (carrier != null) {
            carrier.close();
        }
        if (refuser != null) {
            refuser.close();
        }
        if (registrar != null) {
            registrar.close();
        }
    }

    private static JsonObject trunk(String name, int port) {
        return new JsonObject().put("name", name).put("host", "127.0.0.1").put("port", port).put("qualifyFrequency", 1)
                .put("maxCalls", 20).put("callsPerSecond", 20).put("rtpTimeout", 30);
    }

    @Test
    @Order(1)
    void trunksAreValidatedAuditedAndWrittenToAsteriskWithoutARestart() {
        Api.Reply bad = api.post("/api/trunks", new JsonObject().put("name", "Carrier!").put("host", "bad host")
                .put("port", 70000).put("transport", "sctp").put("username", "only-user"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("name", "host", "port", "transport", "password");

        String uptimeBefore = AsteriskForTests.cli("core show uptime seconds");
        JsonObject created = api.expect(201, "/api/trunks", trunk("carrier", CARRIER_PORT)
                .put("username", "dialer").put("password", "s3cret-pass"));
        assertThat(created.encode()).doesNotContain("s3cret-pass");
        assertThat(created.getBoolean("passwordSet")).isTrue();
        assertThat(created.getString("dialString")).isEqualTo("PJSIP/{number}@carrier");
        api.expect(201, "/api/trunks", trunk("refuser", REFUSER_PORT).put("username", "dialer").put("password", "wrong-pass"));
        api.expect(201, "/api/trunks", trunk("blackhole", BLACK_HOLE_PORT));
        // a carrier that answers its qualify but refuses our registration
        api.expect(201, "/api/trunks", trunk("unregistered", REGISTRAR_PORT).put("username", "acct").put("password", "pw-1234")
                .put("register", true));
        // the same black hole without a qualify: only its calls can tell
        api.expect(201, "/api/trunks", trunk("silent", BLACK_HOLE_PORT).put("qualifyFrequency", 0));
        assertThat(api.post("/api/trunks", trunk("carrier", CARRIER_PORT)).status()).isEqualTo(409);

        String endpoint = AsteriskForTests.cli("pjsip show endpoint carrier");
        assertThat(endpoint).contains("send_pai", "trust_id_outbound", "dialer-trunk", "carrier-aor");
        assertThat(endpoint).doesNotContain("s3cret-pass");
        assertThat(AsteriskForTests.cli("pjsip show endpoints")).contains("refuser", "blackhole");
        // reloaded, not restarted: Asterisk's uptime went on
        assertThat(uptimeSeconds(AsteriskForTests.cli("core show uptime seconds")))
                .isGreaterThanOrEqualTo(uptimeSeconds(uptimeBefore));
        JsonArray list = api.get("/api/trunks").array();
        assertThat(list.encode()).doesNotContain("s3cret-pass", "wrong-pass");
        assertThat(api.get("/api/audit").body()).contains("created trunk", "'carrier'");
    }

    private static long uptimeSeconds(String cli) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("System uptime: (\\d+)").matcher(cli);
        assertThat(m.find()).as(cli).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** The last two digits of each number tell the SIPp carrier what to answer (see carrier.xml). */
    @Test
    @Order(2)
    void eachSipResponseEndsWithItsOutcomeAndItsRetry() throws Exception {
        JsonObject campaign = new JsonObject().put("name", "SIP outcomes " + System.nanoTime()).put("dialMode", "PROGRESSIVE")
                .put("trunk", "carrier").put("detectMachines", false).put("ringTimeoutSeconds", 5);
        Api.Reply anonymous = api.post("/api/campaigns", campaign.copy());
        assertThat(anonymous.status()).isEqualTo(400);
        assertThat(anonymous.body()).contains("callerId");
        assertThat(api.post("/api/campaigns", campaign.copy().put("trunk", "nosuchtrunk").put("callerId", CALLER_ID)).body())
                .contains("trunk", "nosuchtrunk");
        long campaignId = api.expect(201, "/api/campaigns", campaign.put("callerId", "\"ACME Collections\" <" + CALLER_ID + ">"))
                .getLong("id");
        Map<String, String[]> expected = new java.util.LinkedHashMap<>();
        // tail -> outcome, disposition (null: none), retry minutes (null: not retried by a disposition)
        expected.put("00", new String[] {"ANSWERED_HUMAN", null, null, "0"});
        expected.put("86", new String[] {"BUSY", "BUSY", "10", "486"});
        expected.put("04", new String[] {"INVALID_NUMBER", "INVALID_NUMBER", null, "404"});
        expected.put("84", new String[] {"NUMBER_FORMAT_REFUSED", "NUMBER_FORMAT_REFUSED", "1440", "484"});
        expected.put("80", new String[] {"NO_ANSWER", "NO_ANSWER", "60", "480"});
        expected.put("08", new String[] {"NO_ANSWER", "NO_ANSWER", "60", "408"});
        expected.put("03", new String[] {"CONGESTION", "CONGESTION", "5", "503"});
        expected.put("60", new String[] {"DECLINED", "DECLINED", "1440", "603"});
        expected.put("02", new String[] {"REDIRECTED", "REDIRECTED", "120", "302"});
        expected.put("99", new String[] {"NO_ANSWER", "NO_ANSWER", "60", null});
        StringBuilder csv = new StringBuilder("id,name,phone,phone_type,amount,days_overdue\n");
        int i = 0;
        for (String tail : expected.keySet()) {
            csv.append("sip-").append(tail).append(",Debtor ").append(i).append(",+1212555").append("01").append(tail)
                    .append(",HOME,").append(1000 - i++).append(",30\n");
        }
        api.postRaw("/api/campaigns/" + campaignId + "/leads", "text/csv", csv.toString());
        for (int a = 0; a < 5; a++) {
            SimulatedFloor.agent(api, "Trunk agent " + a, campaignId, true);
        }
        api.expect(200, "/api/campaigns/" + campaignId + "/start", null);

        Map<String, Attempt> attempts = Await.until("every number called once and its call ended", Duration.ofSeconds(40),
                () -> attempts(campaignId), m -> m.size() == expected.size() && m.values().stream().allMatch(a -> a.ended));
        api.expect(200, "/api/campaigns/" + campaignId + "/stop", null);
        for (var e : expected.entrySet()) {
            Attempt a = attempts.get(e.getKey());
            String[] want = e.getValue();
            assertThat(a.outcome).as("outcome of %s (%s)", e.getKey(), a).isEqualTo(want[0]);
            if (want[3] != null && !want[3].equals("0")) {
                assertThat(a.sipStatus).as("SIP status of %s (%s)", e.getKey(), a).isEqualTo(Integer.valueOf(want[3]));
            }
            if (want[1] != null) {
                Map<String, Object> d = Await.until("the disposition of " + e.getKey(), Duration.ofSeconds(5),
                        () -> disposition(a.id), m -> m != null);
                assertThat(d.get("code")).as("disposition of %s", e.getKey()).isEqualTo(want[1]);
                if (want[2] != null) {
                    long retryMinutes = Duration.between(((Timestamp) d.get("ended")).toInstant(),
                            ((Timestamp) d.get("next")).toInstant()).toMinutes();
                    assertThat(retryMinutes).as("retry of %s", e.getKey()).isBetween(Long.parseLong(want[2]) - 1,
                            Long.parseLong(want[2]));
                }
            }
        }
        // the carrier's refusal of the format is not the debtor's number's fault; a 404 is
        assertThat(phoneStatus("84")).isEqualTo("VALID");
        assertThat(phoneStatus("04")).isEqualTo("INVALID");
        // a declined call is a call the guard counts; nothing is left open
        // caller id and P-Asserted-Identity are the campaign's
        List<String> invites = carrier.log().stream().filter(l -> l.startsWith("INVITE to")).toList();
        assertThat(invites).as(carrier.errors()).hasSizeGreaterThanOrEqualTo(expected.size());
        for (String invite : invites) {
            String from = invite.substring(invite.indexOf("From:"), invite.indexOf("| PAI:"));
            String pai = invite.substring(invite.indexOf("PAI:"));
            assertThat(from).as(invite).contains("ACME Collections", CALLER_ID).doesNotContain("anonymous");
            assertThat(pai).as(invite).contains(CALLER_ID);
        }
    }

    @Test
    @Order(3)
    void blackHoledAndAuthRefusingTrunksStopDialingRaiseTheAlertAndBurnNoAttempts() throws Exception {
        // the black hole answers no qualify: the trunk is down within seconds, before any call
        Await.until("the black-holed trunk reported down", Duration.ofSeconds(10), () -> health("blackhole"),
                h -> h != null && !h.getBoolean("healthy"));
        assertThat(health("blackhole").getString("problem")).contains("qualify");
        assertThat(health("carrier").getBoolean("healthy")).isTrue();
        Await.until("the trunk whose registration is refused reported down", Duration.ofSeconds(10), () -> health("unregistered"),
                h -> h != null && !h.getBoolean("healthy"));
        assertThat(health("unregistered").getString("problem")).contains("registration");
        assertThat(api.get("/metrics").body()).contains("dialer_trunk_up{trunk=\"blackhole\"} 0.0");

        long blackCampaign = campaignOn("blackhole", "07");
        long refuserCampaign = campaignOn("refuser", "17");
        long silentCampaign = campaignOn("silent", "27");
        api.expect(200, "/api/campaigns/" + silentCampaign + "/start", null);
        api.expect(200, "/api/campaigns/" + blackCampaign + "/start", null);
        api.expect(200, "/api/campaigns/" + refuserCampaign + "/start", null);

        // the refusing carrier answers its qualify, so the first call finds it out: 401 on INVITE
        Await.until("the refusing trunk stops dialing", Duration.ofSeconds(15), () -> health("refuser"),
                h -> h != null && !h.getBoolean("healthy"));
        assertThat(health("refuser").getString("problem")).contains("401");
        int placedBeforeTheStop = attempts(refuserCampaign).size();
        Thread.sleep(3000);
        Map<String, Attempt> refused = attempts(refuserCampaign);
        // the calls placed at once (one per ready agent) before the first refusal came back, and no more
        assertThat(refused).as("no call placed once the trunk was down").hasSize(placedBeforeTheStop);
        assertThat(refused.size()).isBetween(1, 3);
        for (Attempt a : refused.values()) {
            assertThat(a.outcome).as(a.toString()).isEqualTo("TRUNK_FAILURE");
            assertThat(a.sipStatus).as(a.toString()).isEqualTo(401);
            assertThat(disposition(a.id)).as("no disposition: no attempt consumed").isNull();
            assertThat(reservationState(a.id)).as("the guard's slot freed").isEqualTo("RELEASED");
        }
        assertThat(leadAttempts(refuserCampaign)).isZero();
        // the black-holed trunk placed nothing at all
        assertThat(attempts(blackCampaign)).isEmpty();
        assertThat(leadAttempts(blackCampaign)).isZero();
        assertThat(api.get("/metrics").body()).contains("dialer_trunk_up{trunk=\"refuser\"} 0.0");
        // the calls into the silent black hole end at their ring timeout as trunk failures, and its dialing stops
        Await.until("the silent trunk stops dialing", Duration.ofSeconds(15), () -> health("silent"),
                h -> h != null && !h.getBoolean("healthy"));
        assertThat(health("silent").getString("problem")).contains("no response from the trunk");
        int silentPlaced = attempts(silentCampaign).size();
        Thread.sleep(1500);
        Map<String, Attempt> silent = Await.until("the silent trunk's calls ended", Duration.ofSeconds(10),
                () -> attempts(silentCampaign), m -> m.values().stream().allMatch(a -> a.ended));
        assertThat(silent).hasSize(silentPlaced);
        for (Attempt a : silent.values()) {
            assertThat(a.outcome).as(a.toString()).isEqualTo("TRUNK_FAILURE");
            assertThat(disposition(a.id)).as("no disposition: no attempt consumed").isNull();
            assertThat(reservationState(a.id)).as("the guard's slot freed").isEqualTo("RELEASED");
        }
        assertThat(leadAttempts(silentCampaign)).isZero();

        // the supervisor's dashboard shows the alert, naming the trunks that are down and why
        server.user("trunk-sup", "SUPERVISOR", null, java.util.List.of(blackCampaign));
        try (Chromium boss = Chromium.start(api.base())) {
            boss.signIn("trunk-sup", "trunk-sup-password");
            boss.await("the dashboard", Duration.ofSeconds(10), d -> boss.location().startsWith("/supervisor"));
            boss.open("/supervisor?campaign=" + blackCampaign);
            String alert = boss.await("the trunk alert", Duration.ofSeconds(15), d -> {
                var element = boss.test("trunk-alert");
                return element.isDisplayed() && element.getText().contains("blackhole") ? element.getText() : null;
            });
            assertThat(alert).contains("Trunk blackhole is down").contains("qualify").contains("Trunk refuser is down")
                    .contains("401").doesNotContain("Trunk carrier");
            boss.screenshot("supervisor-trunk-alert");
            assertThat(boss.consoleErrors()).as("errors in the dashboard's console").isEmpty();
        }
        api.expect(200, "/api/campaigns/" + silentCampaign + "/stop", null);
        api.expect(200, "/api/campaigns/" + blackCampaign + "/stop", null);
        api.expect(200, "/api/campaigns/" + refuserCampaign + "/stop", null);
    }

    private long campaignOn(String trunk, String tail) {
        long campaignId = api.expect(201, "/api/campaigns", new JsonObject().put("name", trunk + " " + System.nanoTime())
                .put("dialMode", "PROGRESSIVE").put("trunk", trunk).put("callerId", CALLER_ID).put("detectMachines", false)
                .put("ringTimeoutSeconds", 5)).getLong("id");
        StringBuilder csv = new StringBuilder("id,name,phone,phone_type,amount,days_overdue\n");
        for (int i = 0; i < 4; i++) {
            csv.append(trunk).append('-').append(i).append(",Debtor ").append(i).append(",+1212555").append(i).append('0')
                    .append(tail).append(",HOME,100,30\n");
        }
        api.postRaw("/api/campaigns/" + campaignId + "/leads", "text/csv", csv.toString());
        for (int i = 0; i < 3; i++) {
            SimulatedFloor.agent(api, trunk + " agent " + i, campaignId, true);
        }
        return campaignId;
    }

    private static JsonObject health(String trunk) {
        for (Object o : api.get("/api/trunks/health").array()) {
            JsonObject h = (JsonObject) o;
            if (h.getString("trunk").equals(trunk)) {
                return h;
            }
        }
        return null;
    }

    record Attempt(long id, String phone, String outcome, Integer sipStatus, boolean ended, String detail) {
    }

    /** The campaign's attempts by the last two digits of the number called. */
    private static Map<String, Attempt> attempts(long campaignId) {
        try (PreparedStatement ps = db.prepareStatement(
                "select id, phone, outcome, sip_status, state = 'ENDED', detail from call_attempt where campaign_id = ? order by id")) {
            ps.setLong(1, campaignId);
            Map<String, Attempt> out = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String phone = rs.getString(2);
                    out.put(phone.substring(phone.length() - 2) + (out.containsKey(phone.substring(phone.length() - 2)) ? "+" + rs.getLong(1) : ""),
                            new Attempt(rs.getLong(1), phone, rs.getString(3), (Integer) rs.getObject(4), rs.getBoolean(5),
                                    rs.getString(6)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> disposition(long attemptId) {
        try (PreparedStatement ps = db.prepareStatement("""
                select d.code, a.ended_at, l.next_call_at from disposition d join call_attempt a on a.id = d.attempt_id
                  join campaign_lead l on l.id = d.lead_id where d.attempt_id = ?""")) {
            ps.setLong(1, attemptId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Map.of("code", rs.getString(1), "ended", rs.getTimestamp(2), "next", rs.getTimestamp(3)) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String phoneStatus(String tail) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("select status from debtor_phone where e164 like ?")) {
            ps.setString(1, "%01" + tail);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static int leadAttempts(long campaignId) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("select coalesce(sum(attempts), 0) from campaign_lead where campaign_id = ?")) {
            ps.setLong(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static String reservationState(long attemptId) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("""
                select r.state from call_attempt a join compliance.attempt r on r.id = a.reservation_id where a.id = ?""")) {
            ps.setLong(1, attemptId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
