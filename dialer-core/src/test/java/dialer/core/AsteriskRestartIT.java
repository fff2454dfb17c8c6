package dialer.core;

import dialer.ami.testing.AsteriskForTests;
import dialer.core.testing.Api;
import dialer.core.testing.SimulatedFloor;
import dialer.core.testing.Await;
import dialer.core.testing.FaultChecks;
import dialer.core.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asterisk restarted by its operator in the middle of a predictive campaign: the agents' sessions
 * are not lost. Their phones are rung back into their conferences by themselves, each agent comes
 * back as they were (ready, or paused with their reason), and dialing resumes, within seconds.
 */
class AsteriskRestartIT {

    private static TestServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.api();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void agentSessionsComeBackByThemselvesAndDialingResumes() throws Exception {
        long campaignId = SimulatedFloor.predictiveCampaign(api, "Restart", "646", 3000, 300);
        List<Long> working = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            working.add(SimulatedFloor.agent(api, "Restart agent " + i, campaignId, true));
        }
        long paused = SimulatedFloor.agent(api, "Restart agent on a break", campaignId, false);
        api.expect(200, "/api/agents/" + paused + "/pause", new JsonObject().put("reason", "training"));
        api.expect(200, "/api/campaigns/" + campaignId + "/start", null);
        Await.until("calls placed and finished", Duration.ofSeconds(90), () -> attempts(campaignId),
                a -> a.stream().filter(x -> "ENDED".equals(((JsonObject) x).getString("state"))).count() >= 4);

        AsteriskForTests.restart();
        Instant back = Instant.now();
        long lastBefore = attempts(campaignId).stream().mapToLong(x -> ((JsonObject) x).getLong("id")).max().orElse(0);
        System.out.println("restart: Asterisk is back at " + back + "; last attempt before: " + lastBefore);

        Map<Long, String> states = Await.until("every agent back in their conference", Duration.ofSeconds(30),
                AsteriskRestartIT::sessionStates,
                s -> working.stream().allMatch(a -> List.of("READY", "RESERVED", "ON_CALL", "WRAP_UP").contains(s.getOrDefault(a, "LOGGED_OUT")))
                        && "PAUSED".equals(s.get(paused)));
        long recovered = Duration.between(back, Instant.now()).toMillis();
        System.out.println("restart: agents back " + recovered + " ms after Asterisk: " + states);
        assertThat(recovered).as("agents back within 10 s").isLessThan(10_000);
        JsonObject onBreak = api.get("/api/agents").array().stream().map(o -> (JsonObject) o)
                .filter(a -> a.getLong("id") == paused).findFirst().orElseThrow();
        assertThat(onBreak.getJsonObject("session").getString("pauseReason")).isEqualTo("training");

        JsonObject after = Await.until("a call placed after the restart ended", Duration.ofSeconds(30),
                () -> attempts(campaignId).stream().map(o -> (JsonObject) o)
                        .filter(a -> a.getLong("id") > lastBefore && "ENDED".equals(a.getString("state"))).findFirst().orElse(null),
                a -> a != null);
        assertThat(after.getString("outcome")).as("a real call, not a failure").isNotEqualTo("FAILED");

        api.expect(200, "/api/campaigns/" + campaignId + "/stop", null);
        Await.until("every call of the campaign ended and dispositioned", Duration.ofSeconds(60), () -> attempts(campaignId),
                a -> a.stream().allMatch(x -> FaultChecks.over((JsonObject) x)));
        try (java.sql.Connection c = server.server().dataSource().getConnection()) {
            FaultChecks.everyAttemptSettledWithTheGuard(c, campaignId);
            FaultChecks.noDispositionLost(c, campaignId);
        }
        for (long agent : working) {
            Await.until("agent " + agent + " off the call", Duration.ofSeconds(30), AsteriskRestartIT::sessionStates,
                    s -> !List.of("RESERVED", "ON_CALL").contains(s.getOrDefault(agent, "LOGGED_OUT")));
            api.post("/api/agents/" + agent + "/logout", null);
        }
        api.post("/api/agents/" + paused + "/logout", null);
    }

    private static JsonArray attempts(long campaignId) {
        return api.get("/api/campaigns/" + campaignId + "/attempts?limit=2000").array();
    }

    private static Map<Long, String> sessionStates() {
        return api.get("/api/agents").array().stream().map(o -> (JsonObject) o)
                .filter(a -> a.getJsonObject("session") != null)
                .collect(Collectors.toMap(a -> a.getLong("id"), a -> a.getJsonObject("session").getString("state")));
    }
}
