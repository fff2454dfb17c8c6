package dialer.core;

import dialer.core.testing.Api;
import dialer.core.testing.Await;
import dialer.core.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A predictive campaign through the real Asterisk with simulated callees and agents: it warms up
 * progressively, then over-dials; its measured abandonment is reported; and every callee it
 * abandons hears the safe-harbor message.
 */
class PredictiveIT {

    private static TestServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        server = TestServer.start(new DialerServer.DemoAgentTiming(Duration.ofSeconds(3), Duration.ofSeconds(6), Duration.ofSeconds(1)),
                TestServer.clockAt(ZoneId.of("America/New_York"), LocalTime.of(14, 0)));
        api = server.api();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aPredictiveCampaignOverDialsReportsItsAbandonmentAndAbandonedCalleesHearTheMessage() throws Exception {
        long campaignId = api.expect(201, "/api/campaigns", new JsonObject().put("name", "Predictive " + System.nanoTime())
                .put("dialMode", "PREDICTIVE").put("simulatedCallees", true).put("ringTimeoutSeconds", 8)).getLong("id");
        StringBuilder csv = new StringBuilder("id,name,phone,phone_type,amount,days_overdue\n");
        String[] areas = {"212", "646", "718", "917", "215", "404", "305", "202"};
        Random random = new Random(11);
        for (int i = 0; i < 600; i++) {
            csv.append("PR-").append(i).append(",Debtor ").append(i).append(",+1").append(areas[i % areas.length]).append("55501")
                    .append(String.format("%02d", random.nextInt(100))).append(",HOME,").append(1000 - i).append(",30\n");
        }
        assertThat(api.postRaw("/api/campaigns/" + campaignId + "/leads", "text/csv", csv.toString()).json().getInteger("accepted"))
                .isGreaterThan(500);
        List<Long> agents = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            long agent = api.expect(201, "/api/agents", new JsonObject().put("name", "Agent " + i).put("simulated", true)
                    .put("extension", String.valueOf(ThreadLocalRandom.current().nextInt(10_000, 99_999)))).getLong("id");
            api.expect(200, "/api/agents/" + agent + "/login", new JsonObject().put("campaignId", campaignId).put("ready", true));
            agents.add(agent);
        }
        api.expect(200, "/api/campaigns/" + campaignId + "/start", null);

        JsonObject warm = Await.until("the pacer warmed up on live data", Duration.ofSeconds(180),
                () -> api.get("/api/campaigns/" + campaignId).json(),
                c -> c.getJsonObject("pacing") != null && c.getJsonObject("pacing").getBoolean("warmedUp"));
        System.out.println("predictive: warmed up; " + warm.getJsonObject("pacing").encode());
        // warmed up, it over-dials: more lines than agents (progressive never places more)
        JsonObject running = Await.until("predictive dialing", Duration.ofSeconds(90),
                () -> api.get("/api/campaigns/" + campaignId).json(),
                c -> c.getJsonObject("pacing").getDouble("maxLinesPerAgent") > 1.0);
        JsonObject measured = running.getJsonObject("abandonment");
        System.out.println("predictive: measured abandonment " + measured.encode());
        System.out.println("predictive: pacing " + running.getJsonObject("pacing").encode());
        assertThat(running.getJsonObject("pacing").getDouble("maxLinesPerAgent"))
                .as("predictive places more calls than there are free agents").isGreaterThan(1.0);

        // stopped and started again, the campaign's pacer starts from the estimates of its stored calls
        // (PacerWarmStart): it dials predictively (more lines than agents, which progressive never
        // does) within its first minute instead of warming up progressively again
        // the pacer can over-dial the moment it warms up; what a restart learns from is what is stored by then:
        // wait until the stored calls hold more than a warm-up needs (20 live answers, 100 resolved dials and 10
        // calls through talk and wrap-up) before stopping
        Await.until("enough stored calls to warm a restart", Duration.ofSeconds(90), () -> storedForWarmStart(campaignId),
                n -> n[0] >= 130 && n[1] >= 30 && n[2] >= 15);
        api.expect(200, "/api/campaigns/" + campaignId + "/stop", null);
        Thread.sleep(2_000);
        long startedAgain = System.nanoTime();
        api.expect(200, "/api/campaigns/" + campaignId + "/start", null);
        assertThat(api.get("/api/campaigns/" + campaignId).json().getJsonObject("pacing").getBoolean("warmedUp"))
                .as("warm at once from the stored calls").isTrue();
        JsonObject predicting = Await.until("predictive dialing after the restart", Duration.ofSeconds(60),
                () -> api.get("/api/campaigns/" + campaignId).json().getJsonObject("pacing"),
                p -> p.getDouble("maxLinesPerAgent") > 1.0);
        System.out.println("predictive: started again, more lines than agents after "
                + Duration.ofNanos(System.nanoTime() - startedAgain).toMillis() + " ms; " + predicting.encode());

