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
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dialer stopped on purpose during a predictive campaign, through the real Asterisk: the phone
 * legs of agents not in a conversation are hung up (no agent left in a conference for nobody), and
 * a conversation in progress is not cut.
 */
class GracefulStopIT {

    @Test
    void noIdleAgentLegIsLeftBehindAndNoConversationIsCut() {
        // agents talk 40 s, so one is surely talking when the server stops
        TestServer server = TestServer.start(new DialerServer.DemoAgentTiming(Duration.ofSeconds(40), Duration.ofSeconds(40),
                Duration.ofMillis(500)), TestServer.clockAt(ZoneId.of("America/New_York"), LocalTime.of(14, 0)));
        List<String> leftAfter;
        List<Long> talking;
        List<Long> agents;
        long paused;
        try {
            Api api = server.api();
            long campaignId = SimulatedFloor.predictiveCampaign(api, "Stop", "617", 7000, 40);
            long ready = SimulatedFloor.agent(api, "Stop agent ready", campaignId, true);
            long other = SimulatedFloor.agent(api, "Stop agent two", campaignId, true);
            paused = SimulatedFloor.agent(api, "Stop agent paused", campaignId, false);
            agents = List.of(ready, other, paused);
            api.expect(200, "/api/campaigns/" + campaignId + "/start", null);
            Map<Long, String> states = Await.until("an agent in a conversation", Duration.ofSeconds(60), () -> sessionStates(api),
                    s -> s.containsValue("ON_CALL"));
            assertThat(legsOf(agents)).as("every agent's phone is in their conference").hasSize(3);
            states = sessionStates(api);
            talking = states.entrySet().stream().filter(e -> "ON_CALL".equals(e.getValue())).map(Map.Entry::getKey).toList();
        } finally {
            server.close();
        }
        try {
            leftAfter = Await.until("the idle agents' legs hung up", Duration.ofSeconds(10), () -> legsOf(agents),
                    l -> l.size() <= talking.size());
            assertThat(talking).as("someone was talking to a debtor at the stop").isNotEmpty().doesNotContain(paused);
            assertThat(leftAfter).as("only the legs of agents " + talking + ", who are talking to a debtor")
                    .hasSize(talking.size()).allSatisfy(leg -> assertThat(talking).anySatisfy(a -> assertThat(leg).startsWith("dlr-a" + a + "x")));
        } finally {
            // the test's own leftovers: the conversation and its agent's leg
            for (String line : AsteriskForTests.cli("core show channels concise").split("\n")) {
                String[] f = line.split("!");
                if (f.length > 13 && (talking.stream().anyMatch(a -> f[13].startsWith("dlr-a" + a + "x")) || f[13].startsWith("dlr-c"))) {
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
