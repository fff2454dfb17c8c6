package dialer.core;

import dialer.ami.testing.AsteriskForTests;
import dialer.core.testing.Api;
import dialer.core.testing.Await;
import dialer.core.testing.SimulatedFloor;
import dialer.core.testing.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dialer stopped on purpose during a predictive campaign, through the real Asterisk: the
 * conversations in progress are not cut, and once they are over no agent's phone leg is left behind.
 */
class GracefulStopIT {

    @Test
    void conversationsFinishAndNoAgentLegIsLeftBehind() throws Exception {
        // agents talk 8 s, so someone is surely talking when the server stops
        TestServer server = TestServer.start(new DialerServer.DemoAgentTiming(Duration.ofSeconds(8), Duration.ofSeconds(8),
                Duration.ofMillis(500)), TestServer.clockAt(ZoneId.of("America/New_York"), LocalTime.of(14, 0)));
        List<Long> agents;
        List<Long> talking;
        CompletableFuture<Void> closing;
        try {
            Api api = server.api();
            long campaignId = SimulatedFloor.predictiveCampaign(api, "Stop", "617", 7000, 40);
            long ready = SimulatedFloor.agent(api, "Stop agent ready", campaignId, true);
            long other = SimulatedFloor.agent(api, "Stop agent two", campaignId, true);
            long paused = SimulatedFloor.agent(api, "Stop agent paused", campaignId, false);
            agents = List.of(ready, other, paused);
            api.expect(200, "/api/campaigns/" + campaignId + "/start", null);
            Map<Long, String> states = Await.until("an agent in a conversation", Duration.ofSeconds(60), () -> sessionStates(api),
                    s -> s.containsValue("ON_CALL"));
            assertThat(legsOf(agents)).as("every agent's phone is in their conference").hasSize(3);
            talking = states.entrySet().stream().filter(e -> "ON_CALL".equals(e.getValue())).map(Map.Entry::getKey).toList();
            assertThat(talking).doesNotContain(paused);
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
        closing = CompletableFuture.runAsync(server::close);
        try {
            Thread.sleep(1_500);
            assertThat(closing).as("the stop waits for the conversations").isNotDone();
            List<String> during = legsOf(agents);
            assertThat(during).as("the paused agent's leg goes at once").noneMatch(leg -> leg.startsWith("dlr-a" + agents.get(2) + "x"));
            assertThat(during).as("the talking agents keep theirs: no conversation is cut")
                    .anySatisfy(leg -> assertThat(talking).anySatisfy(a -> assertThat(leg).startsWith("dlr-a" + a + "x")));
            closing.get(60, java.util.concurrent.TimeUnit.SECONDS);
            List<String> after = Await.until("no agent leg left", Duration.ofSeconds(10), () -> legsOf(agents), List::isEmpty);
            assertThat(after).isEmpty();
        } finally {
            closing.get(60, java.util.concurrent.TimeUnit.SECONDS);
            // leftovers if the test failed: this test's channels only
            for (String line : AsteriskForTests.cli("core show channels concise").split("\n")) {
                String[] f = line.split("!");
                if (f.length > 13 && agents.stream().anyMatch(a -> f[13].startsWith("dlr-a" + a + "x"))) {
                    AsteriskForTests.cli("channel request hangup " + f[0]);
                }
            }
        }
    }

    /** The unique ids of the primary channels of these agents' phone legs ({@code dlr-a<agent>x...-1}). */
    private static List<String> legsOf(List<Long> agents) {
        return Arrays.stream(AsteriskForTests.cli("core show channels concise").split("\n"))
                .map(line -> line.split("!"))
                .filter(f -> f.length > 13)
                .map(f -> f[13].trim())
                .filter(id -> id.endsWith("-1") && agents.stream().anyMatch(a -> id.startsWith("dlr-a" + a + "x")))
                .collect(Collectors.toList());
    }

    private static Map<Long, String> sessionStates(Api api) {
        return api.get("/api/agents").array().stream().map(o -> (JsonObject) o)
                .filter(a -> a.getJsonObject("session") != null)
                .collect(Collectors.toMap(a -> a.getLong("id"), a -> a.getJsonObject("session").getString("state")));
    }
}
