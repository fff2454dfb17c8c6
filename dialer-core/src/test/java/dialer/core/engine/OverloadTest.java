package dialer.core.engine;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A PBX that turns slow (a person reaches the agent's bridge late) holds the campaign's dialing
 * down on it, progressive, and says so, until it has been healthy again for a while.
 */
class OverloadTest {

    private final EngineFixture f = new EngineFixture();

    private DialerEngine.PacingState pacing() {
        return f.await(f.engine.pacingState(1)).orElseThrow();
    }

    @Test
    void aPersonWaitingForAFreeAgentIsNotASlowPbx() {
        f.running(1, 200, 0, 1, 2);
        String first = f.nextCall();
        String second = f.nextCall();
        f.person(first);
        long talking = f.call(first).agentId;
        f.joined(first, talking);
        long other = talking == 1 ? 2 : 1;
        f.await(f.engine.pause(other, "coffee"));
        // nobody is free: the second person waits 1.5 s, then is sent to the agent who frees up and joins at once
        f.person(second);
        f.advance(Duration.ofMillis(1_500));
        assertThat(f.call(second).agentId).as("still waiting").isNull();
        f.hungUp(first);
        f.await(f.engine.disposition(EngineFixture.attemptOf(first), new dialer.core.call.DispositionRequest(talking, "RPC", null, null, null)));
        assertThat(f.call(second).agentId).as("sent to the agent now free").isEqualTo(talking);
        f.joined(second, talking);
        f.tick();
        assertThat(pacing().reason()).doesNotContain("throttled");
    }

    @Test
    void aPersonAbandonedOnTheWayToTheirAgentThrottlesThePbx() {
        f.running(1, 200, 0, 1, 2, 3);
        String call = f.nextCall();
        f.person(call);
        assertThat(f.call(call).phase()).isEqualTo(CallPhase.CONNECTING);
        // the redirect was sent, but the hold timer ran out before the person reached the bridge
        f.advance(Duration.ofMillis(1_200));
        f.abandonedByDialplan(call);
        f.tick();
        assertThat(pacing().reason()).contains("PBX local throttled", "abandoned on the way to their agent");
    }

    @Test
    void aThrottledPbxRecoversOnAServerWhoseBusinessClockIsSetApart() {
        EngineFixture apart = new EngineFixture(x -> { }, Duration.ofHours(2));
        slowConnect(apart);
        assertThat(apart.await(apart.engine.pacingState(1)).orElseThrow().reason()).contains("PBX local throttled");
        apart.advance(Duration.ofMillis(PbxGovernor.CALM_MILLIS + 60_000));
        assertThat(apart.await(apart.engine.pacingState(1)).orElseThrow().reason()).doesNotContain("throttled");
    }

    @Test
    void aSlowConnectThrottlesThePbxToProgressiveAndItRecovers() {
        java.util.List<String> limits = new java.util.concurrent.CopyOnWriteArrayList<>();
        f.engine.addListener(new EngineListener() {
            @Override
            public void pbxLimitChanged(String pbx, int limit, String throttled) {
                limits.add(pbx + " " + limit + (throttled == null ? "" : " held"));
            }
        });
        slowConnect(f);
        assertThat(pacing().reason()).contains("PBX local throttled", "bridge 1500 ms after being sent there");
        long inFlight = f.engine.flow().all().stream().filter(c -> c.phase() != CallPhase.CONNECTED).count();
        long ready = f.engine.agents().all().stream().filter(s -> s.in(AgentState.READY)).count();
        assertThat(inFlight).as("progressive while throttled: no more calls in flight than ready agents").isLessThanOrEqualTo(ready);

        // healthy for the calm period, then the limit climbs back to the cap, a tenth a second
        f.advance(Duration.ofMillis(PbxGovernor.CALM_MILLIS + 60_000));
        assertThat(pacing().reason()).doesNotContain("throttled");
        // what the metrics show (dialer_pbx_call_limit, dialer_pbx_throttled): held down, then the cap again
        assertThat(limits).anyMatch(l -> l.endsWith(" held"));
        assertThat(limits.get(limits.size() - 1)).isEqualTo("local " + PbxLimits.DEFAULT.maxCalls());
    }

    /** A campaign whose first person is in the agent's bridge 1.5 s after the redirect (acknowledged in time). */
    private static void slowConnect(EngineFixture x) {
        x.running(1, 200, 0, 1, 2, 3);
        String call = x.nextCall();
        x.person(call);
        x.advance(Duration.ofMillis(1_500));
        x.joined(call, x.call(call).agentId);
        x.tick();
    }
}
