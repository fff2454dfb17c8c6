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
    void aSlowConnectThrottlesThePbxToProgressiveAndItRecovers() {
        f.running(1, 200, 0, 1, 2, 3);
        String call = f.nextCall();
        f.person(call);
        // the redirect is acknowledged, but the person is in the bridge only 1.5 s later
        f.advance(Duration.ofMillis(1_500));
        f.joined(call, f.call(call).agentId);
        f.tick();
        assertThat(pacing().reason()).contains("PBX local throttled", "1500 ms after being detected");
        long inFlight = f.engine.flow().all().stream().filter(c -> c.phase() != CallPhase.CONNECTED).count();
        long ready = f.engine.agents().all().stream().filter(s -> s.in(AgentState.READY)).count();
        assertThat(inFlight).as("progressive while throttled: no more calls in flight than ready agents").isLessThanOrEqualTo(ready);

        // healthy for the calm period, then the limit doubles back to the cap
        f.advance(Duration.ofMillis(PbxGovernor.CALM_MILLIS + 12_000));
        assertThat(pacing().reason()).doesNotContain("throttled");
    }
}
