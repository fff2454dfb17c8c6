package dialer.core.recording;

import dialer.ami.CallIds;
import dialer.ami.OriginateRequest;
import dialer.core.call.PlacedCall;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The notice's call: a Local channel of its own, never taken for the callee's call, an agent's leg or a supervisor's. */
class RecordingNoticeTest {

    @Test
    void theNoticeIsACallOfItsOwnIntoTheCallsConference() {
        OriginateRequest r = RecordingNotice.request(42, "agent-7001", "custom/call-recorded");
        assertThat(r.callId()).isEqualTo("ntc42");
        assertThat(r.dialString()).isEqualTo("Local/s@dialer-recording-notice/n");
        assertThat(r.answeredAt().context()).isEqualTo("dialer-notice-join");
        assertThat(r.detectMachine()).as("an answer is the notice playing: no machine detection").isFalse();
        assertThat(r.variables()).containsEntry("DIALER_NOTICE", "custom/call-recorded").containsEntry("DIALER_NOTICE_CONF", "agent-7001")
                .containsEntry("DIALER_ROLE", "notice");
        // the engine's parts know other ids only: callees c<attempt>, agents' legs a<agent>x..., supervisors spy...
        assertThat(PlacedCall.attemptIdOf(r.callId())).isNull();
        assertThat(r.callId()).doesNotStartWith("spy").doesNotStartWith("a").doesNotStartWith("c");
        assertThat(CallIds.callIdOf(r.channelId())).contains("ntc42");
        assertThat(r.channelId()).isNotEqualTo(CallIds.channelId(PlacedCall.callIdOf(42)));
    }

    @Test
    void nothingButAConferenceAndASoundNameReachesTheDialplan() {
        assertThatThrownBy(() -> RecordingNotice.request(1, "agent-1,dialer_agent", "beep")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordingNotice.request(1, "agent-1", "/etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordingNotice.request(1, "agent-1", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
