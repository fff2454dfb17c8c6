package dialer.core;

import dialer.core.testing.Api;
import dialer.core.testing.LiveStream;
import dialer.core.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent console and the supervisor dashboard through their API and live channels, on the
 * real server, Asterisk and PostgreSQL: a call's screen pop, a promise reaching the supervisor,
 * preview and manual dialing through the compliance guard, the wrap-up limit, and who may see what.
 */
class ConsoleIT {

    private static final Duration CALL = Duration.ofSeconds(40);
    private static final Duration SOON = Duration.ofSeconds(10);
    private static TestServer server;
    private static Api admin;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        admin = server.api();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static long campaign(String mode, JsonObject settings) {
        return admin.expect(201, "/api/campaigns", settings.put("name", "Console " + System.nanoTime()).put("dialMode", mode)
                .put("simulatedCallees", true).put("ringTimeoutSeconds", 10)).getLong("id");
    }

    /** A person at the console (their phone is simulated and answers by itself), with an account. */
    private static Api agentAccount(long[] agentId) {
        String extension = String.valueOf(ThreadLocalRandom.current().nextInt(10_000, 99_999));
        agentId[0] = admin.expect(201, "/api/agents", new JsonObject().put("name", "Agent " + extension)
                .put("extension", extension).put("phone", "Local/{extension}@sim-agent-phone")).getLong("id");
        return server.user("agent" + extension, "AGENT", agentId[0], List.of());
    }

    private static void leads(long campaignId, String rows) {
        String csv = "id,name,phone,phone_type,consent_source,consent_given,amount,days_overdue\n" + rows;
        JsonObject report = admin.postRaw("/api/campaigns/" + campaignId + "/leads", "text/csv", csv).json();
        assertThat(report.getJsonArray("rejected")).as(report.encode()).isEmpty();
    }

    private static LiveStream.Event state(LiveStream stream, String state, Duration timeout) {
        return stream.await("agent state " + state, timeout, v -> state.equals(v.getString("state")));
    }

