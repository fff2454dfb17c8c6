package dialer.core.browser;

import dialer.core.testing.Api;
import dialer.core.testing.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The debtor page in a real browser: found by reference from the supervisor's dashboard, the
 * portrait first, then the accounts, the owner with its changes and the history; refused data for
 * a supervisor of another campaign.
 */
class DebtorPageIT {

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
    void aSupervisorOpensADebtorAndSeesThePortraitFirst() {
        long campaignId = fixtures.campaign("Debtor page", "PREVIEW");
        fixtures.lead(campaignId, "DP-1", "Dora Page", "+12125550183", "780.00", 64);
        Api admin = fixtures.admin();
        long debtorId = admin.get("/api/debtors?externalId=DP-1").json().getLong("id");
        long team = admin.expect(201, "/api/teams", new JsonObject().put("name", "Page team " + System.nanoTime())).getLong("id");
        assertThat(admin.put("/api/debtors/" + debtorId + "/owner", new JsonObject().put("teamId", team).put("reason", "pilot"))
                .status()).isEqualTo(200);
        String user = "debtor-page-sup";
        fixtures.account(user, "SUPERVISOR", null, List.of(campaignId));
        String other = "debtor-page-other";
        fixtures.account(other, "SUPERVISOR", null, List.of());
        try (Chromium browser = Chromium.start(server.api().base())) {
            browser.signIn(user, Fixtures.password(user));
            browser.await("the dashboard", Duration.ofSeconds(10), d -> browser.location().startsWith("/supervisor"));
            browser.test("debtor-link").click();
            browser.await("the debtor page", Duration.ofSeconds(10), d -> browser.location().startsWith("/debtor"));
            browser.test("find-ref").sendKeys("DP-1");
            browser.test("find").click();
            browser.await("the debtor shown", Duration.ofSeconds(10), d -> !browser.findAll("[data-test=portrait]").isEmpty());
            assertThat(browser.location()).isEqualTo("/debtor?id=" + debtorId);
            assertThat(browser.script("return document.querySelector('[data-test=debtor-page] section').firstElementChild.dataset.test"))
                    .as("the first thing on the page").isEqualTo("portrait");
            assertThat(browser.test("portrait-overdue-value").getText()).isEqualTo("780.00");
            assertThat(browser.test("debtor-name").getText()).isEqualTo("Dora Page");
            assertThat(browser.test("debtor-accounts").getText()).contains("780.00", "64", "M3");
            assertThat(browser.test("owner-now").getText()).isEqualTo("Team " + team);
            assertThat(browser.test("debtor-owner").getText()).as("who changed the owner, and why").contains("pilot", "(admin)");
            assertThat(browser.test("debtor-history").getText()).contains("Owner: team " + team);
            browser.screenshot("debtor-page");
            assertThat(browser.consoleErrors()).as("errors in the browser's console").isEmpty();
        }
        try (Chromium browser = Chromium.start(server.api().base())) {
            browser.signIn(other, Fixtures.password(other));
            browser.await("the dashboard", Duration.ofSeconds(10), d -> browser.location().startsWith("/supervisor"));
            browser.open("/debtor?id=" + debtorId);
            browser.await("the refusal", Duration.ofSeconds(10), d -> browser.test("notice").isDisplayed());
            assertThat(browser.test("notice").getText()).contains("not in a campaign you supervise");
            assertThat(browser.findAll("[data-test=portrait]")).isEmpty();
        }
    }
}
