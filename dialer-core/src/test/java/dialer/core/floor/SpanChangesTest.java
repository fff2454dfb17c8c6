package dialer.core.floor;

import dialer.core.engine.AgentState;
import dialer.core.engine.AgentStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SpanChangesTest {

    static AgentStatus status(long agent, Long campaign, AgentState state, String reason, Instant since, Long attempt) {
        return new AgentStatus(agent, "Agent " + agent, "10" + agent, "local", true, campaign, state, since, reason, attempt,
                null, null, null, null, false, false, false, false);
    }

    private final SpanChanges changes = new SpanChanges();
    private final Instant t0 = Instant.parse("2026-12-06T14:00:00Z");

    @Test
    void aNewStateStartsASpanAtTheEnginesTimeOfTheChange() {
        SpanChange c = changes.of(status(1, 7L, AgentState.READY, null, t0, null));
        assertThat(c).isEqualTo(new SpanChange(1, 7L, AgentState.READY, null, t0));
        assertThat(c.startsSpan()).isTrue();
    }

    @Test
    void otherChangesOfTheSameSessionStartNoSpan() {
        changes.of(status(1, 7L, AgentState.RESERVED, null, t0, 10L));
        // the engine tells the attempt again (the person is on the way): same state, no new span
        assertThat(changes.of(status(1, 7L, AgentState.RESERVED, null, t0, 10L))).isNull();
        assertThat(changes.of(status(1, 7L, AgentState.ON_CALL, null, t0.plusSeconds(2), 10L)).state()).isEqualTo(AgentState.ON_CALL);
    }

    @Test
    void aNewPauseReasonIsANewSpanAndTheReasonIsKeptOnlyForPauses() {
        changes.of(status(1, 7L, AgentState.PAUSED, "lunch", t0, null));
        assertThat(changes.of(status(1, 7L, AgentState.PAUSED, "lunch", t0, null))).isNull();
        assertThat(changes.of(status(1, 7L, AgentState.PAUSED, "training", t0.plusSeconds(60), null)).pauseReason()).isEqualTo("training");
        assertThat(changes.of(status(1, 7L, AgentState.READY, "training", t0.plusSeconds(90), null)).pauseReason()).isNull();
    }

    @Test
    void loggingOutEndsTheSpanOnceAndAnAgentNeverSeenLoggedInStartsNothing() {
        assertThat(changes.of(status(2, null, AgentState.LOGGED_OUT, null, t0, null))).isNull();
        changes.of(status(1, 7L, AgentState.READY, null, t0, null));
        SpanChange out = changes.of(status(1, 7L, AgentState.LOGGED_OUT, null, t0.plusSeconds(5), null));
        assertThat(out.startsSpan()).isFalse();
        assertThat(out.campaignId()).isNull();
        assertThat(changes.of(status(1, null, AgentState.LOGGED_OUT, null, t0.plusSeconds(6), null))).isNull();
    }

    @Test
    void agentsAreTrackedApart() {
        changes.of(status(1, 7L, AgentState.READY, null, t0, null));
        assertThat(changes.of(status(2, 7L, AgentState.READY, null, t0, null))).isNotNull();
        assertThat(changes.of(status(1, 8L, AgentState.READY, null, t0, null))).as("another campaign").isNotNull();
    }
}
