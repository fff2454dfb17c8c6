package dialer.core.inbound;

import dialer.core.Invalid;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The inbound setting as an administrator sends it, and the service level it reports. */
class InboundSettingTest {

    @Test
    void theDefaultsFillWhatIsNotSent() {
        InboundSetting s = InboundSetting.fromJson(new JsonObject().put("accepts", true));
        assertThat(s).isEqualTo(new InboundSetting(true, 60, 20, 80, null));
        assertThat(InboundSetting.fromJson(s.toJson())).isEqualTo(s);
    }

    @Test
    void eachWrongFieldIsNamed() {
        assertThatThrownBy(() -> InboundSetting.fromJson(new JsonObject().put("waitSeconds", 4).put("serviceLevelPercent", 101)
                .put("serviceLevelSeconds", 2.5).put("overflowPrompt", "../../etc/passwd")))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.problems()).extracting(Invalid.Problem::field)
                        .containsExactly("accepts", "waitSeconds", "serviceLevelSeconds", "serviceLevelPercent", "overflowPrompt"));
    }

    @Test
    void theServiceLevelTimeCannotBeLongerThanTheWait() {
        assertThatThrownBy(() -> InboundSetting.fromJson(new JsonObject().put("accepts", true).put("waitSeconds", 30)
                .put("serviceLevelSeconds", 40)))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.problems()).extracting(Invalid.Problem::field)
                        .containsExactly("serviceLevelSeconds"));
        assertThat(InboundSetting.fromJson(new JsonObject().put("accepts", true).put("overflowPrompt", "custom/we-call-you-back"))
                .overflowPrompt()).isEqualTo("custom/we-call-you-back");
    }

    @Test
    void callersWhoGiveUpWithinTheTargetAreNotCountedAgainstTheServiceLevel() {
        // 10 offered: 7 answered within the target, 1 later, 1 hung up within the target, 1 missed
        InboundReport.Figures f = new InboundReport.Figures(10, 8, 7, 1, 1, 1, 12_000, 45_000);
        assertThat(f.serviceLevel()).isEqualTo(7.0 / 9);
        assertThat(new InboundReport.Figures(0, 0, 0, 0, 0, 0, 0, 0).serviceLevel()).isEqualTo(1.0);
    }
}
