package dialer.core.queue;

import dialer.core.Invalid;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BestHoursWindowTest {

    @Test
    void theBestChancesAreTakenAndEqualChancesKeepThePriorityOrder() {
        List<BestHoursWindow.Scored> window = List.of(
                new BestHoursWindow.Scored(10, 1, 0, 0.05),
                new BestHoursWindow.Scored(11, 2, 1, 0.20),
                new BestHoursWindow.Scored(12, 3, 2, 0.10),
                new BestHoursWindow.Scored(13, 4, 3, 0.20),
                new BestHoursWindow.Scored(14, 5, 4, 0.10));
        assertThat(BestHoursWindow.best(window, 3)).containsExactly(11L, 13L, 12L);
        assertThat(BestHoursWindow.best(window, 10)).containsExactly(11L, 13L, 12L, 14L, 10L);
        assertThat(BestHoursWindow.best(List.of(), 3)).isEmpty();
    }

    @Test
    void theSettingIsReadWithEachProblemNamed() {
        assertThat(QueueOrderSetting.fromJson(new JsonObject().put("order", "BEST_HOURS")))
                .isEqualTo(new QueueOrderSetting(QueueOrderSetting.Order.BEST_HOURS, 5));
        assertThat(QueueOrderSetting.fromJson(new JsonObject().put("order", "PRIORITY").put("window", 12)).window()).isEqualTo(12);
        assertThatThrownBy(() -> QueueOrderSetting.fromJson(new JsonObject())).isInstanceOf(Invalid.class).hasMessageContaining("order");
        assertThatThrownBy(() -> QueueOrderSetting.fromJson(new JsonObject().put("order", "BEST_HOURS").put("window", 51)))
                .isInstanceOf(Invalid.class).hasMessageContaining("window");
        assertThatThrownBy(() -> QueueOrderSetting.fromJson(new JsonObject().put("order", "BEST_HOURS").put("window", "5")))
                .isInstanceOf(Invalid.class).hasMessageContaining("window");
    }
}
