package dialer.ami;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OriginateRequestTest {

    private static final DialplanLocation ANSWERED = DialplanLocation.of("dialer-answered", "s");

    @Test
    void carriesTheCallIdAsAnInheritedVariableAndInItsChannelIds() {
        var request = new OriginateRequest("42", "Local/15551234567@sim-carrier", ANSWERED, Duration.ofSeconds(25),
                "\"Acme\" <18005550100>", true, Map.of("SIM_OUTCOME", "busy"));
        assertThat(request.variables()).containsEntry("__DIALER_CALL", "42").containsEntry("SIM_OUTCOME", "busy");
        assertThat(request.channelId()).isEqualTo("dlr-42-1");
        assertThat(request.otherChannelId()).isEqualTo("dlr-42-2");
        assertThat(CallIds.callIdOf(request.otherChannelId())).contains("42");
    }

    @Test
    void refusesLineBreaksThatWouldInjectAmiHeaders() {
        assertThatThrownBy(() -> new OriginateRequest("1", "Local/1@x\r\nAction: Command", ANSWERED,
                Duration.ofSeconds(5), null, false, Map.of()))
                .hasMessageContaining("dial string").hasMessageContaining("line break");
        assertThatThrownBy(() -> new OriginateRequest("1", "Local/1@x", ANSWERED, Duration.ofSeconds(5), null, false,
                Map.of("NAME", "x\nAction: Hangup")))
                .hasMessageContaining("variable NAME");
    }

    @Test
    void refusesCallIdsThatWouldNotSurviveAsChannelIds() {
        assertThatThrownBy(() -> new OriginateRequest("a b", "Local/1@x", ANSWERED, Duration.ofSeconds(5), null,
                false, Map.of())).hasMessageContaining("call id");
        assertThatThrownBy(() -> new OriginateRequest("1", "Local/1@x", ANSWERED, Duration.ZERO, null,
                false, Map.of())).hasMessageContaining("ring timeout");
    }

    @Test
    void channelIdsOfOtherSystemsAreNotOurs() {
        assertThat(CallIds.callIdOf("1795381699.12")).isEmpty();
        assertThat(CallIds.callIdOf("dlr-")).isEmpty();
        assertThat(CallIds.callIdOf("dlr-5-3")).isEmpty();
    }
}
