package dialer.core.browser;

import dialer.core.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The debtor's portrait in a real browser: shown first in the agent console's screen pop when a lead comes up
 * for preview, with the figures of the debtor's history, and readable by the agent through the API while
 * they preview that debtor.
 */
class PortraitPageIT {

    private static TestServer server;
    private static Fixtures fixtures;

    @BeforeAll
    static void startServer() {
        server = TestServer.start();
        fixtures = new Fixtures(server);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void thePortraitComesFirstInTheScreenPop() throws Exception {
        long campaignId = fixtures.campaign("Portrait page", "PREVIEW");
        fixtures.lead(campaignId, "PP-1", "Paula Portrait", "+12125550181", "640.00", 35);
        long debtorId = fixtures.admin().get("/api/debtors?externalId=PP-1").json().getLong("id");
        try (Connection db = DriverManager.getConnection(server.postgres().jdbcUrl("dialer"), server.postgres().user(), "")) {
            history(db, campaignId, debtorId);
        }
        fixtures.start(campaignId);
        String user = "portrait-viewer";
        fixtures.account(user, "AGENT", fixtures.agent("Vera Viewer"), List.of());
        try (Chromium browser = Chromium.start(server.api().base())) {
            browser.signIn(user, Fixtures.password(user));
            browser.await("the console", Duration.ofSeconds(10), d -> browser.location().equals("/agent")
                    && "LOGGED_OUT".equals(browser.attribute("[data-test=state-banner]", "data-state")));
            browser.find("#campaign-select option[value='" + campaignId + "']").click();
            browser.test("start-session").click();
            browser.await("the agent's phone connected", Duration.ofSeconds(20),
                    d -> "PAUSED".equals(browser.attribute("[data-test=state-banner]", "data-state")));
            browser.test("ready").click();
            browser.await("the lead shown for preview with its portrait", Duration.ofSeconds(20),
                    d -> !browser.findAll("[data-test=portrait]").isEmpty());

            assertThat(browser.script("return document.querySelector('[data-test=screen-pop]').firstElementChild.dataset.test"))
                    .as("the first thing in the screen pop").isEqualTo("portrait");
            assertThat(browser.attribute("[data-test=portrait]", "data-segment")).isEqualTo("avoider");
            assertThat(browser.test("portrait-reasons").getText()).isEqualTo("8 attempts, no right-party contact");
            assertThat(browser.test("portrait-overdue-value").getText()).isEqualTo("640.00");
            assertThat(browser.test("portrait-overdue-sub").getText()).isEqualTo("oldest 35 days");
            assertThat(browser.test("portrait-paid-value").getText()).isEqualTo("25.00");
            assertThat(browser.test("portrait-promises-value").getText()).isEqualTo("0 kept / 1 broken");
            assertThat(browser.test("portrait-contacts-value").getText()).isEqualTo("0 RPC / 8 calls");
            assertThat(browser.test("portrait-contacts-sub").getText()).isEqualTo("1 conversation(s)");
            assertThat(browser.test("portrait-last").getText()).contains("+1212***0181", "Wrong number");
            assertThat(browser.findAll("[data-test=portrait-number]")).hasSize(1);
            assertThat(browser.test("debtor-name").getText()).isEqualTo("Paula Portrait");
            String page = ((String) browser.script("return document.documentElement.outerHTML")).replaceAll("[^0-9]", " ");
            assertThat(page).doesNotContain("2125550181");
            // the agent previewing the debtor may read the portrait itself
            assertThat(browser.script("return fetch('/api/debtors/" + debtorId + "/portrait').then(r => r.status)")).isEqualTo(200L);
            browser.screenshot("agent-console-portrait");
            assertThat(browser.consoleErrors()).as("errors in the browser's console").isEmpty();
            browser.test("end-session").click();
        }
        fixtures.stop(campaignId);
    }

    /** Eight unanswered or wrong-party calls 9-16 days ago, a broken promise, a payment of 25.00 a week ago. */
    private static void history(Connection db, long campaignId, long debtorId) throws Exception {
        long lead;
        long phone;
        try (var st = db.createStatement(); var rs = st.executeQuery("select l.id, p.id from campaign_lead l join debtor_phone p "
                + "on p.debtor_id = l.debtor_id where l.campaign_id = " + campaignId + " and l.debtor_id = " + debtorId)) {
            rs.next();
            lead = rs.getLong(1);
            phone = rs.getLong(2);
        }
        Instant now = server.clock().instant();
        for (int i = 0; i < 8; i++) {
            Instant at = now.minus(Duration.ofDays(9 + i));
            boolean talked = i == 0;
            long attempt;
            try (PreparedStatement ps = db.prepareStatement("""
                    insert into call_attempt (campaign_id, lead_id, debtor_id, phone_id, phone, pbx, node, state, outcome,
                        originated_at, connected_at, ended_at) values (?, ?, ?, ?, '+12125550181', 'local', 'test', 'ENDED', ?, ?, ?, ?)
                    returning id""")) {
                ps.setLong(1, campaignId);
                ps.setLong(2, lead);
                ps.setLong(3, debtorId);
                ps.setLong(4, phone);
                ps.setString(5, talked ? "ANSWERED_HUMAN" : "NO_ANSWER");
                ps.setTimestamp(6, Timestamp.from(at));
                ps.setTimestamp(7, talked ? Timestamp.from(at.plusSeconds(4)) : null);
                ps.setTimestamp(8, Timestamp.from(at.plusSeconds(60)));
                var rs = ps.executeQuery();
                rs.next();
                attempt = rs.getLong(1);
            }
            try (PreparedStatement ps = db.prepareStatement("""
                    insert into disposition (attempt_id, campaign_id, lead_id, code) values (?, ?, ?, ?)""")) {
                ps.setLong(1, attempt);
                ps.setLong(2, campaignId);
                ps.setLong(3, lead);
                ps.setString(4, talked ? "WRONG_NUMBER" : "NO_ANSWER");
                ps.executeUpdate();
            }
        }
        try (var st = db.createStatement()) {
            st.executeUpdate("insert into promise (debtor_id, campaign_id, amount, due_date, status) values (" + debtorId + ", "
                    + campaignId + ", 100, current_date - 12, 'BROKEN')");
            st.executeUpdate("insert into payment (debtor_id, amount, paid_on, reference) values (" + debtorId
                    + ", 25, current_date - 7, 'PP-PAY-1')");
        }
        assertThat(fixtures.admin().get("/api/debtors/" + debtorId + "/portrait").json().getJsonObject("segment")
                .getString("name")).isEqualTo("avoider");
    }
}
