package dialer.core.engine;

import dialer.ami.CallEvent;
import dialer.ami.CallOutcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server stops on purpose (an upgrade, the end of the day): no agent's phone is left in its
 * conference for nobody, the sessions stay recorded for the next start, no conversation is cut, and
 * nobody who answers a call already placed is abandoned for the stop.
 */
class GracefulStopTest {

    private final EngineFixture f = new EngineFixture();

    private static String leg(String callId) {
        return "dlr-" + callId + "-1";
    }

    @Test
    void legsAreHungUpAsTheirAgentsStopBeingNeededAndTheSessionsKept() {
        f.running(1, 10, 0, 1, 2);
        f.login(3, 1, false);
        String talking = f.conversationWith(1);
        String ringing = f.nextCall();
        String legOf1 = f.session(1).legCallId;
        String legOf2 = f.session(2).legCallId;
        String legOf3 = f.session(3).legCallId;
        f.pbx.hangups.clear();

        var stopped = f.engine.stop();
        f.advance(Duration.ofMillis(GracefulStop.SWEEP_MILLIS));
        assertThat(f.pbx.hangups).as("agent 3 is paused: not needed; agent 2 may be needed by the call still ringing")
                .containsExactly(leg(legOf3));
        int placed = f.pbx.calleeCalls().size();

        // the ringing call is answered by a person: connected to agent 2 as usual, not abandoned for the stop
        f.person(ringing);
        f.joined(ringing, 2);
        assertThat(f.status(2).state()).isEqualTo(AgentState.ON_CALL);
        f.advance(Duration.ofSeconds(2));
        assertThat(f.pbx.hangups).doesNotContain(leg(legOf1), leg(legOf2), leg(talking), leg(ringing));

        // the conversations end by themselves: each agent's leg goes as theirs ends
        f.hungUp(talking);
        f.advance(Duration.ofMillis(GracefulStop.SWEEP_MILLIS));
        assertThat(f.pbx.hangups).contains(leg(legOf1)).doesNotContain(leg(legOf2));
        assertThat(stopped.isComplete()).isFalse();
        f.hungUp(ringing);
        f.advance(Duration.ofMillis(GracefulStop.SWEEP_MILLIS));
        assertThat(f.pbx.hangups).containsExactlyInAnyOrder(leg(legOf3), leg(legOf1), leg(legOf2));
        f.await(stopped);

        // Asterisk reports the hang-ups it was asked for: the sessions stay, for the next start
        for (String legId : new String[] {legOf1, legOf2, legOf3}) {
            f.emit(new CallEvent.HungUp(legId, leg(legId), 16, f.clock.instant()));
        }
        f.advance(Duration.ofMillis(AgentPhones.LEG_GRACE_MILLIS * 2));
        assertThat(f.status(3).state()).isEqualTo(AgentState.PAUSED);
        assertThat(f.status(1).state()).isEqualTo(AgentState.WRAP_UP);
        assertThat(f.pbx.calleeCalls()).as("nothing is dialed once stopping").hasSize(placed);
    }

    @Test
    void aConversationStillGoingAtTheLimitKeepsItsLegForTheNextStart() {
        f.running(1, 10, 0, 1);
        String talking = f.conversationWith(1);
        String legOf1 = f.session(1).legCallId;
        f.pbx.hangups.clear();

        var stopped = f.engine.stop();
        f.advance(Duration.ofMillis(GracefulStop.DRAIN_MILLIS + GracefulStop.SWEEP_MILLIS));
        f.await(stopped);
        assertThat(f.pbx.hangups).as("the conversation is not cut").doesNotContain(leg(legOf1), leg(talking));
        assertThat(f.status(1).state()).isEqualTo(AgentState.ON_CALL);
        // but the leg is told to end with the conversation rather than wait for a server that is gone
        assertThat(f.pbx.variablesSet).containsExactly(leg(legOf1) + " DIALER_LEG_AFTER_CALL=hangup");
    }

    @Test
    void atTheLimitAnAgentKeptReadyForACallStillRingingIsReleased() {
        f.running(1, 10, 0, 1, 2);
        String talking = f.conversationWith(1);
        String ringing = f.nextCall();
        String legOf1 = f.session(1).legCallId;
        String legOf2 = f.session(2).legCallId;
        f.pbx.hangups.clear();

        var stopped = f.engine.stop();
        f.advance(Duration.ofMillis(GracefulStop.DRAIN_MILLIS - GracefulStop.SWEEP_MILLIS));
        assertThat(f.pbx.hangups).as("agent 2 may still be needed by the call ringing").doesNotContain(leg(legOf2));
        f.advance(Duration.ofMillis(2 * GracefulStop.SWEEP_MILLIS));
        f.await(stopped);
        assertThat(f.pbx.hangups).as("at the limit: the ready agent's leg goes, the conversation stays")
                .contains(leg(legOf2)).doesNotContain(leg(legOf1), leg(talking), leg(ringing));
    }
}
