package dialer.core.engine;

import dialer.ami.CallEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asterisk restarted under a running engine, as the bridge reports it: the agents' legs hang up,
 * Asterisk says it is going down, the link drops and comes back. Asterisk takes AMI logins before
 * its dialplan is loaded, so the first calls back into the conferences may be refused.
 */
class PbxRestartTest {

    private final EngineFixture f = new EngineFixture();

    private void restart() {
        for (var o : List.copyOf(f.pbx.originates)) {
            if (o.callId().startsWith("a")) {
                f.hungUp(o.callId());
            }
        }
        f.emit(new CallEvent.ShuttingDown(true, f.clock.instant()));
        f.emit(new CallEvent.ConnectionLost("socket closed", f.clock.instant()));
        f.advance(Duration.ofSeconds(1));
    }

    @Test
    void phonesRungBackBeforeTheDialplanIsLoadedAreRungAgainUntilTheyAreThere() {
        f.addCampaign(1, dialer.core.campaign.DialMode.PREDICTIVE, 0);
        f.login(1, 1, true);
        f.login(2, 1, false);
        restart();

        f.pbx.refuseOriginates = true;
        int before = f.pbx.originates.size();
        f.emit(new CallEvent.Resynchronized(List.of(), f.clock.instant()));
        assertThat(f.session(1)).as("a refused ring does not log the agent out").isNotNull();
        assertThat(f.session(2)).isNotNull();
        f.advance(Duration.ofMillis(AgentPhones.RING_AGAIN_MILLIS));
        assertThat(f.session(1)).isNotNull();

        f.pbx.refuseOriginates = false;
        f.advance(Duration.ofMillis(AgentPhones.RING_AGAIN_MILLIS));
        List<String> rungAgain = f.pbx.originates.subList(before, f.pbx.originates.size()).stream()
                .map(o -> o.callId()).toList();
        assertThat(rungAgain).hasSize(2);
        for (String leg : rungAgain) {
            f.emit(new CallEvent.Outcome(leg, dialer.ami.CallOutcome.ANSWERED_HUMAN, 4, 0, null, f.clock.instant()));
        }
        assertThat(f.status(1).state()).isEqualTo(AgentState.READY);
        assertThat(f.status(2).state()).isEqualTo(AgentState.PAUSED);
    }

    @Test
    void aPhoneThatCannotBeRungBackForLongEndsItsSessionInTheEnd() {
        f.addCampaign(1, dialer.core.campaign.DialMode.PREDICTIVE, 0);
        f.login(1, 1, true);
        restart();
        f.pbx.refuseOriginates = true;
        f.emit(new CallEvent.Resynchronized(List.of(), f.clock.instant()));
        f.advance(Duration.ofMillis(AgentPhones.RING_AGAIN_MILLIS * (AgentPhones.MAX_RINGS_AGAIN + 1)));
        assertThat(f.session(1)).isNull();
    }
}
