package dialer.core;

import dialer.ami.asterisk.AmiSettings;
import dialer.ami.testing.AsteriskForTests;
import dialer.core.demo.DemoSetup;
import dialer.core.testing.AmiObserver;
import dialer.core.testing.Api;
import dialer.core.testing.Await;
import dialer.core.testing.DialerProcess;
import dialer.core.testing.FaultChecks;
import dialer.postgres.EmbeddedPostgres;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dialer process killed with kill -9 in the middle of a predictive campaign, with conversations
 * going on, and started again under the same node name. Its agents come back by themselves, the
 * conversations it was following are recorded as conversations with their agents' dispositions,
 * every call ends with the outcome Asterisk saw (the abandoned counted), none is lost or dialed
 * twice, no reservation is left open, and dialing resumes within seconds.
 */
class DialerKillIT {

    private static final String NODE = "kill-node";
    private final List<DialerProcess> processes = new ArrayList<>();
    private EmbeddedPostgres pg;

    @AfterEach
    void stopEverything() throws Exception {
        for (DialerProcess p : processes) {
            p.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void aKilledDialerTakesBackItsCallsAndAgentsAndRecordsWhatReallyHappened() throws Exception {
        AmiSettings ami = AsteriskForTests.ami();
        pg = EmbeddedPostgres.startThrowaway("dialer");
        // real clocks in a process of its own: dial the region where it is daytime now, under its own preset
        DemoSetup.Region region = DemoSetup.daytime(Instant.now());
        DialerProcess first = start();
        Api api = first.api();
        long campaignId = api.expect(201, "/api/campaigns", new JsonObject().put("name", "Kill -9").put("dialMode", "PREDICTIVE")
                .put("simulatedCallees", true).put("ringTimeoutSeconds", 8)
                .put("compliance", new JsonObject().put("preset", region.preset()))).getLong("id");
        Set<String> numbers = new java.util.LinkedHashSet<>();
        Random random = new Random(13);
        while (numbers.size() < 80) {
            String n = region.number(random);
            // people who talk 20-65 s (last digit 0-3): a call on its way at the kill is a person who
            // answers while no dialer hears and waits for an agent
            numbers.add(n.substring(0, n.length() - 1) + random.nextInt(4));
        }
        StringBuilder csv = new StringBuilder("id,name,phone,phone_type,amount,days_overdue\n");
        int i = 0;
        for (String n : numbers) {
            csv.append("K-").append(i).append(",Debtor ").append(i).append(',').append(n).append(",HOME,").append(1000 - i)
                    .append(",30\n");
            i++;
        }
        api.postRaw("/api/campaigns/" + campaignId + "/leads", "text/csv", csv.toString());
        List<Long> agents = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            long agent = api.expect(201, "/api/agents", new JsonObject().put("name", "Kill agent " + k).put("simulated", true)
                    .put("extension", String.valueOf(30_000 + random.nextInt(60_000)))).getLong("id");
            api.expect(200, "/api/agents/" + agent + "/login", new JsonObject().put("campaignId", campaignId).put("ready", k < 4));
            agents.add(agent);
        }
        long onBreak = agents.get(4);
        api.expect(200, "/api/agents/" + onBreak + "/pause", new JsonObject().put("reason", "coaching"));

        try (AmiObserver observer = new AmiObserver(ami)) {
            api.expect(200, "/api/campaigns/" + campaignId + "/start", null);
            // kill it while people are talking with agents and another call is on its way (ringing, or a
            // person about to wait for an agent nobody will bring)
            Await.until("conversations going on", Duration.ofSeconds(90), () -> attempts(api, campaignId),
                    a -> a.stream().filter(x -> "CONNECTED".equals(x.getString("state"))).count() >= 2);
            Await.until("a call on its way", Duration.ofSeconds(90),
                    () -> attemptsInDb(campaignId, "state in ('DIALING', 'ANSWERED')"), a -> !a.isEmpty());
            Instant killedAt = first.kill();
            List<Long> talking = attemptsInDb(campaignId, "state = 'CONNECTED'");
            List<Long> open = attemptsInDb(campaignId, "state <> 'ENDED'");
            List<Long> onTheirWay = attemptsInDb(campaignId, "state in ('DIALING', 'ANSWERED')");
            System.out.println("kill -9 at " + killedAt + ": " + open.size() + " call(s) open, conversations " + talking
                    + ", on their way " + onTheirWay);
            assertThat(talking).isNotEmpty();
            assertThat(onTheirWay).isNotEmpty();
            Thread.sleep(2_000);

            DialerProcess second = start();
            Api again = second.api();
            Map<Long, String> states = Await.until("every agent back without logging in", Duration.ofSeconds(30),
                    () -> sessionStates(again), s -> agents.stream().allMatch(s::containsKey)
                            && agents.stream().noneMatch(a -> "CONNECTING".equals(s.get(a))));
            long agentsBack = Duration.between(second.launchedAt, Instant.now()).toMillis();
            System.out.println("kill -9: agents back " + agentsBack + " ms after the new process was launched: " + states);
            assertThat(states.get(onBreak)).isEqualTo("PAUSED");
            AmiObserver.Dialed resumed = Await.until("a new call placed", Duration.ofSeconds(30),
                    () -> observer.dials().stream().filter(d -> d.at().isAfter(second.launchedAt)).findFirst().orElse(null),
                    d -> d != null);
            long dialingBack = Duration.between(second.launchedAt, resumed.at()).toMillis();
            // every ready agent may be on a conversation taken back: dialing waits for one to be free
            Instant firstFree = firstAgentFreeAfter(campaignId, second.launchedAt);
            System.out.println("kill -9: first new call " + dialingBack + " ms after the new process was launched; first agent free "
                    + (firstFree == null ? "(none yet)" : Duration.between(second.launchedAt, firstFree).toMillis() + " ms") + " after it");
            assertThat(agentsBack).as("agents back within 10 s").isLessThan(10_000);
            Instant deadline = second.launchedAt.plusSeconds(10);
            if (firstFree != null && firstFree.plusSeconds(3).isAfter(deadline)) {
                deadline = firstFree.plusSeconds(3);
            }
            assertThat(resumed.at()).as("dialing resumes within 10 s, or within 3 s of an agent being free").isBefore(deadline);

            Thread.sleep(5_000);
            again.expect(200, "/api/campaigns/" + campaignId + "/stop", null);
            List<JsonObject> all = Await.until("every call ended and dispositioned", Duration.ofSeconds(150),
                    () -> attempts(again, campaignId), a -> a.stream().allMatch(FaultChecks::over));

            Map<Long, JsonObject> byId = all.stream().collect(Collectors.toMap(a -> a.getLong("id"), a -> a));
            for (long attempt : talking) {
                JsonObject a = byId.get(attempt);
                assertThat(a.getString("outcome")).as("attempt " + attempt + ": a conversation, as Asterisk saw it")
                        .isEqualTo("ANSWERED_HUMAN");
                assertThat(a.getLong("agentId")).isNotNull();
                assertThat(a.getJsonObject("disposition").getString("kind")).as("attempt " + attempt + ": its agent's disposition")
                        .isEqualTo("AGENT");
            }
            assertThat(all).as("nothing written off for the restart")
                    .noneMatch(a -> a.getString("detail") != null && a.getString("detail").contains("restarted"));
            for (long attempt : open) {
                assertThat(byId.get(attempt).getJsonObject("disposition").getString("code")).as("attempt " + attempt)
                        .isNotEqualTo("NO_DISPOSITION");
            }
            for (long attempt : onTheirWay) {
                JsonObject a = byId.get(attempt);
                System.out.println("kill -9: attempt " + attempt + " on its way at the kill ended " + a.getString("outcome") + " / "
                        + a.getJsonObject("disposition").getString("code") + " (" + a.getString("detail") + ")");
                assertThat(a.getJsonObject("disposition").getString("code")).as("attempt " + attempt + ", as Asterisk saw it")
                        .isNotEqualTo("FAILED");
            }

            try (Connection c = pg.connect("dialer"); Statement s = c.createStatement()) {
                Set<String> ours = numbers.stream().map(n -> n.substring(1)).collect(Collectors.toSet());
                FaultChecks.everyDialIsOneAttempt(c, campaignId, observer, ours::contains);
                FaultChecks.everyAttemptSettledWithTheGuard(c, campaignId);
                FaultChecks.noDispositionLost(c, campaignId);
                try (ResultSet rs = s.executeQuery("select count(*) from call_attempt where abandoned_at is not null and campaign_id = "
                        + campaignId)) {
                    rs.next();
                    long heardAbandoned = observer.abandoned().keySet().stream()
                            .filter(callId -> byId.containsKey(Long.parseLong(callId.substring(1)))).count();
                    assertThat(rs.getLong(1)).as("abandoned calls as the dialplan counted them").isEqualTo(heardAbandoned);
                }
                try (ResultSet rs = s.executeQuery("select count(*) from campaign_lead where state = 'CLAIMED' and campaign_id = "
                        + campaignId)) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("leads left claimed").isZero();
                }
            }
            for (long agent : agents) {
                again.post("/api/agents/" + agent + "/logout", null);
            }
        }
    }