    @Test
    void aCallArrivesWithItsScreenPopAndThePromiseReachesTheSupervisorWithinASecond() {
        long campaignId = campaign("PROGRESSIVE", new JsonObject());
        // a person who answers after a second and talks 20 s
        leads(campaignId, "R-" + campaignId + ",Rosa Diaz,+12125550101,OWN_MOBILE,credit agreement,2024-01-10,1250.00,95\n");
        long[] id = new long[1];
        Api agent = agentAccount(id);
        long agentId = id[0];
        Api supervisor = server.user("sup" + campaignId, "SUPERVISOR", null, List.of(campaignId));

        try (LiveStream console = agent.stream("/api/live/agent");
             LiveStream dashboard = supervisor.stream("/api/live/campaigns/" + campaignId)) {
            state(console, "LOGGED_OUT", SOON);
            dashboard.await("the first dashboard", SOON, v -> v.getJsonObject("campaign").getLong("id") == campaignId);

            agent.expect(200, "/api/agents/" + agentId + "/login", new JsonObject().put("campaignId", campaignId));
            state(console, "PAUSED", Duration.ofSeconds(20));
            agent.expect(200, "/api/agents/" + agentId + "/ready", null);
            LiveStream.Event ready = state(console, "READY", SOON);
            LiveStream.Event seenReady = dashboard.await("the supervisor sees the agent ready", SOON,
                    v -> agentState(v, agentId).equals("READY"));
            assertThat(millis(ready, seenReady)).as("ms from the agent's READY to the supervisor's").isLessThan(1000);

            supervisor.expect(200, "/api/campaigns/" + campaignId + "/start", null);
            LiveStream.Event onCall = state(console, "ON_CALL", CALL);
            JsonObject pop = onCall.data().getJsonObject("screenPop");
            assertThat(pop).as("screen pop on " + onCall.data().encode()).isNotNull();
            JsonObject debtor = pop.getJsonObject("debtor");
            assertThat(debtor.getString("name")).isEqualTo("Rosa Diaz");
            assertThat(debtor.getJsonArray("accounts").getJsonObject(0).getString("amountOverdue")).isEqualTo("1250.00");
            assertThat(debtor.getJsonArray("accounts").getJsonObject(0).getInteger("daysOverdue")).isEqualTo(95);
            assertThat(pop.getJsonObject("dialed").getString("type")).isEqualTo("OWN_MOBILE");
            assertThat(pop.getJsonObject("dialed").getString("number")).doesNotContain("5550101").endsWith("01");
            assertThat(debtor.containsKey("custom")).as("the creditor's own columns stay out").isFalse();
            assertThat(onCall.data().getJsonArray("dispositions").stream().map(o -> ((JsonObject) o).getString("code")))
                    .contains("PTP", "REFUSED", "CALLBACK");
            LiveStream.Event seenOnCall = dashboard.await("the supervisor sees the call", SOON,
                    v -> agentState(v, agentId).equals("ON_CALL") && v.getJsonObject("calls").getInteger("connected") == 1);
            assertThat(millis(onCall, seenOnCall)).as("ms from the agent's ON_CALL to the supervisor's").isLessThan(1000);

            // on the call, the agent may read the debtor's file; numbers partly masked
            long debtorId = onCall.data().getLong("debtorId");
            JsonObject file = agent.get("/api/debtors/" + debtorId).json();
            assertThat(file.getJsonArray("phones").getJsonObject(0).getString("number")).doesNotContain("5550101");

            long attemptId = onCall.data().getLong("attemptId");
            String due = LocalDate.now().plusDays(7).toString();
            agent.expect(201, "/api/attempts/" + attemptId + "/disposition", new JsonObject().put("code", "PTP")
                    .put("note", "pays on payday").put("promise", new JsonObject().put("amount", 300).put("dueDate", due)));
            long disposed = System.nanoTime();
            LiveStream.Event promise = dashboard.await("the promise on the dashboard", SOON,
                    v -> v.getJsonObject("today").getLong("promises") == 1);
            long promiseMillis = (promise.arrivedNanos() - disposed) / 1_000_000;
            System.out.println("supervisor saw READY after " + millis(ready, seenReady) + " ms, ON_CALL after "
                    + millis(onCall, seenOnCall) + " ms, the promise after " + promiseMillis + " ms");
            assertThat(promiseMillis).as("ms from the disposition to the supervisor's promise count").isLessThan(1000);
            assertThat(promise.data().getJsonObject("today").getString("promisedAmount")).isEqualTo("300.00");

            // disposed during the call: hanging up leads straight back to ready, and the debtor is closed to the agent
            agent.expect(200, "/api/agents/" + agentId + "/hangup", null);
            state(console, "READY", SOON);
            assertThat(agent.get("/api/debtors/" + debtorId).status()).isEqualTo(403);
            JsonObject attempt = admin.get("/api/attempts/" + attemptId).json();
            assertThat(attempt.getJsonObject("disposition").getString("code")).isEqualTo("PTP");
            assertThat(attempt.getString("callPath")).isEqualTo("AUTOMATIC");
            supervisor.expect(200, "/api/campaigns/" + campaignId + "/stop", null);
            agent.expect(200, "/api/agents/" + agentId + "/logout", null);
            state(console, "LOGGED_OUT", SOON);
        }
    }