        // every agent pauses while calls ring: the people who answer now get no agent
        for (long agent : agents) {
            api.expect(200, "/api/agents/" + agent + "/pause", new JsonObject().put("reason", "test"));
        }
        JsonArray abandonedCalls = Await.until("an abandoned call whose message has ended", Duration.ofSeconds(60),
                () -> abandoned(campaignId), a -> !a.isEmpty() && a.stream().anyMatch(x -> ((JsonObject) x).getString("safeHarbor") != null));
        api.expect(200, "/api/campaigns/" + campaignId + "/stop", null);
        // calls still ringing or in their message when the campaign stopped may be abandoned too: wait until
        // every call has ended and every abandoned callee's message has ended
        Await.until("every call of the campaign ended", Duration.ofSeconds(90),
                () -> api.get("/api/campaigns/" + campaignId + "/attempts?limit=2000").array(),
                a -> a.stream().allMatch(x -> "ENDED".equals(((JsonObject) x).getString("state"))));
        JsonArray finalAbandoned = Await.until("every abandoned callee's message ended", Duration.ofSeconds(60),
                () -> abandoned(campaignId), a -> a.stream().allMatch(x -> ((JsonObject) x).getString("safeHarbor") != null));
        assertThat(finalAbandoned).isNotEmpty();
        // simulated people whose number ends in 8 hang up 4 s after their greeting, during the 9 s message;
        // the others stay on the line and hear all of it
        for (Object o : finalAbandoned) {
            JsonObject attempt = (JsonObject) o;
            String expected = attempt.getString("phone").endsWith("8") ? "INTERRUPTED" : "PLAYED";
            assertThat(attempt.getString("safeHarbor")).as("safe-harbor message of attempt %s", attempt.getLong("id"))
                    .isEqualTo(expected);
        }

