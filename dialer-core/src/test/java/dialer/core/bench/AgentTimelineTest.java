package dialer.core.bench;

import dialer.core.engine.AgentState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AgentTimelineTest {

    private static AgentTimeline.Change at(long agent, long millis, AgentState state) {
        return new AgentTimeline.Change(agent, millis, state);
    }

    @Test
    void talkAndWrapUpOverLoggedInTimeWithinTheWindow() {
        List<AgentTimeline.Change> changes = List.of(
                at(1, 0, AgentState.READY),
                at(2, 0, AgentState.READY),
                at(1, 5_000, AgentState.RESERVED),
                at(1, 5_500, AgentState.ON_CALL),
                at(2, 8_000, AgentState.PAUSED),
                at(1, 20_000, AgentState.WRAP_UP),
                at(2, 25_000, AgentState.LOGGED_OUT),
                at(1, 26_000, AgentState.READY));
        // window [10 s, 30 s): agent 1 talks 10 s, wraps 6 s, is logged in 20 s; agent 2 paused 15 s, then out
        AgentTimeline.Occupancy o = AgentTimeline.over(changes, 10_000, 30_000);
        assertThat(o.loggedInMillis()).isEqualTo(35_000);
        assertThat(o.talkMillis()).isEqualTo(10_000);
        assertThat(o.wrapMillis()).isEqualTo(6_000);
        assertThat(o.occupancy()).isCloseTo(16 / 35.0, within(1e-9));
    }

    @Test
    void reservedCountsAsTalkAndTheLastStateLastsToTheWindowsEnd() {
        AgentTimeline.Occupancy o = AgentTimeline.over(List.of(at(1, 0, AgentState.CONNECTING), at(1, 1_000, AgentState.READY),
                at(1, 2_000, AgentState.RESERVED), at(1, 2_400, AgentState.ON_CALL)), 0, 10_000);
        assertThat(o.loggedInMillis()).isEqualTo(10_000);
        assertThat(o.talkMillis()).isEqualTo(8_000);
        assertThat(o.wrapMillis()).isZero();
    }

    @Test
    void noAgentNoOccupancy() {
        assertThat(AgentTimeline.over(List.of(), 0, 1_000).occupancy()).isZero();
    }

    @Test
    void recordedChangesAreCounted() {
        AgentTimeline timeline = new AgentTimeline();
        timeline.record(at(3, 0, AgentState.READY));
        timeline.record(at(3, 4_000, AgentState.WRAP_UP));
        assertThat(timeline.over(0, 8_000)).isEqualTo(new AgentTimeline.Occupancy(8_000, 0, 4_000));
    }
}
