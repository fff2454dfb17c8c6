package dialer.core.browser;

import dialer.core.testing.Api;
import dialer.core.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The call's script through the real server and in a real browser: chosen by the debtor's segment
 * (hardship, from the portrait) over a script for any segment, its fields filled with the debtor's
 * figures (the number only as its last four digits), another script when the agent says a third
 * party answered; the mini-Miranda ticked by the agent and kept with the call and in the debtor's
 * history; scripts refused with 400s naming the field, and a call's script refused to whoever did
 * not take it.
 */
class ScriptPageIT {

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

    private static JsonObject script(String name, String segment, String situation, String text, JsonArray disclosures) {
        JsonObject s = new JsonObject().put("name", name).put("situation", situation)
                .put("steps", new JsonArray().add(new JsonObject().put("title", "Open").put("text", text)))
                .put("disclosures", disclosures);
        return segment == null ? s : s.put("segment", segment);
    }

    @Test
    void theScriptForTheDebtorsSegmentIsShownFilledInAndItsDisclosureKeptWithTheCall() throws Exception {
        long campaignId = fixtures.campaign("Scripts", "PREVIEW");
        Api admin = fixtures.admin();
        // a person who talks for a minute (…90)
        fixtures.lead(campaignId, "SC-1", "Sam Script", "+12125550190", "640.00", 35);
        long debtorId = admin.get("/api/debtors?externalId=SC-1").json().getLong("id");
        // a promise of 120.00 kept only in part (40.00 paid): the portrait's segment is "hardship", and the call starts
        // as a broken promise's
        try (Connection db = DriverManager.getConnection(server.postgres().jdbcUrl("dialer"), server.postgres().user(), "");
             Statement st = db.createStatement()) {
            st.executeUpdate("insert into promise (debtor_id, campaign_id, amount, due_date, status, paid_amount) values (" + debtorId
                    + ", " + campaignId + ", 120, current_date - 10, 'BROKEN', 40)");
        }
        assertThat(admin.get("/api/debtors/" + debtorId + "/portrait").json().getJsonObject("segment").getString("name"))
                .isEqualTo("hardship");
        JsonArray miranda = new JsonArray().add(new JsonObject().put("id", "mini-miranda")
                .put("text", "This is {{campaign.name}}. This is an attempt to collect a debt.").put("source", "FDCPA 1692e(11)"))
                .add(new JsonObject().put("id", "recorded").put("text", "This call may be recorded.").put("required", false));
        admin.expect(201, "/api/campaigns/" + campaignId + "/scripts", script("Any debtor", null, null,
                "Hello {{debtor.firstName}}.", miranda));
        long hardship = admin.expect(201, "/api/campaigns/" + campaignId + "/scripts", script("Hardship opener", "hardship",
                null, "Hello {{debtor.firstName}}: {{overdue.total}} over {{overdue.days}} days on {{phone.last4}}; "
                        + "{{promise.lastAmount}}", miranda)).getLong("id");
        admin.expect(201, "/api/campaigns/" + campaignId + "/scripts", script("Third party", null, "THIRD_PARTY",
                "I am trying to reach {{debtor.firstName}}.", new JsonArray()));
        Api.Reply bad = admin.post("/api/campaigns/" + campaignId + "/scripts", script("Bad", "hardship", "RIGHT_PARTY",
                "Your number is {{debtor.phone}}", new JsonArray()));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("steps[0].text", "debtor.phone");
        assertThat(admin.get("/api/campaigns/" + campaignId + "/scripts").array()).hasSize(3);
        assertThat(admin.get("/api/audit?limit=20").body()).contains("script " + hardship + " created: Hardship opener");

        fixtures.start(campaignId);
        String user = "script-agent";
        long agentId = fixtures.agent("Ann Agent");
        fixtures.account(user, "AGENT", agentId, List.of());
        Api stranger = fixtures.account("script-other-sup", "SUPERVISOR", null, List.of());
        Api otherAgent = fixtures.account("script-other-agent", "AGENT", fixtures.agent("Otto Other"), List.of());
        try (Chromium browser = Chromium.start(server.api().base())) {
            browser.signIn(user, Fixtures.password(user));
            browser.await("the console", Duration.ofSeconds(10), d -> browser.location().equals("/agent")
                    && "LOGGED_OUT".equals(browser.attribute("[data-test=state-banner]", "data-state")));
            browser.find("#campaign-select option[value='" + campaignId + "']").click();
            browser.test("start-session").click();
            browser.await("the agent's phone connected", Duration.ofSeconds(20),
                    d -> "PAUSED".equals(browser.attribute("[data-test=state-banner]", "data-state")));
            browser.test("ready").click();
            browser.await("the lead shown for preview", Duration.ofSeconds(20), d -> browser.findAll("[data-test=preview-dial]").stream()
                    .anyMatch(b -> b.isDisplayed() && b.isEnabled()));
            browser.test("preview-dial").click();
            browser.await("on the call, with its script", Duration.ofSeconds(30),
                    d -> "ON_CALL".equals(browser.attribute("[data-test=state-banner]", "data-state"))
                            && !browser.findAll("[data-test=script-name]").isEmpty());

            assertThat(browser.test("script-name").getText()).isEqualTo("Hardship opener");
            assertThat(browser.test("script-segment").getText()).isEqualTo("hardship");
            assertThat(browser.test("script-steps").getText())
                    .contains("Hello Sam: 640.00 over 35 days on …0190; 120.00");
            String page = ((String) browser.script("return document.documentElement.outerHTML")).replaceAll("[^0-9]", " ");
            assertThat(page).doesNotContain("2125550190");
            long attemptId = admin.get("/api/campaigns/" + campaignId + "/attempts?limit=5").array().getJsonObject(0).getLong("id");
            assertThat(stranger.get("/api/attempts/" + attemptId + "/script").status()).isEqualTo(403);
            assertThat(otherAgent.get("/api/attempts/" + attemptId + "/script").status()).isEqualTo(403);
            assertThat(admin.get("/api/attempts/" + attemptId + "/script?situation=ANGRY").status()).isEqualTo(400);
            Object unknownDisclosure = browser.script("return fetch('/api/attempts/" + attemptId + "/disclosures', {method: 'POST', "
                    + "headers: {'Content-Type': 'application/json'}, body: JSON.stringify({disclosureId: 'nope'})}).then(r => r.status)");
            assertThat(unknownDisclosure).isEqualTo(400L);

            browser.find("[data-test=disclosure-mini-miranda] input").click();
            browser.await("the disclosure recorded", Duration.ofSeconds(10),
                    d -> browser.attribute("[data-test=disclosure-mini-miranda]", "class").contains("is-read"));
            browser.screenshot("agent-console-script");
            JsonObject view = admin.get("/api/attempts/" + attemptId + "/script").json();
            assertThat(view.getString("situation")).as("the last promise was broken").isEqualTo("BROKEN_PROMISE");
            JsonObject read = view.getJsonArray("disclosures").getJsonObject(0);
            assertThat(read.getString("id")).isEqualTo("mini-miranda");
            assertThat(read.getString("readAt")).isNotNull();
            assertThat(read.getLong("readBy")).isEqualTo(agentId);
            assertThat(view.getJsonArray("disclosures").getJsonObject(1).getString("readAt")).as("not ticked").isNull();

            // a third party picks up: the script that says nothing of the debt
            browser.test("situation-THIRD_PARTY").click();
            browser.await("the third-party script", Duration.ofSeconds(10),
                    d -> "Third party".equals(browser.script("return document.querySelector('[data-test=script-name]')?.textContent")));
            assertThat(browser.test("script-steps").getText()).isEqualTo("Open I am trying to reach Sam.");
            assertThat(browser.findAll("[data-test=disclosures]")).isEmpty();
            browser.screenshot("agent-console-script-third-party");
            assertThat(browser.consoleErrors()).as("errors in the browser's console").isEmpty();

            try (Connection db = DriverManager.getConnection(server.postgres().jdbcUrl("dialer"), server.postgres().user(), "");
                 Statement st = db.createStatement();
                 ResultSet rs = st.executeQuery("select disclosure_id, text, agent_id, script_id from call_disclosure where attempt_id = "
                         + attemptId)) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("mini-miranda");
                assertThat(rs.getString(2)).isEqualTo("This is Scripts. This is an attempt to collect a debt.");
                assertThat(rs.getLong(3)).isEqualTo(agentId);
                assertThat(rs.getLong(4)).isEqualTo(hardship);
                assertThat(rs.next()).isFalse();
            }
            assertThat(admin.get("/api/debtors/" + debtorId + "/history").body()).contains("Disclosure read: mini-miranda");
            browser.test("hangup").click();
        }
        fixtures.stop(campaignId);
    }
}