        JsonObject stats = api.get("/api/campaigns/" + campaignId).json().getJsonObject("abandonment");
        try (var c = server.server().dataSource().getConnection(); var s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) filter (where a.outcome in ('ANSWERED_HUMAN','ABANDONED')), "
                     + "count(*) filter (where d.code = 'ABANDONED'), count(*) filter (where a.abandoned_at is not null), "
                     + "count(*) filter (where d.code = 'ABANDONED' and a.abandoned_at is null) "
                     + "from call_attempt a left join disposition d on d.attempt_id = a.id "
                     + "where a.campaign_id = " + campaignId)) {
            rs.next();
            assertThat(stats.getJsonObject("rolling30Days").getLong("liveAnswered")).isEqualTo(rs.getLong(1));
            // a person the dialplan gave up on counts as abandoned from that moment; once every call has ended
            // each of them carries the ABANDONED disposition, except one an agent picked up during the message
            assertThat(rs.getLong(4)).as("abandoned dispositions without the moment of abandonment").isZero();
            assertThat(stats.getJsonObject("rolling30Days").getLong("abandoned")).isEqualTo(rs.getLong(3))
                    .isGreaterThanOrEqualTo(rs.getLong(2));
            assertThat(rs.getLong(2)).isEqualTo(finalAbandoned.size());
        }
        assertThat(stats.getDouble("cap")).isEqualTo(0.03);
        assertThat(stats.getDouble("amdFalsePositiveRate")).as("none expected unless the campaign says so").isZero();

        // the campaign's machine detection is audited at 1% false positives: the abandonment with them is shown
        Api.Reply audited = api.patch("/api/campaigns/" + campaignId, new JsonObject().put("amdFalsePositiveRate", 0.01));
        assertThat(audited.status()).as(audited.body()).isEqualTo(200);
        JsonObject withFalsePositives = api.get("/api/campaigns/" + campaignId).json().getJsonObject("abandonment");
        assertThat(withFalsePositives.getDouble("amdFalsePositiveRate")).isEqualTo(0.01);
        JsonObject rolling = withFalsePositives.getJsonObject("rolling30Days");
        assertThat(rolling.getDouble("withAmdFalsePositives")).isCloseTo(0.01 + 0.99 * rolling.getDouble("rate"),
                org.assertj.core.data.Offset.offset(1e-9));
        Api.Reply tooMany = api.patch("/api/campaigns/" + campaignId, new JsonObject().put("amdFalsePositiveRate", 0.03));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body()).contains("amdFalsePositiveRate");

        // every person connected today has their wait from detection to the agent's conference stored,
        // and the dashboard's connect figures are those of the stored waits
        JsonObject connect = api.get("/api/campaigns/" + campaignId).json().getJsonObject("connectDelay");
        System.out.println("predictive: connect delay today " + connect.encode());
        try (var c = server.server().dataSource().getConnection(); var s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) filter (where connected_at is not null), count(connect_ms), "
                     + "max(connect_ms), min(connect_ms) from call_attempt where campaign_id = " + campaignId)) {
            rs.next();
            assertThat(rs.getLong(1)).as("people connected").isPositive();
            assertThat(rs.getLong(2)).as("connected with their wait stored").isEqualTo(rs.getLong(1));
            assertThat(connect.getLong("connected")).isEqualTo(rs.getLong(2));
            assertThat(connect.getLong("maxMs")).isEqualTo(rs.getLong(3));
            assertThat(rs.getLong(4)).as("shortest wait").isNotNegative();
            // the dialplan gives up on a person after 1.2 s (a redirect already on its way may still land)
            assertThat(rs.getLong(3)).as("longest wait").isLessThan(2_000);
            assertThat(connect.getLong("p50Ms")).isLessThanOrEqualTo(connect.getLong("p99Ms"));
            assertThat(connect.getLong("p99Ms")).isLessThanOrEqualTo(connect.getLong("maxMs"));
            assertThat(connect.getLong("overTwoSeconds")).isZero();
        }

        // started again, the pacer holds itself to the day's and the 30 days' abandonment so far (its
        // windows start from the stored calls, not from zero), and its estimates start from the calls
        // of the last hour: it predicts at once instead of dialing progressively (PacerWarmStart)
        api.expect(200, "/api/campaigns/" + campaignId + "/start", null);
        JsonObject again = api.get("/api/campaigns/" + campaignId).json();
        JsonObject counted = again.getJsonObject("pacing").getJsonObject("counted");
        System.out.println("predictive: started again; the pacer counts " + counted.encode());
        for (String window : List.of("today", "rolling30Days")) {
            assertThat(counted.getJsonObject(window).getLong("abandoned")).as("abandoned " + window)
                    .isEqualTo(again.getJsonObject("abandonment").getJsonObject(window).getLong("abandoned"))
                    .isPositive();
            assertThat(counted.getJsonObject(window).getLong("liveAnswered")).as("live answers " + window)
                    .isEqualTo(again.getJsonObject("abandonment").getJsonObject(window).getLong("liveAnswered"));
        }
        assertThat(again.getJsonObject("pacing").getBoolean("warmedUp")).as("warm from the calls of the last hour").isTrue();
        api.expect(200, "/api/campaigns/" + campaignId + "/stop", null);
        String metrics = api.get("/metrics").body();
        assertThat(metrics).contains("dialer_calls_abandoned_total{campaign=\"" + campaignId + "\"}");
        for (long agent : agents) {
            api.post("/api/agents/" + agent + "/logout", null);
        }
    }

    private static JsonArray abandoned(long campaignId) {
        JsonArray out = new JsonArray();
        api.get("/api/campaigns/" + campaignId + "/attempts?limit=2000").array().stream().map(o -> (JsonObject) o)
                .filter(a -> a.getJsonObject("disposition") != null && "ABANDONED".equals(a.getJsonObject("disposition").getString("code")))
                .forEach(out::add);
        return out;
    }

    /** The campaign's ended paced calls, those answered by a person, and those an agent disposed (what a warm start reads). */
    private static long[] storedForWarmStart(long campaignId) {
        try (var c = server.server().dataSource().getConnection(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("select count(*), count(*) filter (where a.outcome = 'ANSWERED_HUMAN'),"
                     + " count(*) filter (where a.connected_at is not null and d.attempt_id is not null)"
                     + " from call_attempt a left join disposition d on d.attempt_id = a.id"
                     + " where a.state = 'ENDED' and a.call_path in ('AUTOMATIC', 'RETRY', 'CALLBACK') and a.campaign_id = " + campaignId)) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
