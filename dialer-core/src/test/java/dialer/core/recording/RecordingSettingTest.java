package dialer.core.recording;

import dialer.core.Invalid;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A campaign's recording setting as a PUT gives it: every bad field named. */
class RecordingSettingTest {

    @Test
    void modesAreParsedExactly() {
        assertThat(RecordingMode.parse("ALL")).contains(RecordingMode.ALL);
        assertThat(RecordingMode.parse("ON_DEMAND")).contains(RecordingMode.ON_DEMAND);
        assertThat(RecordingMode.parse("NONE")).contains(RecordingMode.NONE);
        assertThat(RecordingMode.parse("all")).isEmpty();
        assertThat(RecordingMode.parse("")).isEmpty();
        assertThat(RecordingMode.parse(1)).isEmpty();
        assertThat(RecordingMode.parse(null)).isEmpty();
        assertThat(RecordingMode.ALL.fromConnection()).isTrue();
        assertThat(RecordingMode.ON_DEMAND.fromConnection()).isFalse();
        assertThat(RecordingMode.ON_DEMAND.agentMayStart()).isTrue();
        assertThat(RecordingMode.ALL.agentMayStart()).isFalse();
        assertThat(RecordingMode.NONE.agentMayStart()).isFalse();
    }

    @Test
    void aFullSettingIsTakenAndDefaultsFillTheRest() {
        assertThat(RecordingSetting.fromJson(new JsonObject().put("mode", "ALL").put("retentionDays", 30).put("agentsMayListen", true)))
                .isEqualTo(new RecordingSetting(RecordingMode.ALL, 30, true, null));
        assertThat(RecordingSetting.fromJson(new JsonObject().put("mode", "ON_DEMAND")))
                .isEqualTo(new RecordingSetting(RecordingMode.ON_DEMAND, 90, false, null));
        assertThat(RecordingSetting.DEFAULT.mode()).isEqualTo(RecordingMode.NONE);
        assertThat(new RecordingSetting(RecordingMode.ALL, 7, false, null).toJson().encode())
                .isEqualTo("{\"mode\":\"ALL\",\"retentionDays\":7,\"agentsMayListen\":false,\"noticePrompt\":null}");
        assertThat(RecordingSetting.fromJson(new JsonObject().put("mode", "ALL").put("noticePrompt", "custom/call-recorded")))
                .isEqualTo(new RecordingSetting(RecordingMode.ALL, 90, false, "custom/call-recorded"));
        assertThat(RecordingSetting.fromJson(new JsonObject().put("mode", "ALL").putNull("noticePrompt")).noticePrompt()).isNull();
    }

    @Test
    void badFieldsAreNamed() {
        assertThatThrownBy(() -> RecordingSetting.fromJson(new JsonObject().put("mode", "SOME")))
                .isInstanceOf(Invalid.class).hasMessageContaining("mode");
        assertThatThrownBy(() -> RecordingSetting.fromJson(new JsonObject()))
                .isInstanceOf(Invalid.class).hasMessageContaining("mode");
        for (Object days : new Object[]{0, -1, 3651, 1.5, "30", true}) {
            assertThatThrownBy(() -> RecordingSetting.fromJson(new JsonObject().put("mode", "ALL").put("retentionDays", days)))
                    .as("retentionDays " + days).isInstanceOf(Invalid.class).hasMessageContaining("retentionDays")
                    .hasMessageNotContaining("mode");
        }
        assertThatThrownBy(() -> RecordingSetting.fromJson(new JsonObject().put("mode", "ALL").put("agentsMayListen", "yes")))
                .isInstanceOf(Invalid.class).hasMessageContaining("agentsMayListen");
        Invalid all = (Invalid) org.assertj.core.api.Assertions.catchThrowable(() -> RecordingSetting.fromJson(new JsonObject()
                .put("mode", 3).put("retentionDays", 0).put("agentsMayListen", 1)));
        assertThat(all.problems()).extracting(Invalid.Problem::field).containsExactly("mode", "retentionDays", "agentsMayListen");
    }

    @Test
    void theNoticeIsASafeSoundName() {
        for (String good : new String[]{"beep", "auth-thankyou", "custom/call_recorded-2", "a/b/c/d", "x".repeat(100)}) {
            assertThat(RecordingSetting.fromJson(new JsonObject().put("mode", "ON_DEMAND").put("noticePrompt", good)).noticePrompt())
                    .as(good).isEqualTo(good);
        }
        for (Object bad : new Object[]{"", " beep", "beep.wav", "../beep", "/etc/passwd", "custom/", "custom//beep", "a/b/c/d/e",
                "beep,1", "beep&tt-monkeys", "${DIALER_CALL}", "beep\nAction: Originate", "bip bop", "é", "x".repeat(101), 3,
                true, new JsonObject()}) {
            assertThatThrownBy(() -> RecordingSetting.fromJson(new JsonObject().put("mode", "ALL").put("noticePrompt", bad)))
                    .as("noticePrompt %s", bad).isInstanceOf(Invalid.class).hasMessageContaining("noticePrompt")
                    .hasMessageNotContaining("mode");
        }
    }
}