    @Test
    void previewShowsTheLeadFirstAndTheAgentDialsItOrSkipsIt() {
        long campaignId = campaign("PREVIEW", new JsonObject());
        leads(campaignId, "PA-" + campaignId + ",Ann Preview,+12125550111,OWN_MOBILE,credit agreement,2024-01-10,900.00,200\n"
                + "PB-" + campaignId + ",Bob Preview,+12125550112,OWN_MOBILE,credit agreement,2024-01-10,100.00,20\n");
        long[] id = new long[1];
        Api agent = agentAccount(id);
        long agentId = id[0];
        long[] otherId = new long[1];
        Api other = agentAccount(otherId);
        admin.expect(200, "/api/campaigns/" + campaignId + "/start", null);
        try (LiveStream console = agent.stream("/api/live/agent")) {
            agent.expect(200, "/api/agents/" + agentId + "/login", new JsonObject().put("campaignId", campaignId).put("ready", true));
            LiveStream.Event first = state(console, "PREVIEWING", Duration.ofSeconds(20));
            assertThat(first.data().getLong("previewLeadId")).isNotNull();
            String firstName = first.data().getJsonObject("screenPop").getJsonObject("debtor").getString("name");
            long firstDebtor = first.data().getLong("debtorId");
            // nothing is dialed while the agent reads
            assertThat(admin.get("/api/campaigns/" + campaignId + "/attempts").array()).isEmpty();
            // another agent may not read the debtor this one previews
            assertThat(other.get("/api/debtors/" + firstDebtor).status()).isEqualTo(403);
            assertThat(agent.get("/api/debtors/" + firstDebtor).status()).isEqualTo(200);

            agent.expect(200, "/api/agents/" + agentId + "/preview/skip", new JsonObject().put("reason", "dispute letter pending"));
            LiveStream.Event second = console.await("the next lead", SOON, v -> "PREVIEWING".equals(v.getString("state"))
                    && v.getLong("debtorId") != firstDebtor);
            String secondName = second.data().getJsonObject("screenPop").getJsonObject("debtor").getString("name");
            assertThat(List.of(firstName, secondName)).containsExactlyInAnyOrder("Ann Preview", "Bob Preview");

            JsonObject placed = agent.expect(201, "/api/agents/" + agentId + "/preview/dial", null);
            LiveStream.Event onCall = state(console, "ON_CALL", CALL);
            assertThat(onCall.data().getLong("attemptId")).isEqualTo(placed.getLong("attemptId"));
            assertThat(onCall.data().getBoolean("manual")).isTrue();
            agent.expect(200, "/api/agents/" + agentId + "/hangup", null);
            state(console, "WRAP_UP", SOON);
            agent.expect(201, "/api/attempts/" + placed.getLong("attemptId") + "/disposition",
                    new JsonObject().put("code", "REFUSED"));
            JsonObject attempt = admin.get("/api/attempts/" + placed.getLong("attemptId")).json();
            assertThat(attempt.getString("callPath")).isEqualTo("PREVIEW");
            assertThat(attempt.getString("outcome")).isEqualTo("ANSWERED_HUMAN");
            JsonArray history = admin.get("/api/debtors/" + firstDebtor + "/history").array();
            assertThat(history.stream().map(h -> ((JsonObject) h).getString("summary")))
                    .anyMatch(s -> s.contains("Skipped in preview") && s.contains("dispute letter pending"));
            admin.expect(200, "/api/campaigns/" + campaignId + "/stop", null);
            agent.expect(200, "/api/agents/" + agentId + "/logout", null);
        }
    }

