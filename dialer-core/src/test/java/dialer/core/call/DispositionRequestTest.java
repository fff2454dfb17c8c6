package dialer.core.call;

import dialer.core.Invalid;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A promise's amount is capped before it is parsed and must fit the books. */
class DispositionRequestTest {

    private static JsonObject withAmount(Object amount) {
        return new JsonObject().put("agentId", 1).put("code", "PTP")
                .put("promise", new JsonObject().put("amount", amount).put("dueDate", "2026-12-01"));
    }

    @Test
    void aHugeOrOutOfRangeAmountIsA400OnTheAmount() {
        for (Object amount : new Object[] {"9".repeat(900_000), 1e308, "1e999", "-5", "1.001", "abc"}) {
            assertThatThrownBy(() -> DispositionRequest.fromJson(withAmount(amount)))
                    .isInstanceOf(Invalid.class).hasMessageContaining("promise.amount");
        }
    }
}
