package dialer.core;

import dialer.ami.asterisk.AmiSettings;
import dialer.ami.testing.AsteriskForTests;
import dialer.ami.testing.TcpProxy;
import dialer.core.testing.AmiObserver;
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

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dialer's AMI link cut for 12 s while people answer and nobody can take them: every person the
 * dialplan abandoned meanwhile (seen by an independent AMI session) is recorded as abandoned, as the
 * regulator counts it, not as a failed call; and no call of the campaign (busy, no answer,
 * unallocated, machine, person) is recorded as a failure for having ended unheard.
 */
class AmiOutageIT {

    private static TcpProxy proxy;
    private static TestServer server;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        AmiSettings real = AsteriskForTests.ami();
        proxy = new TcpProxy(real.host(), real.port());
        server = TestServer.start(AmiSettings.of("127.0.0.1", proxy.port(), real.username(), real.secret()));
        api = server.api();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void peopleAbandonedWhileTheLinkIsDownAreRecordedAsAbandoned() throws Exception {
        long campaignId = SimulatedFloor.predictiveCampaign(api, "AMI outage", "718", 4000, 300);
        List<Long> agents = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            agents.add(SimulatedFloor.agent(api, "Outage agent " + i, campaignId, true));
        }
        try (AmiObserver observer = new AmiObserver(AsteriskForTests.ami())) {
            api.expect(200, "/api/campaigns/" + campaignId + "/start", null);
            Await.until("calls placed and finished", Duration.ofSeconds(90), () -> attempts(campaignId),
                    a -> a.stream().filter(x -> "ENDED".equals(((JsonObject) x).getString("state"))).count() >= 6);
            // calls are ringing; every agent goes on a break and the link is cut: the people who answer now get nobody
            for (long agent : agents) {
                api.expect(200, "/api/agents/" + agent + "/pause", new JsonObject().put("reason", "outage test"));
            }
            Instant cut = Instant.now();
            proxy.refuse();
            Thread.sleep(12_000);
            proxy.accept();
            Instant restored = Instant.now();
            Await.until("the dialer back on Asterisk", Duration.ofSeconds(30), () -> api.anonymous().get("/health").status(),
                    status -> status == 200);
            long recovery = Duration.between(restored, Instant.now()).toMillis();
            System.out.println("AMI outage: the dialer is back on Asterisk " + recovery + " ms after the link was");
            assertThat(recovery).as("back within 10 s of the link").isLessThan(10_000);
            Set<String> abandonedMeanwhile = new HashSet<>();
            observer.abandoned().forEach((call, at) -> {
                if (at.isAfter(cut) && at.isBefore(restored)) {
                    abandonedMeanwhile.add(call);
                }
            });
            System.out.println("AMI outage: the dialplan abandoned " + abandonedMeanwhile.size() + " people while the link was down");
            assertThat(abandonedMeanwhile).as("the test needs people abandoned during the cut").isNotEmpty();

            api.expect(200, "/api/campaigns/" + campaignId + "/stop", null);
            Await.until("every call of the campaign ended", Duration.ofSeconds(90), () -> attempts(campaignId),
                    a -> a.stream().allMatch(x -> FaultChecks.over((JsonObject) x)));
            Map<String, Instant> everAbandoned = observer.abandoned();
            try (Connection c = server.server().dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select a.id, a.abandoned_at is not null, d.code, a.detail from call_attempt a "
                         + "left join disposition d on d.attempt_id = a.id where a.campaign_id = " + campaignId)) {
                Set<String> recordedAbandoned = new HashSet<>();
                while (rs.next()) {
                    String callId = "c" + rs.getLong(1);
                    boolean abandoned = rs.getBoolean(2);
                    // busy, no answer, unallocated, machines and people: each as Asterisk saw it, even unheard
                    assertThat(rs.getString(3) + " " + rs.getString(4)).as("disposition of %s", callId)
                            .doesNotStartWith("FAILED");
                    if (abandoned) {
                        recordedAbandoned.add(callId);
                    }
                    if (everAbandoned.containsKey(callId)) {
                        assertThat(rs.getString(3)).as("disposition of %s, abandoned by the dialplan", callId).isEqualTo("ABANDONED");
                    }
                }
                assertThat(recordedAbandoned).as("every person the dialplan abandoned is recorded as abandoned")
                        .containsAll(everAbandoned.keySet());
                FaultChecks.everyDialIsOneAttempt(c, campaignId, observer, n -> n.startsWith("1718555"));
                FaultChecks.everyAttemptSettledWithTheGuard(c, campaignId);
                FaultChecks.noDispositionLost(c, campaignId);
            }
            Map<Long, String> states = new java.util.HashMap<>();
            api.get("/api/agents").array().stream().map(o -> (JsonObject) o).filter(a -> agents.contains(a.getLong("id")))
                    .forEach(a -> states.put(a.getLong("id"), a.getJsonObject("session") == null ? "LOGGED_OUT"
                            : a.getJsonObject("session").getString("state")));
            assertThat(states.values()).as("agents' sessions went through the cut").allMatch("PAUSED"::equals);
        }
        for (long agent : agents) {
            api.post("/api/agents/" + agent + "/logout", null);
        }
    }

    private static JsonArray attempts(long campaignId) {
        return api.get("/api/campaigns/" + campaignId + "/attempts?limit=2000").array();
    }
}