    @Test
    void manualDialGoesThroughTheGuardAndSaysWhyItIsBlocked() {
        long campaignId = campaign("PROGRESSIVE", new JsonObject());
        leads(campaignId, "MA-" + campaignId + ",Cal Blocked,+12125550121,OWN_MOBILE,credit agreement,2024-01-10,500.00,60\n"
                + "MB-" + campaignId + ",Dee Open,+12125550122,OWN_MOBILE,credit agreement,2024-01-10,700.00,75\n");
        admin.expect(201, "/api/compliance/lists", new JsonObject().put("kind", "DO_NOT_CALL").put("phone", "+12125550121")
                .put("source", "debtor letter"));
        long[] id = new long[1];
        Api agent = agentAccount(id);
        long agentId = id[0];
        // the campaign is not running: the agent works by hand
        try (LiveStream console = agent.stream("/api/live/agent")) {
            agent.expect(200, "/api/agents/" + agentId + "/login", new JsonObject().put("campaignId", campaignId));
            state(console, "PAUSED", Duration.ofSeconds(20));

            Api.Reply blocked = agent.post("/api/agents/" + agentId + "/dial", new JsonObject().put("number", "(212) 555-0121"));
            assertThat(blocked.status()).as(blocked.body()).isEqualTo(409);
            JsonObject why = blocked.json();
            assertThat(why.getBoolean("placed")).isFalse();
            assertThat(why.getJsonArray("blocked").stream().map(b -> ((JsonObject) b).getString("rule"))).contains("dnc");
            assertThat(why.getString("error")).startsWith("blocked by the compliance guard");
            state(console, "PAUSED", SOON);

            Api.Reply stranger = agent.post("/api/agents/" + agentId + "/dial", new JsonObject().put("number", "+12125550199"));
            assertThat(stranger.status()).isEqualTo(400);
            assertThat(stranger.body()).contains("is not a number of any debtor of campaign " + campaignId)
                    .doesNotContain("5550199");

            JsonObject placed = agent.expect(201, "/api/agents/" + agentId + "/dial", new JsonObject().put("number", "+12125550122"));
            LiveStream.Event onCall = state(console, "ON_CALL", CALL);
            assertThat(onCall.data().getJsonObject("screenPop").getJsonObject("debtor").getString("name")).isEqualTo("Dee Open");
            agent.expect(200, "/api/agents/" + agentId + "/hangup", null);
            state(console, "WRAP_UP", SOON);
            agent.expect(201, "/api/attempts/" + placed.getLong("attemptId") + "/disposition",
                    new JsonObject().put("code", "REFUSED").put("note", "called by hand"));
            // dialed from pause: back to pause
            LiveStream.Event after = state(console, "PAUSED", SOON);
            assertThat(after.data().getString("pauseReason")).isEqualTo("logged in");
            assertThat(admin.get("/api/attempts/" + placed.getLong("attemptId")).json().getString("callPath")).isEqualTo("MANUAL");
            JsonArray decisions = admin.get("/api/compliance/decisions?campaignId=" + campaignId).array();
            assertThat(decisions.stream().map(d -> ((JsonObject) d).getString("path"))).contains("MANUAL");
            agent.expect(200, "/api/agents/" + agentId + "/logout", null);
        }
    }

    @Test
    void aWrapUpThatRunsOutWritesNoDispositionAndTheAgentIsReadyAgain() {
        long campaignId = campaign("PROGRESSIVE", new JsonObject().put("wrapUpLimitSeconds", 3));
        // a person who hangs up after 4 s
        leads(campaignId, "W-" + campaignId + ",Wes Quick,+12125550118,OWN_MOBILE,credit agreement,2024-01-10,80.00,15\n");
        long[] id = new long[1];
        Api agent = agentAccount(id);
        long agentId = id[0];
        try (LiveStream console = agent.stream("/api/live/agent")) {
            agent.expect(200, "/api/agents/" + agentId + "/login", new JsonObject().put("campaignId", campaignId).put("ready", true));
            state(console, "READY", Duration.ofSeconds(20));
            admin.expect(200, "/api/campaigns/" + campaignId + "/start", null);
            LiveStream.Event onCall = state(console, "ON_CALL", CALL);
            long attemptId = onCall.data().getLong("attemptId");
            LiveStream.Event wrapUp = state(console, "WRAP_UP", SOON);
            assertThat(wrapUp.data().getString("wrapUpEndsAt")).isNotNull();
            LiveStream.Event ready = state(console, "READY", SOON);
            double wrapped = (ready.arrivedNanos() - wrapUp.arrivedNanos()) / 1e9;
            assertThat(wrapped).as("seconds of wrap-up").isBetween(2.5, 5.0);
            JsonObject attempt = admin.get("/api/attempts/" + attemptId).json();
            assertThat(attempt.getJsonObject("disposition").getString("code")).isEqualTo("NO_DISPOSITION");
            Api.Reply late = agent.post("/api/attempts/" + attemptId + "/disposition", new JsonObject().put("code", "PTP")
                    .put("promise", new JsonObject().put("amount", 10).put("dueDate", LocalDate.now().plusDays(3).toString())));
            assertThat(late.status()).isEqualTo(409);
            admin.expect(200, "/api/campaigns/" + campaignId + "/stop", null);
            agent.expect(200, "/api/agents/" + agentId + "/logout", null);
        }
    }

