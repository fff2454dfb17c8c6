package dialer.core.engine;

import dialer.ami.CallEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server stops on purpose (an upgrade, the end of the day): no agent's phone is left in its
 * conference for nobody, the sessions stay recorded for the next start, and a conversation in
 * progress is not cut.
 */
class GracefulStopTest {

    private final EngineFixture f = new EngineFixture();

    @Test
    void theLegsOfAgentsNotTalkingAreHungUpAndTheirSessionsKept() {
        f.running(1, 10, 0, 1, 2);
        f.login(3, 1, false);
        String talking = f.conversationWith(1);
        String legOf2 = f.session(2).legCallId;
        String legOf3 = f.session(3).legCallId;
        String legOf1 = f.session(1).legCallId;
        f.pbx.hangups.clear();

        f.await(f.engine.stop());

        assertThat(f.pbx.hangups).as("agents 2 (ready) and 3 (paused); agent 1 is talking to a debtor")
                .containsExactlyInAnyOrder("dlr-" + legOf2 + "-1", "dlr-" + legOf3 + "-1");
        // Asterisk reports the hang-ups it was asked for: the sessions stay as they were, for the next start
        f.emit(new CallEvent.HungUp(legOf2, "dlr-" + legOf2 + "-1", 16, f.clock.instant()));
        f.emit(new CallEvent.HungUp(legOf3, "dlr-" + legOf3 + "-1", 16, f.clock.instant()));
        f.advance(java.time.Duration.ofMillis(AgentPhones.LEG_GRACE_MILLIS * 2));
        assertThat(f.status(2).state()).isEqualTo(AgentState.READY);
        assertThat(f.status(3).state()).isEqualTo(AgentState.PAUSED);
        assertThat(f.status(1).state()).isEqualTo(AgentState.ON_CALL);
        assertThat(f.pbx.hangups).as("the conversation goes on").doesNotContain("dlr-" + talking + "-1", "dlr-" + legOf1 + "-1");
        int placed = f.pbx.calleeCalls().size();
        f.advance(java.time.Duration.ofSeconds(5));
        assertThat(f.pbx.calleeCalls()).as("nothing is dialed once stopping").hasSize(placed);
    }
}
