package dialer.core.monitor;

import dialer.ami.CallEvent;
import dialer.ami.CallOutcome;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Only supervisors' calls (and the PBX's own news) reach the listening-in's context: callees' events cost nothing. */
class MonitoringEventsTest {

    private static final Instant AT = Instant.parse("2026-03-02T14:00:00Z");

    @Test
    void supervisorsCallsAndThePbxsNewsConcernIt() {
        assertThat(Monitoring.concerns(new CallEvent.HungUp("spy3xabc", "dlr-spy3xabc-1", 16, AT))).isTrue();
        assertThat(Monitoring.concerns(new CallEvent.Outcome("spy3xabc", CallOutcome.ANSWERED_HUMAN, 4, 0, "", AT))).isTrue();
        assertThat(Monitoring.concerns(new CallEvent.Resynchronized(List.of(), AT))).isTrue();
        assertThat(Monitoring.concerns(new CallEvent.ShuttingDown(false, AT))).isTrue();
    }

    @Test
    void calleesAndAgentsLegsDoNot() {
        assertThat(Monitoring.concerns(new CallEvent.HungUp("c42", "dlr-c42-1", 16, AT))).isFalse();
        assertThat(Monitoring.concerns(new CallEvent.HungUp("a7xk2j1", "dlr-a7xk2j1-1", 16, AT))).isFalse();
        assertThat(Monitoring.concerns(new CallEvent.Outcome("a7xk2j1", CallOutcome.ANSWERED_HUMAN, 4, 0, "", AT))).isFalse();
        assertThat(Monitoring.concerns(new CallEvent.Answered("spy3xabc", AT))).as("the outcome says it").isFalse();
        assertThat(Monitoring.concerns(new CallEvent.Ringing("spy3xabc", AT))).isFalse();
        assertThat(Monitoring.isSupervisorCall(null)).isFalse();
    }
}