    @Test
    void everyRouteAndLiveChannelChecksWhoAsks() {
        long mine = campaign("PROGRESSIVE", new JsonObject());
        long theirs = campaign("PROGRESSIVE", new JsonObject());
        Api supervisor = server.user("boss" + mine, "SUPERVISOR", null, List.of(mine));
        long[] id = new long[1];
        Api agent = agentAccount(id);
        long agentId = id[0];
        long[] otherId = new long[1];
        agentAccount(otherId);
        Api anonymous = admin.anonymous();

        assertThat(anonymous.get("/api/campaigns").status()).isEqualTo(401);
        assertThat(anonymous.streamStatus("/api/live/agent")).isEqualTo(401);
        assertThat(anonymous.get("/api/openapi.yaml").status()).isEqualTo(200);

        // an agent: their own session only, no supervisor or admin endpoint
        for (String path : List.of("/api/campaigns/" + mine, "/api/agents", "/api/audit", "/api/users",
                "/api/reports/recovery?date=" + LocalDate.now(), "/api/campaigns/" + mine + "/attempts", "/api/promises")) {
            assertThat(agent.get(path).status()).as("agent GET " + path).isEqualTo(403);
        }
        assertThat(agent.streamStatus("/api/live/campaigns/" + mine)).isEqualTo(403);
        assertThat(agent.streamStatus("/api/live/agents/" + otherId[0])).isEqualTo(403);
        assertThat(agent.post("/api/agents/" + otherId[0] + "/ready", null).status()).isEqualTo(403);
        assertThat(agent.post("/api/campaigns/" + mine + "/start", null).status()).isEqualTo(403);
        assertThat(agent.get("/api/campaigns").array().stream().map(c -> ((JsonObject) c).fieldNames()))
                .allSatisfy(fields -> assertThat(fields).containsExactlyInAnyOrder("id", "name", "status", "dialMode"));

        // a supervisor: their campaigns only
        assertThat(supervisor.streamStatus("/api/live/campaigns/" + theirs)).isEqualTo(403);
        assertThat(supervisor.post("/api/campaigns/" + theirs + "/start", null).status()).isEqualTo(403);
        assertThat(supervisor.get("/api/campaigns").array().stream().map(c -> ((JsonObject) c).getLong("id"))).containsExactly(mine);
        assertThat(supervisor.post("/api/users", new JsonObject().put("username", "x")).status()).isEqualTo(403);

        // a change within the allowed bounds is audited with who made it; outside them it is refused
        assertThat(supervisor.post("/api/campaigns/" + mine + "/pacing", new JsonObject().put("maxAbandonRate", 0.05)).status())
                .isEqualTo(400);
        supervisor.expect(200, "/api/campaigns/" + mine + "/start", null);
        assertThat(supervisor.get("/api/campaigns/" + mine).json().getJsonObject("pacing").getDouble("target")).isEqualTo(0.03);
        supervisor.expect(200, "/api/campaigns/" + mine + "/pacing", new JsonObject().put("maxAbandonRate", 0.02));
        // the running pacer steers by the new target at once
        assertThat(supervisor.get("/api/campaigns/" + mine).json().getJsonObject("pacing").getDouble("target")).isEqualTo(0.02);
        supervisor.expect(200, "/api/campaigns/" + mine + "/stop", null);
        JsonObject change = admin.get("/api/audit?limit=5").array().stream().map(o -> (JsonObject) o)
                .filter(a -> a.getString("change").contains("campaign " + mine + " abandonment target")).findFirst().orElseThrow();
        assertThat(change.getString("actor")).contains("boss" + mine);
        assertThat(change.getString("changedAt")).isNotNull();

        // failed sign-ins are limited: after five, even the right password waits
        Api door = admin.anonymous();
        String name = "agent" + admin.get("/api/users").array().stream().map(o -> (JsonObject) o)
                .filter(u -> Long.valueOf(agentId).equals(u.getLong("agentId"))).findFirst().orElseThrow()
                .getString("username").substring("agent".length());
        for (int i = 0; i < 5; i++) {
            assertThat(door.post("/api/login", new JsonObject().put("username", name).put("password", "wrong-" + i)).status())
                    .isEqualTo(401);
        }
        Api.Reply limited = door.post("/api/login", new JsonObject().put("username", name).put("password", name + "-password"));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().getString("error")).contains("too many failed sign-ins");
    }

    @Test
    void badRequestsAreAnsweredWithTheirProblemNotAnInternalError() {
        long campaignId = campaign("PROGRESSIVE", new JsonObject());
        leads(campaignId, "X-" + campaignId + ",Xena Other,+12125550131,OWN_MOBILE,credit agreement,2024-01-10,10.00,5\n");
        long other = campaign("PROGRESSIVE", new JsonObject());
        Api supervisor = server.user("lead" + other, "SUPERVISOR", null, List.of(other));

        for (String path : List.of("/api/promises?campaignId=abc", "/api/callbacks?campaignId=abc", "/api/callbacks?status=LATER",
                "/api/compliance/lists?campaignId=x", "/api/reports/recovery?campaignId=x")) {
            Api.Reply r = admin.get(path);
            assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(400);
        }
        Api.Reply badEntry = admin.post("/api/compliance/lists", new JsonObject().put("kind", "DO_NOT_CALL").put("phone", "0800 123")
                .put("source", "test"));
        assertThat(badEntry.status()).as(badEntry.body()).isEqualTo(400);
        String name = admin.get("/api/campaigns/" + campaignId).json().getString("name");
        Api.Reply duplicate = admin.post("/api/campaigns", new JsonObject().put("name", name).put("simulatedCallees", true));
        assertThat(duplicate.status()).as(duplicate.body()).isEqualTo(409);
        Api.Reply huge = admin.post("/api/campaigns", new JsonObject().put("name", "x".repeat(1_100_000)));
        assertThat(huge.status()).isEqualTo(413);
        assertThat(admin.delete("/api/callbacks/987654", new JsonObject()).status()).isEqualTo(404);
        assertThat(admin.delete("/api/compliance/lists/987654", new JsonObject().put("reason", "test")).status()).isEqualTo(404);
        Api.Reply users = admin.get("/api/users");
        long supervisorId = users.array().stream().map(o -> (JsonObject) o).filter(u -> ("lead" + other).equals(u.getString("username")))
                .findFirst().orElseThrow().getLong("id");
        assertThat(admin.patch("/api/users/" + supervisorId, new JsonObject().put("campaigns", new JsonArray().add("x"))).status())
                .isEqualTo(400);
        // a supervisor reads only their campaigns' debtors, whichever way they ask
        assertThat(supervisor.get("/api/debtors?externalId=X-" + campaignId).status()).isEqualTo(403);
        assertThat(admin.get("/api/debtors?externalId=X-" + campaignId).status()).isEqualTo(200);
        assertThat(supervisor.get("/api/compliance/lists?phone=%2B12125550131").status()).isEqualTo(400);
    }

    private static String agentState(JsonObject dashboard, long agentId) {
        return dashboard.getJsonArray("agents").stream().map(a -> (JsonObject) a).filter(a -> a.getLong("agentId") == agentId)
                .map(a -> a.getString("state")).findFirst().orElse("ABSENT");
    }

    private static long millis(LiveStream.Event from, LiveStream.Event to) {
        return (to.arrivedNanos() - from.arrivedNanos()) / 1_000_000;
    }
}
