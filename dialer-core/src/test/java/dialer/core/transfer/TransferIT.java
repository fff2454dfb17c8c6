package dialer.core.transfer;

import dialer.ami.testing.AsteriskForTests;
import dialer.core.testing.Api;
import dialer.core.testing.Await;
import dialer.core.testing.LiveStream;
import dialer.core.testing.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transfers through the real server, Asterisk and PostgreSQL: two agents whose phones are simulated
 * in Asterisk, a call connected to agent A, then a warm transfer to agent B (the consultation: the
 * debtor alone in A's conference, A's and B's legs together in B's; completed: the debtor with B,
 * A's leg back to waiting, B's console showing the debtor), a warm transfer cancelled, and a blind
 * one; each leg recorded with the attempt. Conference membership is read with {@code confbridge list}.
 */
class TransferIT {

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

    /** An agent and their account; [agent id, extension]. */
    private record Agent(long id, String extension, Api api) {
        String path(String action) {
            return "/api/agents/" + id + "/" + action;
        }
    }

    private static Agent agent(String name) {
        String extension = String.valueOf(ThreadLocalRandom.current().nextInt(10_000, 99_999));
        long id = admin.expect(201, "/api/agents", new JsonObject().put("name", name).put("extension", extension)
                .put("phone", "Local/{extension}@sim-agent-phone")).getLong("id");
        Api api = server.user(("xfer" + id + name).toLowerCase().replaceAll("[^a-z0-9]", ""), "AGENT", id, List.of());
        return new Agent(id, extension, api);
    }

    /** A progressive campaign with one debtor who talks for a minute (…90, a number of its own); agent A logged in and on the call; B ready. */
    private record Call(long campaignId, long attemptId, long debtorId, Agent a, Agent b) {
    }

    private static Call connected(String tag) {
        long campaignId = admin.expect(201, "/api/campaigns", new JsonObject().put("name", "Transfers " + tag + " " + System.nanoTime())
                .put("dialMode", "PROGRESSIVE").put("simulatedCallees", true).put("ringTimeoutSeconds", 10)).getLong("id");
        String csv = "id,name,phone,phone_type,consent_source,consent_given,amount,days_overdue\n"
                // a number of its own per test (the guard limits calls to one number), ending in 90: a person who talks a minute
                + "T" + campaignId + ",Tess Transfer,+1212555" + String.format("%02d", campaignId % 100) + "90,OWN_MOBILE,credit agreement,"
                + "2024-01-10,410.00,40\n";
        assertThat(admin.postRaw("/api/campaigns/" + campaignId + "/leads", "text/csv", csv).json().getInteger("accepted")).isEqualTo(1);
        Agent a = agent("Ann " + tag);
        Agent b = agent("Bob " + tag);
        a.api().expect(200, a.path("login"), new JsonObject().put("campaignId", campaignId).put("ready", true));
        awaitState(a, "READY");
        admin.expect(200, "/api/campaigns/" + campaignId + "/start", null);
        JsonObject onCall = awaitState(a, "ON_CALL");
        b.api().expect(200, b.path("login"), new JsonObject().put("campaignId", campaignId).put("ready", true));
        awaitState(b, "READY");
        Await.until("the debtor and A in A's conference", SOON, () -> members(a.extension()),
                m -> m.size() == 2 && hasDebtor(m) && hasLeg(m, a.extension()));
        return new Call(campaignId, onCall.getLong("attemptId"), onCall.getLong("debtorId"), a, b);
    }

    private static JsonObject awaitState(Agent agent, String state) {
        return Await.until("agent " + agent.id() + " " + state, Duration.ofSeconds(40), () -> session(agent),
                s -> s != null && state.equals(s.getString("state")));
    }

    /** The agent's session as the administrator's list of agents shows it (null when logged out). */
    private static JsonObject session(Agent agent) {
        return admin.get("/api/agents").array().stream().map(o -> (JsonObject) o).filter(o -> o.getLong("id") == agent.id())
                .findFirst().map(o -> o.getJsonObject("session")).orElse(null);
    }

    /** The channels in conference agent-{extension} (empty when there is none). */
    private static List<String> members(String extension) {
        List<String> out = new ArrayList<>();
        for (String line : AsteriskForTests.cli("confbridge list agent-" + extension).split("\n")) {
            if (line.startsWith("Local/")) {
                out.add(line.trim().split("\\s+")[0]);
            }
        }
        return out;
    }