    private DialerProcess start() throws Exception {
        DialerProcess p = DialerProcess.start(NODE, pg, AsteriskForTests.ami());
        processes.add(p);
        return p;
    }

    private static List<JsonObject> attempts(Api api, long campaignId) {
        return api.get("/api/campaigns/" + campaignId + "/attempts?limit=2000").array().stream().map(o -> (JsonObject) o).toList();
    }

    private List<Long> attemptsInDb(long campaignId, String where) {
        List<Long> out = new ArrayList<>();
        try (Connection c = pg.connect("dialer"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select id from call_attempt where campaign_id = " + campaignId + " and " + where
                     + " order by id")) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        } catch (Exception e) {
            throw new AssertionError("could not read the attempts", e);
        }
        return out;
    }

    /** When the first agent's disposition after {@code since} was written (they are free for the next call then). */
    private Instant firstAgentFreeAfter(long campaignId, Instant since) throws Exception {
        try (Connection c = pg.connect("dialer");
             var ps = c.prepareStatement("select min(d.created_at) from disposition d join call_attempt a on a.id = d.attempt_id "
                     + "where a.campaign_id = ? and a.agent_id is not null and d.created_at > ?")) {
            ps.setLong(1, campaignId);
            ps.setTimestamp(2, java.sql.Timestamp.from(since));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant();
            }
        }
    }

    private static Map<Long, String> sessionStates(Api api) {
        return api.get("/api/agents").array().stream().map(o -> (JsonObject) o)
                .filter(a -> a.getJsonObject("session") != null)
                .collect(Collectors.toMap(a -> a.getLong("id"), a -> a.getJsonObject("session").getString("state")));
    }
}
