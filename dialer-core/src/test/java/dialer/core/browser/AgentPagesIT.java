package dialer.core.browser;

import dialer.core.testing.Api;
import dialer.core.testing.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages in a real browser against the real server, Asterisk and PostgreSQL: sign-in errors,
 * who may open which page, a hand-dialed number the compliance guard blocks, and preview dialing
 * with its wrap-up.
 */
class AgentPagesIT {

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static TestServer server;
    private static Fixtures fixtures;
    private Chromium browser;

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

    @BeforeEach
    void openBrowser() {
        browser = Chromium.start(server.api().base());
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            List<String> errors = browser.consoleErrors();
            browser.close();
            assertThat(errors).as("errors in the browser's console").isEmpty();
        }
    }

    private static String name(String prefix) {
        return prefix + NEXT.incrementAndGet();
    }

    private String state() {
        return browser.attribute("[data-test=state-banner]", "data-state");
    }

    /** Signs the agent in on the page and starts a session in the campaign; waits until it is PAUSED. */
    private void startSession(String username, long campaignId) {
        browser.signIn(username, Fixtures.password(username));
        browser.await("the console", Duration.ofSeconds(10), d -> browser.location().equals("/agent") && "LOGGED_OUT".equals(state()));
        browser.find("#campaign-select option[value='" + campaignId + "']").click();
        browser.test("start-session").click();
        browser.await("the agent's phone connected (PAUSED)", Duration.ofSeconds(20), d -> "PAUSED".equals(state()));
    }

    private void endSession() {
        browser.test("end-session").click();
        browser.await("logged out", Duration.ofSeconds(10), d -> "LOGGED_OUT".equals(state()));
    }

    @Test
    void aWrongPasswordIsSaidSoOnTheSignInPage() {
        String user = name("wrongpw");
        fixtures.account(user, "AGENT", fixtures.agent("Wendy Wrong"), List.of());
        browser.signIn(user, "not-the-password");
        browser.await("the sign-in error", Duration.ofSeconds(5), d -> !browser.test("login-error").getText().isEmpty());
        assertThat(browser.test("login-error").getText()).isEqualTo("Wrong user name or password.");
        assertThat(browser.location()).isEqualTo("/login");
        assertThat(browser.find("#password").getDomProperty("value")).isEmpty();
        browser.screenshot("login-wrong-password");

        browser.find("#password").sendKeys(Fixtures.password(user));
        browser.find("#login-submit").click();
        browser.await("the console after the right password", Duration.ofSeconds(10), d -> browser.location().equals("/agent"));
    }

    @Test
    void anAgentOpeningTheDashboardIsSentBackToTheConsole() {
        long campaignId = fixtures.campaign(name("Refused "), "PROGRESSIVE");
        String user = name("nosuper");
        Api agentApi = fixtures.account(user, "AGENT", fixtures.agent("Noah Nosuper"), List.of());
        browser.signIn(user, Fixtures.password(user));
        browser.await("the console", Duration.ofSeconds(10), d -> browser.location().equals("/agent"));

        browser.open("/supervisor?campaign=" + campaignId);
        browser.await("sent back to the console", Duration.ofSeconds(10),
                d -> browser.location().equals("/agent?refused=supervisor") && browser.test("notice").isDisplayed());
        assertThat(browser.test("notice").getText()).contains("for supervisors only");
        // and the API refuses the dashboard's channel to an agent whatever page asks
        assertThat(agentApi.get("/api/live/campaigns/" + campaignId).status()).isEqualTo(403);
    }

    @Test
    void aHandDialedNumberOnTheDoNotCallListShowsTheGuardsReason() {
        long campaignId = fixtures.campaign(name("Do not call "), "PROGRESSIVE");
        // last digit 1 would be a person: the call must never leave
        fixtures.lead(campaignId, "DNC-" + campaignId, "Dana Donotcall", "+12125550131", "300.00", 30);
        fixtures.admin().expect(201, "/api/compliance/lists", new JsonObject().put("kind", "DO_NOT_CALL")
                .put("phone", "+12125550131").put("source", "debtor letter received today"));
        fixtures.start(campaignId);
        String user = name("dialer");
        fixtures.account(user, "AGENT", fixtures.agent("Dora Dialer"), List.of());
        startSession(user, campaignId);

        browser.test("dial-number").sendKeys("+1 212 555 0131");
        browser.test("dial").click();
        browser.await("the guard's answer", Duration.ofSeconds(10), d -> !browser.findAll("[data-test=blocked-reasons]").isEmpty()
                || !browser.findAll("[data-test=dial-error]").isEmpty());
        assertThat(browser.findAll("[data-test=dial-error]")).as("a refusal other than the guard's: %s",
                browser.test("dial-result").getText()).isEmpty();
        String shown = browser.test("blocked-reasons").getText();
        assertThat(shown).startsWith("Not dialed: the compliance guard blocked this call");
        assertThat(browser.findAll("[data-test=blocked-rule][data-rule=dnc]")).hasSize(1);
        assertThat(browser.find("[data-test=blocked-rule][data-rule=dnc] .reason").getText())
                .contains("do-not-call", "+1212***0131", "debtor letter received today");
        assertThat(browser.test("dial-number").getDomProperty("value")).as("the typed number is not left on screen").isEmpty();
        String page = ((String) browser.script("return document.documentElement.outerHTML")).replaceAll("[^0-9]", " ");
        assertThat(page).doesNotContain("2125550131");
        assertThat(state()).isEqualTo("PAUSED");
        browser.screenshot("agent-console-dial-blocked");
        endSession();

        // the campaign's supervisor sees the block counted by rule
        String supervisor = name("dncboss");
        fixtures.account(supervisor, "SUPERVISOR", null, List.of(campaignId));
        browser.find("#sign-out").click();
        browser.await("signed out", Duration.ofSeconds(10), d -> browser.location().equals("/login"));
        browser.signIn(supervisor, Fixtures.password(supervisor));
        browser.await("the block on the dashboard", Duration.ofSeconds(10),
                d -> !browser.findAll("[data-test=block-row][data-rule=dnc]").isEmpty());
        assertThat(browser.find("[data-test=block-row][data-rule=dnc] td.num").getText()).isEqualTo("1");
        fixtures.stop(campaignId);
    }

    @Test
    void aPageWhoseSessionEndedSendsTheBrowserToSignInAndBack() {
        String user = name("ended");
        fixtures.account(user, "AGENT", fixtures.agent("Eddie Ended"), List.of());
        browser.signIn(user, Fixtures.password(user));
        browser.await("the console", Duration.ofSeconds(10), d -> browser.location().equals("/agent"));
        assertThat(browser.script("return fetch('/api/logout', {method: 'POST'}).then(r => r.status)")).isEqualTo(200L);

        browser.open("/agent");
        browser.await("sent to sign in", Duration.ofSeconds(10), d -> browser.location().startsWith("/login"));
        assertThat(browser.test("login-notice").getText()).isEqualTo("Your session has ended. Please sign in again.");
        browser.find("#username").sendKeys(user);
        browser.find("#password").sendKeys(Fixtures.password(user));
        browser.find("#login-submit").click();
        browser.await("back on the console", Duration.ofSeconds(10), d -> browser.location().equals("/agent"));
    }

    @Test
    void aPreviewCampaignShowsTheLeadFirstAndTheAgentDialsItFromThePage() {
        long campaignId = fixtures.campaign(name("Preview "), "PREVIEW");
        // last digit 1: a person answers (ring 2 s) and talks 50 s
        fixtures.lead(campaignId, "PV-" + campaignId, "Pat Preview", "+12125550161", "480.00", 40);
        fixtures.start(campaignId);
        String user = name("previewer");
        fixtures.account(user, "AGENT", fixtures.agent("Pia Previewer"), List.of());
        startSession(user, campaignId);
        assertThat(browser.test("preview-panel").isDisplayed()).isTrue();
        assertThat(browser.test("preview-dial").isEnabled()).isFalse();

        // ready: the lead is shown before anything is dialed
        browser.test("ready").click();
        browser.await("the lead shown for preview", Duration.ofSeconds(20), d -> "PREVIEWING".equals(state()));
        assertThat(browser.test("state-label").getText()).isEqualTo("Preview");
        assertThat(browser.test("debtor-name").getText()).isEqualTo("Pat Preview");
        assertThat(browser.test("total-overdue").getText()).isEqualTo("480.00");
        assertThat(browser.test("dialed-number").getText()).isEqualTo("+1212***0161");
        assertThat(browser.test("save-disposition").isEnabled()).as("no outcome before a call").isFalse();
        browser.screenshot("agent-console-preview");

        // the agent dials it from the page; the person answers and is put through
        browser.test("preview-dial").click();
        browser.await("the previewed call put through", Duration.ofSeconds(30), d -> "ON_CALL".equals(state()));
        assertThat(browser.test("preview-result").getText()).startsWith("Dialing the debtor (call #");
        assertThat(browser.test("debtor-name").getText()).isEqualTo("Pat Preview");

        // hang up before the outcome: wrap-up, with its countdown
        browser.test("hangup").click();
        browser.await("wrap-up", Duration.ofSeconds(10), d -> "WRAP_UP".equals(state()));
        browser.await("the wrap-up countdown", Duration.ofSeconds(3), d -> browser.test("wrapup-countdown").isDisplayed());
        assertThat(browser.test("wrapup-countdown").getText()).matches("[12]:\\d\\d");
        assertThat(browser.test("disposition-status").getText()).contains("save its outcome");
        browser.test("code-RPC").click();
        assertThat(browser.test("promise-fields").isDisplayed()).isFalse();
        assertThat(browser.test("callback-fields").isDisplayed()).isFalse();
        browser.test("disposition-note").sendKeys("will call the bank first");
        browser.screenshot("agent-console-wrap-up");
        browser.test("save-disposition").click();
        browser.await("ready after the outcome", Duration.ofSeconds(10), d -> "READY".equals(state()));
        assertThat(browser.test("disposition-message").getText()).isEqualTo("Saved: Right-party contact.");
        assertThat(browser.test("screen-pop").getText()).contains("No debtor on screen");

        endSession();
        fixtures.stop(campaignId);
    }

    @Test
    void whenTheWrapUpRunsOutThePageSaysTheCallWasRecordedWithoutAnOutcome() {
        long campaignId = fixtures.campaign(name("Short wrap-up "), "PREVIEW", new JsonObject().put("wrapUpLimitSeconds", 4));
        fixtures.lead(campaignId, "WU-" + campaignId, "Will Wrapup", "+12125550171", "90.00", 12);
        fixtures.start(campaignId);
        String user = name("wrapper");
        fixtures.account(user, "AGENT", fixtures.agent("Walt Wrapper"), List.of());
        startSession(user, campaignId);
        browser.test("ready").click();
        browser.await("the lead shown for preview", Duration.ofSeconds(20), d -> "PREVIEWING".equals(state()));
        browser.test("preview-dial").click();
        browser.await("the previewed call put through", Duration.ofSeconds(30), d -> "ON_CALL".equals(state()));
        browser.test("hangup").click();
        browser.await("wrap-up", Duration.ofSeconds(10), d -> "WRAP_UP".equals(state()));
        assertThat(browser.test("wrapup-countdown").getText()).matches("0:0[1-4]");
        browser.test("code-REFUSED").click();

        browser.await("the wrap-up run out", Duration.ofSeconds(10), d -> "READY".equals(state()));
        assertThat(browser.test("disposition-message").getText())
                .isEqualTo("Time ran out: the call was recorded without an outcome (NO_DISPOSITION).");
        assertThat(browser.test("save-disposition").isEnabled()).isFalse();
        String code = fixtures.admin().get("/api/campaigns/" + campaignId + "/attempts?limit=1").array().getJsonObject(0)
                .getJsonObject("disposition").getString("code");
        assertThat(code).isEqualTo("NO_DISPOSITION");

        endSession();
        fixtures.stop(campaignId);
    }

    @Test
    void anAbandonedCallFlagsTheDashboardOverTheCap() {
        long campaignId = fixtures.campaign(name("Abandoned "), "PROGRESSIVE");
        // last digit 1: a person; tens digit 4: rings 5 s, time for the only agent to go on a break
        fixtures.lead(campaignId, "AB-" + campaignId, "Abe Abandoned", "+12125550141", "75.00", 20);
        String supervisor = name("capboss");
        fixtures.account(supervisor, "SUPERVISOR", null, List.of(campaignId));
        long agentId = fixtures.agent("Ada Away");
        browser.signIn(supervisor, Fixtures.password(supervisor));
        browser.await("the dashboard", Duration.ofSeconds(10),
                d -> "Live".equals(browser.test("live-status").getText()) && browser.test("campaign-name").isDisplayed());
        assertThat(browser.test("abandon-today-flag").isDisplayed()).isFalse();

        fixtures.start(campaignId);
        fixtures.admin().expect(200, "/api/agents/" + agentId + "/login", new JsonObject().put("campaignId", campaignId).put("ready", true));
        browser.await("the call ringing", Duration.ofSeconds(30), d -> "1".equals(browser.attribute("[data-test=calls-ringing]", "data-value")));
        fixtures.admin().expect(200, "/api/agents/" + agentId + "/pause", new JsonObject().put("reason", "Break"));

        browser.await("the abandoned call flagged over the cap", Duration.ofSeconds(30),
                d -> browser.test("abandon-today-flag").isDisplayed());
        assertThat(browser.test("abandon-today").getText()).isEqualTo("100.00%");
        assertThat(browser.test("abandon-today-sub").getText()).startsWith("1 of 1 answered by a person");
        assertThat(browser.attribute("[data-test=tile-abandon-today]", "class")).contains("is-over");
        browser.screenshot("supervisor-dashboard-over-cap");

        fixtures.stop(campaignId);
        fixtures.admin().expect(200, "/api/agents/" + agentId + "/logout", null);
    }
}
