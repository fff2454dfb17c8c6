package dialer.core.monitor;

import dialer.ami.DialplanLocation;
import dialer.core.Invalid;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each mode's place in the dialplan and ChanSpy's options there, and the requests' checks. */
class MonitorModeTest {

    @Test
    void eachModeGoesToItsOwnExtensionOfTheSpyContext() {
        assertThat(MonitorMode.LISTEN.target()).isEqualTo(DialplanLocation.of("dialer-spy", "listen"));
        assertThat(MonitorMode.WHISPER.target()).isEqualTo(DialplanLocation.of("dialer-spy", "whisper"));
        assertThat(MonitorMode.BARGE.target()).isEqualTo(DialplanLocation.of("dialer-spy", "barge"));
    }

    @Test
    void listeningIsQuietAndNeitherWhispersNorBarges() {
        String listen = MonitorMode.LISTEN.chanSpyOptions();
        assertThat(listen).contains("q", "E", "u").doesNotContain("w", "W", "B", "d");
        String whisper = MonitorMode.WHISPER.chanSpyOptions();
        assertThat(whisper).contains("q", "E", "u", "w").doesNotContain("B", "W");
        // barging joins the conference instead: no ChanSpy
        assertThat(MonitorMode.BARGE.chanSpyOptions()).isNull();
        assertThat(MonitorMode.BARGE.needsCall()).isTrue();
        assertThat(MonitorMode.LISTEN.needsCall()).isFalse();
        assertThat(MonitorMode.WHISPER.needsCall()).isFalse();
    }

    /** The options above are the ones extensions.conf really gives ChanSpy, and barge joins the conference. */
    @Test
    void theDialplanRunsWhatTheModesSay() throws Exception {
        String dialplan = Files.readString(Path.of("..", "docker", "asterisk", "etc", "extensions.conf"));
        int at = dialplan.indexOf("[dialer-spy]");
        assertThat(at).as("the [dialer-spy] context").isPositive();
        String context = dialplan.substring(at, dialplan.indexOf("\n[", at + 1));
        for (MonitorMode mode : new MonitorMode[] {MonitorMode.LISTEN, MonitorMode.WHISPER}) {
            Matcher m = Pattern.compile("exten => " + mode.target().exten() + ",1,ChanSpy\\(\\$\\{DIALER_SPY_LEG},([A-Za-z]+)\\)")
                    .matcher(context);
            assertThat(m.find()).as(mode + " runs ChanSpy on the agent's leg").isTrue();
            assertThat(m.group(1)).isEqualTo(mode.chanSpyOptions());
        }
        assertThat(context).contains("exten => barge,1,")
                .contains("ConfBridge(${DIALER_SPY_CONF},dialer_bridge,dialer_supervisor,dialer_menu)");
        String confbridge = Files.readString(Path.of("..", "docker", "asterisk", "etc", "confbridge.conf"));
        assertThat(confbridge).contains("[dialer_supervisor]");
    }

    @Test
    void modesAreReadWhateverTheirCaseAndAnythingElseIsA400NamingTheField() {
        assertThat(MonitorMode.parse("listen", "mode")).isEqualTo(MonitorMode.LISTEN);
        assertThat(MonitorMode.parse(" Whisper ", "mode")).isEqualTo(MonitorMode.WHISPER);
        assertThat(MonitorMode.parse("BARGE", "mode")).isEqualTo(MonitorMode.BARGE);
        for (Object bad : new Object[] {null, "", "SPY", 3, true}) {
            assertThatThrownBy(() -> MonitorMode.parse(bad, "mode")).isInstanceOf(Invalid.class)
                    .satisfies(e -> assertThat(((Invalid) e).problems().get(0).field()).isEqualTo("mode"))
                    .hasMessageContaining("LISTEN, WHISPER, BARGE");
        }
    }

    @Test
    void aSupervisorsPhoneIsAPlainDialString() {
        assertThat(SupervisorPhone.parse("PJSIP/2001", "phone")).isEqualTo("PJSIP/2001");
        assertThat(SupervisorPhone.parse(" Local/9001@sim-agent-phone ", "phone")).isEqualTo("Local/9001@sim-agent-phone");
        assertThat(SupervisorPhone.parse("PJSIP/+15551234567@trunk", "phone")).isEqualTo("PJSIP/+15551234567@trunk");
        assertThat(SupervisorPhone.parse(null, "phone")).as("null clears it").isNull();
        for (Object bad : new Object[] {"", "2001", "PJSIP/", "PJSIP/2001&PJSIP/2002", "PJSIP/2001,30", "PJSIP/${EVIL}",
                "PJSIP/20 01", "PJSIP/2001\r\nAction: Command", "Local/1@x/n" + "x".repeat(100), 2001, false}) {
            assertThatThrownBy(() -> SupervisorPhone.parse(bad, "phone")).as(String.valueOf(bad)).isInstanceOf(Invalid.class)
                    .satisfies(e -> assertThat(((Invalid) e).problems().get(0).field()).isEqualTo("phone"));
        }
    }

    @Test
    void logsSeeOnlyTheTechnologyAndTheLastTwoCharacters() {
        assertThat(SupervisorPhone.masked("PJSIP/+15551234567@trunk")).isEqualTo("PJSIP/…nk").doesNotContain("555");
        assertThat(SupervisorPhone.masked("PJSIP/15551234567")).isEqualTo("PJSIP/…67");
        assertThat(SupervisorPhone.masked(null)).isEqualTo("none");
    }
}