    private static boolean hasDebtor(List<String> members) {
        return members.stream().anyMatch(m -> m.contains("@sim-carrier"));
    }

    private static boolean hasLeg(List<String> members, String extension) {
        return members.stream().anyMatch(m -> m.startsWith("Local/" + extension + "@sim-agent-phone"));
    }

    private static List<String> legs(long attemptId) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = server.postgres().connect("dialer"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select leg_kind, kind, from_agent_id, to_agent_id, outcome, requested_by, started_at <= ended_at"
                     + " from call_transfer_leg where attempt_id = " + attemptId + " order by id")) {
            while (rs.next()) {
                out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getLong(3) + ">" + rs.getLong(4) + " " + rs.getString(5)
                        + " " + rs.getString(6) + " " + rs.getBoolean(7));
            }
        }
        return out;
    }

    private static void finish(Call call, Agent holder) {
        holder.api().expect(200, holder.path("hangup"), null);
        awaitState(holder, "WRAP_UP");
        for (Agent agent : List.of(call.a(), call.b())) {
            agent.api().post(agent.path("logout"), null);
        }
        admin.expect(200, "/api/campaigns/" + call.campaignId() + "/stop", null);
        Await.until("no conference left", SOON, () -> members(call.a().extension()).size() + members(call.b().extension()).size(),
                n -> n == 0);
    }

    /** A number of the transfer directory, added by the administrator (its digits, to find its channel). */
    private static long transferNumber(String name, String digits) {
        return admin.expect(201, "/api/transfer-targets", new JsonObject().put("name", name + " " + System.nanoTime())
                .put("number", "+" + digits)).getLong("id");
    }

    /** The call handed to someone outside the agents' sessions: everyone in A's conference hung up, the agents out, the campaign stopped. */
    private static void hangUpAndStop(Call call) {
        for (String m : members(call.a().extension())) {
            AsteriskForTests.cli("channel request hangup " + m);
        }
        Await.until("A's conference gone", SOON, () -> members(call.a().extension()), List::isEmpty);
        for (Agent agent : List.of(call.a(), call.b())) {
            agent.api().post(agent.path("logout"), null);
        }
        admin.expect(200, "/api/campaigns/" + call.campaignId() + "/stop", null);
    }

    /** The channels in a conference, by its full name. */
    private static List<String> conference(String name) {
        return AsteriskForTests.cli("confbridge list " + name).lines().filter(l -> l.startsWith("Local/"))
                .map(l -> l.trim().split("\\s+")[0]).toList();
    }

    @Test
    void theTransferDirectoryIsTheAdministratorsAndRefusesDebtorsNumbers() {
        Agent someone = agent("Dora Directory");
        Api.Reply noName = admin.post("/api/transfer-targets", new JsonObject().put("number", "+442071230000"));
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.body()).contains("\"field\":\"name\"");
        Api.Reply badNumber = admin.post("/api/transfer-targets", new JsonObject().put("name", "x").put("number", "12"));
        assertThat(badNumber.body()).contains("\"field\":\"number\"");
        assertThat(someone.api().post("/api/transfer-targets", new JsonObject().put("name", "mine").put("number", "+442071230001"))
                .status()).isEqualTo(403);
        long id = transferNumber("Interpreter", "442071230002");
        // agents see the directory with the numbers masked; administrators in full
        assertThat(someone.api().get("/api/transfer-targets").body()).contains("Interpreter").doesNotContain("442071230002");
        assertThat(admin.get("/api/transfer-targets").body()).contains("+442071230002");
        // a debtor's number is no business line
        long campaignId = admin.expect(201, "/api/campaigns", new JsonObject().put("name", "Directory " + System.nanoTime())
                .put("dialMode", "PROGRESSIVE").put("simulatedCallees", true)).getLong("id");
        admin.postRaw("/api/campaigns/" + campaignId + "/leads", "text/csv", "id,name,phone,phone_type,amount,days_overdue\n"
                + "DIR" + campaignId + ",Dan Debtor,+12125559911,HOME,100,10\n");
        Api.Reply debtors = admin.post("/api/transfer-targets", new JsonObject().put("name", "sneaky").put("number", "+12125559911"));
        assertThat(debtors.status()).isEqualTo(400);
        assertThat(debtors.body()).contains("debtor");
        assertThat(admin.delete("/api/transfer-targets/" + id, new JsonObject()).json().getBoolean("active")).isFalse();
        assertThat(someone.api().get("/api/transfer-targets").body()).doesNotContain("\"id\":" + id + ",");
        assertThat(admin.get("/api/audit?limit=20").body()).contains("added transfer number " + id, "withdrew transfer number " + id);
    }

    @Test
    void aWarmTransferToATransferNumberConsultsThenLeavesTheDebtorWithTheOutsideParty() throws Exception {
        Call call = connected("outside");
        Agent a = call.a();
        String digits = "4420712" + ThreadLocalRandom.current().nextInt(10_000, 99_999);
        long target = transferNumber("Creditor line", digits);
        Api.Reply both = a.api().post(a.path("transfer"), new JsonObject().put("to", new JsonObject().put("agentId", call.b().id())
                .put("targetId", target)).put("mode", "WARM"));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.body()).contains("\"field\":\"to\"");

        JsonObject started = a.api().expect(200, a.path("transfer"), new JsonObject().put("to", new JsonObject().put("targetId", target))
                .put("mode", "WARM"));
        assertThat(started.getString("phase")).isEqualTo("DIALING");
        assertThat(started.getString("targetName")).startsWith("Creditor line");
        // the consultation: A's leg and the outside party in the call's own conference, the debtor alone with music in A's
        Await.until("A and the outside party consulting", Duration.ofSeconds(20), () -> conference("consult-" + call.attemptId()),
                m -> m.size() == 2 && m.stream().anyMatch(x -> x.startsWith("Local/" + digits + "@sim-carrier"))
                        && hasLeg(m, a.extension()));
        Await.until("the debtor alone in A's conference, with music on hold", SOON,
                () -> AsteriskForTests.cli("confbridge list agent-" + a.extension()).lines().filter(l -> l.startsWith("Local/")).toList(),
                l -> l.size() == 1 && l.get(0).contains("@sim-carrier") && l.get(0).contains("dialer_callee_waiting"));
        Await.until("the transfer consulting", SOON, () -> a.api().get(a.path("transfer")).json().getJsonObject("transfer"),
                t -> t != null && "CONSULTING".equals(t.getString("phase")));

        JsonObject done = a.api().expect(200, a.path("transfer/complete"), null);
        assertThat(done.getString("phase")).isEqualTo("COMPLETED");
        Await.until("the debtor and the outside party in A's conference, A's leg gone", SOON, () -> members(a.extension()),
                m -> m.size() == 2 && m.stream().anyMatch(x -> x.startsWith("Local/" + digits + "@sim-carrier"))
                        && !hasLeg(m, a.extension()));
        awaitState(a, "WRAP_UP");
        // the call goes on without A, whose disposition it is
        a.api().expect(201, "/api/attempts/" + call.attemptId() + "/disposition", new JsonObject().put("agentId", a.id())
                .put("code", "RPC").put("note", "sent to the creditor's payment line"));
        awaitState(a, "READY");
        assertThat(legs(call.attemptId())).singleElement().satisfies(l -> assertThat(l).startsWith("OUTSIDE WARM " + a.id() + ">0 COMPLETED "));
        assertThat(admin.get("/api/audit?limit=20").body()).contains("WARM transfer of attempt " + call.attemptId() + " from agent "
                + a.id() + " to 'Creditor line");
        // the debtor hangs up: the outside party leaves with them, and the attempt ends
        for (String m : members(a.extension())) {
            if (m.contains("1212555")) {
                AsteriskForTests.cli("channel request hangup " + m);
            }
        }
        Await.until("A's conference gone", SOON, () -> members(a.extension()), List::isEmpty);
        Await.until("the attempt ended", SOON, () -> {
            try (Connection c = server.postgres().connect("dialer"); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("select state from call_attempt where id = " + call.attemptId())) {
                rs.next();
                return rs.getString(1);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, "ENDED"::equals);
        for (Agent agent : List.of(a, call.b())) {
            agent.api().post(agent.path("logout"), null);
        }
        admin.expect(200, "/api/campaigns/" + call.campaignId() + "/stop", null);
    }

    @Test
    void aWarmTransferToASupervisorRingsTheirPhoneThenLeavesThemWithTheDebtor() throws Exception {
        Call call = connected("supervisor");
        Agent a = call.a();
        String ext = String.valueOf(ThreadLocalRandom.current().nextInt(10_000, 99_999));
        Api supervisor = server.user("xfersup" + call.campaignId(), "SUPERVISOR", null, List.of(call.campaignId()));
        long supervisorId = supervisor.get("/api/me").json().getLong("id");
        // no phone yet: not a choice, and refused
        assertThat(a.api().get(a.path("transfer/supervisors")).array()).isEmpty();
        assertThat(a.api().post(a.path("transfer"), new JsonObject().put("to", new JsonObject().put("supervisorId", supervisorId))
                .put("mode", "WARM")).status()).isEqualTo(409);
        assertThat(admin.put("/api/users/" + supervisorId + "/phone", new JsonObject().put("phone", "Local/" + ext + "@sim-agent-phone"))
                .status()).isEqualTo(200);
        assertThat(a.api().get(a.path("transfer/supervisors")).array().stream().map(o -> ((JsonObject) o).getLong("supervisorId")))
                .containsExactly(supervisorId);
        Api.Reply notOne = a.api().post(a.path("transfer"), new JsonObject().put("to", new JsonObject().put("supervisorId",
                call.b().id() + 100_000)).put("mode", "WARM"));
        assertThat(notOne.status()).isEqualTo(400);

        JsonObject started = a.api().expect(200, a.path("transfer"), new JsonObject().put("to", new JsonObject()
                .put("supervisorId", supervisorId)).put("mode", "WARM"));
        assertThat(started.getLong("supervisorId")).isEqualTo(supervisorId);
        Await.until("A and the supervisor's phone consulting", Duration.ofSeconds(20), () -> conference("consult-" + call.attemptId()),
                m -> m.size() == 2 && hasLeg(m, ext) && hasLeg(m, a.extension()));
        Await.until("the transfer consulting", SOON, () -> a.api().get(a.path("transfer")).json().getJsonObject("transfer"),
                t -> t != null && "CONSULTING".equals(t.getString("phase")));
        a.api().expect(200, a.path("transfer/complete"), null);
        Await.until("the debtor with the supervisor's phone, A's leg gone", SOON, () -> members(a.extension()),
                m -> m.size() == 2 && hasDebtor(m) && hasLeg(m, ext) && !hasLeg(m, a.extension()));
        awaitState(a, "WRAP_UP");
        try (Connection c = server.postgres().connect("dialer"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select leg_kind, kind, to_user_id, outcome from call_transfer_leg where attempt_id = "
                     + call.attemptId())) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1) + " " + rs.getString(2) + " " + rs.getLong(3) + " " + rs.getString(4))
                    .isEqualTo("SUPERVISOR WARM " + supervisorId + " COMPLETED");
        }
        assertThat(admin.get("/api/audit?limit=20").body()).contains("WARM transfer of attempt " + call.attemptId() + " from agent "
                + a.id() + " to supervisor " + supervisorId);
        a.api().expect(201, "/api/attempts/" + call.attemptId() + "/disposition", new JsonObject().put("agentId", a.id()).put("code", "RPC"));
        hangUpAndStop(call);
    }

    @Test
    void aBlindTransferToATransferNumberPutsTheOutsidePartyWithTheDebtorOnceTheyAnswer() throws Exception {
        Call call = connected("outblind");
        Agent a = call.a();
        String digits = "4420713" + ThreadLocalRandom.current().nextInt(10_000, 99_999);
        long target = transferNumber("Interpreter line", digits);
        a.api().expect(200, a.path("transfer"), new JsonObject().put("to", new JsonObject().put("targetId", target))
                .put("mode", "BLIND"));
        Await.until("the debtor and the outside party in A's conference, A's leg gone", Duration.ofSeconds(20),
                () -> members(a.extension()), m -> m.size() == 2 && m.stream().anyMatch(x -> x.startsWith("Local/" + digits + "@sim-carrier"))
                        && !hasLeg(m, a.extension()));
        awaitState(a, "WRAP_UP");
        assertThat(legs(call.attemptId())).singleElement().satisfies(l -> assertThat(l).startsWith("OUTSIDE BLIND " + a.id() + ">0 COMPLETED "));
        a.api().expect(201, "/api/attempts/" + call.attemptId() + "/disposition", new JsonObject().put("agentId", a.id()).put("code", "RPC"));
        hangUpAndStop(call);
    }

    @Test
    void aWarmTransferConsultsWhileTheDebtorWaitsThenHandsTheCallAndItsScreenPopToTheOtherAgent() throws Exception {
        Call call = connected("warm");
        Agent a = call.a();
        Agent b = call.b();
        try (LiveStream bConsole = b.api().stream("/api/live/agent")) {
            bConsole.await("B ready", SOON, v -> "READY".equals(v.getString("state")));
            assertThat(a.api().get(a.path("transfer/candidates")).array().stream().map(o -> ((JsonObject) o).getLong("agentId")))
                    .containsExactly(b.id());

            JsonObject consult = a.api().expect(200, a.path("transfer"), new JsonObject().put("to", new JsonObject().put("agentId", b.id()))
                    .put("mode", "WARM"));
            assertThat(consult.getString("phase")).isEqualTo("CONSULTING");
            Await.until("A and B together in B's conference", SOON, () -> members(b.extension()),
                    m -> m.size() == 2 && hasLeg(m, a.extension()) && hasLeg(m, b.extension()));
            Await.until("the debtor alone in A's conference, with music on hold", SOON,
                    () -> AsteriskForTests.cli("confbridge list agent-" + a.extension()).lines().filter(l -> l.startsWith("Local/")).toList(),
                    l -> l.size() == 1 && l.get(0).contains("@sim-carrier") && l.get(0).contains("dialer_callee_waiting"));
            assertThat(b.api().get(b.path("transfer")).json().getJsonObject("transfer").getString("phase")).isEqualTo("CONSULTING");

            JsonObject done = a.api().expect(200, a.path("transfer/complete"), null);
            assertThat(done.getString("phase")).isEqualTo("COMPLETED");
            Await.until("the debtor with B", SOON, () -> members(b.extension()),
                    m -> m.size() == 2 && hasDebtor(m) && hasLeg(m, b.extension()));
            Await.until("A's conference gone, A's leg waiting", SOON, () -> members(a.extension()), List::isEmpty);
            JsonObject aNow = awaitState(a, "READY");
            assertThat(aNow.getValue("attemptId")).isNull();

            LiveStream.Event pop = bConsole.await("B on the call with its screen pop", SOON, v -> "ON_CALL".equals(v.getString("state"))
                    && v.getJsonObject("screenPop") != null);
            assertThat(pop.data().getLong("attemptId")).isEqualTo(call.attemptId());
            assertThat(pop.data().getLong("debtorId")).isEqualTo(call.debtorId());
            assertThat(pop.data().getJsonObject("screenPop").getJsonObject("debtor").getString("name")).isEqualTo("Tess Transfer");
            // the debtor's file is B's to read now, no longer A's
            assertThat(b.api().get("/api/debtors/" + call.debtorId()).status()).isEqualTo(200);
            assertThat(a.api().get("/api/debtors/" + call.debtorId()).status()).isEqualTo(403);
        }
        assertThat(legs(call.attemptId())).singleElement().satisfies(l -> assertThat(l)
                .startsWith("AGENT WARM " + a.id() + ">" + b.id() + " COMPLETED ").endsWith(" true"));
        assertThat(admin.get("/api/audit?limit=20").body()).contains("WARM transfer of attempt " + call.attemptId(),
                "transfer of attempt " + call.attemptId() + " from agent " + a.id() + " to agent " + b.id() + " completed");
        // the call's outcome is B's to give now; A may not even see the attempt any more
        b.api().expect(200, b.path("hangup"), null);
        awaitState(b, "WRAP_UP");
        assertThat(a.api().post("/api/attempts/" + call.attemptId() + "/disposition", new JsonObject().put("agentId", a.id())
                .put("code", "RPC")).status()).isEqualTo(403);
        b.api().expect(201, "/api/attempts/" + call.attemptId() + "/disposition", new JsonObject().put("agentId", b.id())
                .put("code", "RPC"));
        awaitState(b, "READY");
        for (Agent agent : List.of(a, b)) {
            agent.api().post(agent.path("logout"), null);
        }
        admin.expect(200, "/api/campaigns/" + call.campaignId() + "/stop", null);
    }

    @Test
    void aCancelledConsultationPutsAgentABackWithTheDebtorAndBIsReadyAgain() throws Exception {
        Call call = connected("cancel");
        Agent a = call.a();
        Agent b = call.b();
        a.api().expect(200, a.path("transfer"), new JsonObject().put("to", new JsonObject().put("agentId", b.id())).put("mode", "WARM"));
        Await.until("A and B together in B's conference", SOON, () -> members(b.extension()), m -> m.size() == 2);
        // a refusal while it is in progress: a second transfer of the same call
        assertThat(a.api().post(a.path("transfer"), new JsonObject().put("to", new JsonObject().put("agentId", b.id()))
                .put("mode", "BLIND")).status()).isEqualTo(409);

        assertThat(b.api().expect(200, b.path("transfer/cancel"), null).getString("phase")).isEqualTo("CANCELLED");
        Await.until("the debtor and A together again", SOON, () -> members(a.extension()),
                m -> m.size() == 2 && hasDebtor(m) && hasLeg(m, a.extension()));
        Await.until("B's conference gone", SOON, () -> members(b.extension()), List::isEmpty);
        awaitState(b, "READY");
        assertThat(awaitState(a, "ON_CALL").getLong("attemptId")).isEqualTo(call.attemptId());
        assertThat(legs(call.attemptId())).singleElement().satisfies(l -> assertThat(l)
                .startsWith("AGENT WARM " + a.id() + ">" + b.id() + " CANCELLED "));
        finish(call, a);
    }

    @Test
    void aThreeWayConferenceThenAgentALeavesTheDebtorWithB() throws Exception {
        Call call = connected("three");
        Agent a = call.a();
        Agent b = call.b();
        a.api().expect(200, a.path("transfer"), new JsonObject().put("to", new JsonObject().put("agentId", b.id())).put("mode", "WARM"));
        Await.until("A and B together in B's conference", SOON, () -> members(b.extension()), m -> m.size() == 2);
        assertThat(a.api().expect(200, a.path("transfer/conference"), null).getString("phase")).isEqualTo("CONFERENCE");
        Await.until("the debtor, A and B in B's conference", SOON, () -> members(b.extension()),
                m -> m.size() == 3 && hasDebtor(m) && hasLeg(m, a.extension()) && hasLeg(m, b.extension()));
        assertThat(members(a.extension())).isEmpty();

        assertThat(a.api().expect(200, a.path("transfer/complete"), null).getString("phase")).isEqualTo("COMPLETED");
        Await.until("A gone, the debtor with B", SOON, () -> members(b.extension()),
                m -> m.size() == 2 && hasDebtor(m) && hasLeg(m, b.extension()));
        assertThat(awaitState(b, "ON_CALL").getLong("debtorId")).isEqualTo(call.debtorId());
        awaitState(a, "READY");
        List<String> legs = legs(call.attemptId());
        assertThat(legs).hasSize(2);
        assertThat(legs.get(0)).startsWith("AGENT WARM " + a.id() + ">" + b.id() + " CONFERENCED ");
        assertThat(legs.get(1)).startsWith("AGENT CONFERENCE " + a.id() + ">" + b.id() + " COMPLETED ");
        // the debtor leaves: B's leg leaves with them (end_marked), no conference is left (finish checks it)
        finish(call, b);
    }

    @Test
    void aBlindTransferSendsTheDebtorStraightToTheOtherAgent() throws Exception {
        Call call = connected("blind");
        Agent a = call.a();
        Agent b = call.b();
        // bad input: 400s naming the field, nothing moved
        Api.Reply noMode = a.api().post(a.path("transfer"), new JsonObject().put("to", new JsonObject().put("agentId", b.id())));
        assertThat(noMode.status()).isEqualTo(400);
        assertThat(noMode.body()).contains("mode");
        Api.Reply noTarget = a.api().post(a.path("transfer"), new JsonObject().put("to", new JsonObject().put("agentId", "x"))
                .put("mode", "BLIND"));
        assertThat(noTarget.status()).isEqualTo(400);
        assertThat(noTarget.body()).contains("to.agentId");
        // an agent transfers only their own call
        assertThat(b.api().post(a.path("transfer"), new JsonObject().put("to", new JsonObject().put("agentId", b.id()))
                .put("mode", "BLIND")).status()).isEqualTo(403);

        assertThat(a.api().expect(200, a.path("transfer"), new JsonObject().put("to", new JsonObject().put("agentId", b.id()))
                .put("mode", "BLIND")).getString("phase")).isEqualTo("COMPLETED");
        Await.until("the debtor with B", SOON, () -> members(b.extension()),
                m -> m.size() == 2 && hasDebtor(m) && hasLeg(m, b.extension()));
        Await.until("A's conference gone", SOON, () -> members(a.extension()), List::isEmpty);
        JsonObject bNow = awaitState(b, "ON_CALL");
        assertThat(bNow.getLong("debtorId")).isEqualTo(call.debtorId());
        awaitState(a, "READY");
        assertThat(legs(call.attemptId())).singleElement().satisfies(l -> assertThat(l)
                .startsWith("AGENT BLIND " + a.id() + ">" + b.id() + " COMPLETED "));
        finish(call, b);
    }
}
