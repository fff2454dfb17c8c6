package dialer.core.browser;

import dialer.core.testing.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Payment plans in two real browsers against the real server, Asterisk and PostgreSQL: the agent
 * makes a plan with a settlement over their authority on the console's plan form (the campaign's
 * rules shown as they are broken, before saving), and the supervisor approves it from the
 * dashboard's panel of pending settlements.
 */
class PaymentPlanPagesIT {

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
    void anAgentsPlanWithASettlementWaitsOnTheDashboardUntilTheSupervisorApprovesIt() {
        long campaignId = fixtures.campaign("Plans " + System.nanoTime() % 100_000, "PROGRESSIVE");
        var rules = fixtures.admin().put("/api/campaigns/" + campaignId + "/plan-rules", new JsonObject()
                .put("minFirstPercent", 10).put("maxInstalments", 6).put("settlementAuthorityPercent", 10));
        assertThat(rules.status()).as(rules.body()).isEqualTo(200);
        // last digit 1: a person answers and talks 45 s
        fixtures.lead(campaignId, "PL-" + campaignId, "Pat Plan", "+12125550171", "1000.00", 80);
        long agentId = fixtures.agent("Paula Agent");
        String agent = "planagent" + campaignId;
        fixtures.account(agent, "AGENT", agentId, List.of());
        String supervisor = "planboss" + campaignId;
        fixtures.account(supervisor, "SUPERVISOR", null, List.of(campaignId));
        fixtures.start(campaignId);

        try (Chromium console = Chromium.start(server.api().base()); Chromium boss = Chromium.start(server.api().base())) {
            console.signIn(agent, Fixtures.password(agent));
            console.await("the console", Duration.ofSeconds(10), d -> console.location().equals("/agent")
                    && "LOGGED_OUT".equals(state(console)));
            console.find("#campaign-select option[value='" + campaignId + "']").click();
            console.test("start-session").click();
            console.await("PAUSED", Duration.ofSeconds(20), d -> "PAUSED".equals(state(console)));
            console.test("ready").click();
            console.await("the call put through (ON_CALL)", Duration.ofSeconds(60), d -> "ON_CALL".equals(state(console)));

            // PTP, then a plan: two monthly instalments, 30% off the 1,000.00 balance
            console.test("code-PTP").click();
            console.test("promise-mode-plan").click();
            assertThat(console.test("plan-fields").isDisplayed()).isTrue();
            assertThat(console.test("promise-amount").isDisplayed()).as("the single payment's amount is hidden").isFalse();
            LocalDate first = LocalDate.now(server.clock().withZone(ZoneId.of("America/New_York"))).plusDays(1);
            setValue(console, console.test("plan-first"), first.toString());
            replace(console.test("plan-count"), "2");
            replace(console.test("plan-settlement"), "30");
            console.await("two instalments of 350.00", Duration.ofSeconds(5),
                    d -> console.findAll("[data-test=plan-row]").size() == 2
                            && "350.00".equals(console.test("plan-amount-1").getDomProperty("value")));
            assertThat(console.test("plan-total").getDomProperty("value")).isEqualTo("700.00");
            assertThat(console.test("plan-date-1").getDomProperty("value")).isEqualTo(first.plusMonths(1).toString());
            console.await("the settlement said to need a supervisor", Duration.ofSeconds(5),
                    d -> console.test("plan-summary").getText().contains("wait for a supervisor's approval"));

            // a first payment under 10% of the balance: the rule is shown by the field before saving
            replace(console.test("plan-amount-0"), "50.00");
            console.await("the minimum first payment shown", Duration.ofSeconds(5),
                    d -> console.find(".field-error[data-field='plan.instalments[0].amount']").getText()
                            .contains("minimum first payment"));
            assertThat(console.find(".field-error[data-field='plan.instalments']").getText()).contains("must add up to 700.00");
            console.screenshot("agent-plan-form-rules-broken");
            replace(console.test("plan-amount-0"), "350.00");
            console.await("the rules kept", Duration.ofSeconds(5),
                    d -> console.test("plan-summary").getText().contains("within the campaign's rules")
                            && console.find(".field-error[data-field='plan.instalments[0].amount']").getText().isEmpty());
            console.screenshot("agent-plan-form");

            console.test("save-disposition").click();
            console.await("the plan saved", Duration.ofSeconds(10),
                    d -> console.attribute("[data-test=disposition-message]", "data-saved-at") != null);
            assertThat(console.test("disposition-message").getText())
                    .startsWith("Saved: Promise to pay — plan of 2 instalments, 700.00 from " + first + ", settlement 30% off");

            // the supervisor sees it waiting, and approves it
            boss.signIn(supervisor, Fixtures.password(supervisor));
            boss.await("the pending settlement on the dashboard", Duration.ofSeconds(10),
                    d -> boss.findAll("[data-test=settlement-row]").size() == 1);
            WebElement row = boss.test("settlement-row");
            assertThat(row.getText()).contains("PL-" + campaignId).contains("Paula Agent").contains("1,000.00").contains("30%")
                    .contains("700.00");
            boss.screenshot("supervisor-pending-settlement");
            boss.test("settlement-note").sendKeys("hardship confirmed");
            boss.test("settlement-approve").click();
            boss.await("the approval said", Duration.ofSeconds(10),
                    d -> boss.test("settlement-message").getText().startsWith("Settlement for PL-" + campaignId + " approved by"));
            boss.await("nothing left waiting", Duration.ofSeconds(5), d -> boss.findAll("[data-test=settlement-row]").isEmpty());

            console.test("hangup").click();
            console.await("ready again", Duration.ofSeconds(15), d -> "READY".equals(state(console)));
            console.test("end-session").click();
            console.await("logged out", Duration.ofSeconds(10), d -> "LOGGED_OUT".equals(state(console)));
            assertThat(console.consoleErrors()).as("errors in the agent console's browser console").isEmpty();
            assertThat(boss.consoleErrors()).as("errors in the dashboard's browser console").isEmpty();
        } finally {
            fixtures.stop(campaignId);
        }
    }

    private static String state(Chromium console) {
        return console.attribute("[data-test=state-banner]", "data-state");
    }

    private static void replace(WebElement field, String text) {
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), text);
    }

    /** A date field's value as the date picker would set it (typing dates depends on the browser's language). */
    private static void setValue(Chromium browser, WebElement field, String value) {
        browser.script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
                field, value);
    }
}
