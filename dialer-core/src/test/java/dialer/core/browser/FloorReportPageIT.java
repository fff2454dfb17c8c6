package dialer.core.browser;

import dialer.core.testing.Await;
import dialer.core.testing.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The supervisor page's floor reports section in headless Chromium against the real server: after
 * a simulated agent worked a few calls, the supervisor sees the agent's time by state as a chart,
 * the agent's line with calls and rates, the bucket chart, and CSV links; screenshot under
 * target/screenshots/floor-reports.png.
 */
class FloorReportPageIT {

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
    void theSupervisorSeesEachAgentsTimeAndRatesAndTheBuckets() {
        long campaignId = fixtures.campaign("Floor page " + System.nanoTime() % 100_000, "PROGRESSIVE");
        // people who answer and talk (last digits 0-3)
        fixtures.lead(campaignId, "FP1-" + campaignId, "Pat One", "+12125550100", "900.00", 20);
        fixtures.lead(campaignId, "FP2-" + campaignId, "Pat Two", "+12125550111", "700.00", 45);
        String extension = String.valueOf(ThreadLocalRandom.current().nextInt(10_000, 99_999));
        long agentId = fixtures.admin().expect(201, "/api/agents", new JsonObject().put("name", "Sam Simulated")
                .put("extension", extension).put("simulated", true)).getLong("id");
        fixtures.admin().expect(200, "/api/agents/" + agentId + "/login", new JsonObject().put("campaignId", campaignId).put("ready", true));
        fixtures.start(campaignId);
        Await.until("two calls disposed", Duration.ofSeconds(120),
                () -> fixtures.admin().get("/api/campaigns/" + campaignId + "/attempts?limit=10").array().stream()
                        .filter(a -> ((JsonObject) a).getString("disposition") != null || "ENDED".equals(((JsonObject) a).getString("state")))
                        .count(), n -> n >= 2);
        fixtures.stop(campaignId);
        // the list as imported ten days ago; today Pat One's account rolls to M2 and Pat Two pays 200
        try (var c = server.server().dataSource().getConnection(); var s = c.createStatement()) {
            s.executeUpdate("update account_bucket_history set recorded_at = recorded_at - interval '10 days' where debtor_id in "
                    + "(select debtor_id from campaign_lead where campaign_id = " + campaignId + ")");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        fixtures.lead(campaignId, "FP1-" + campaignId, "Pat One", "+12125550100", "950.00", 45);
        String today = java.time.LocalDate.now(server.clock().withZone(java.time.ZoneOffset.UTC)).toString();
        assertThat(fixtures.admin().postRaw("/api/payments/import", "text/csv", "debtor_id,reference,amount,paid_on\nFP2-" + campaignId
                + ",FPP-" + campaignId + ",200.00," + today + "\n").json().getInteger("imported")).isEqualTo(1);
        String supervisor = "floorpage" + campaignId;
        fixtures.account(supervisor, "SUPERVISOR", null, List.of(campaignId));

        try (Chromium boss = Chromium.start(server.api().base())) {
            boss.signIn(supervisor, Fixtures.password(supervisor));
            // the reports load as soon as the campaign list is filled; the dashboard shows once its live data came
            boss.await("the floor reports loaded and shown", Duration.ofSeconds(15),
                    d -> boss.attribute("[data-test=floor-reports]", "data-loaded") != null && boss.test("dashboard").isDisplayed());
            List<WebElement> rows = boss.findAll("[data-test=floor-agent-row]");
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).getText()).startsWith("Sam Simulated");
            assertThat(boss.attribute("[data-test=floor-time-chart] svg", "data-agents")).isEqualTo("1");
            assertThat(boss.findAll("[data-test=floor-time-chart] rect").size()).isGreaterThanOrEqualTo(2);
            assertThat(boss.findAll("[data-test=floor-bucket-chart] rect")).hasSize(12);
            // M1 (Pat One): rolled to M2, so a full roll-rate bar; M2 (Pat Two): 200 of 700 recovered
            assertThat(boss.findAll("[data-test=floor-bucket-chart] rect title").stream()
                    .map(t -> t.getAttribute("textContent")).toList()).contains("M1 roll rate: 100.0%", "M2 recovery rate: 28.6%");
            assertThat(boss.attribute("[data-test=floor-csv-agents]", "href")).contains("/api/reports/floor/agents.csv?")
                    .contains("campaignId=" + campaignId);
            assertThat(boss.test("floor-message").getText()).isEmpty();

            // a wrong range: the server's refusal, naming the field
            boss.script("document.getElementById('floor-from').value = '2026-12-10'; document.getElementById('floor-to').value = '2026-12-01';");
            boss.test("floor-show").click();
            boss.await("the refusal shown", Duration.ofSeconds(10), d -> boss.test("floor-message").getText().startsWith("Reports not loaded"));
            assertThat(boss.test("floor-message").getText()).contains("to: must not be before from");
            boss.script("document.getElementById('floor-from').value = arguments[0]; document.getElementById('floor-to').value = arguments[0];",
                    java.time.LocalDate.now(server.clock().withZone(java.time.ZoneOffset.UTC)).toString());
            boss.test("floor-show").click();
            boss.await("the report again", Duration.ofSeconds(10), d -> boss.test("floor-message").getText().isEmpty()
                    && !boss.findAll("[data-test=floor-agent-row]").isEmpty());
            boss.script("document.getElementById('floor-reports').scrollIntoView()");
            boss.screenshot("floor-reports");
            assertThat(boss.consoleErrors()).isEmpty();
        }
    }
}
