package dialer.core.plan;

import dialer.core.Invalid;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The campaign's rules for payment plans, and how a plan is read from a disposition's body. */
class PlanRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);
    private static final BigDecimal BALANCE = new BigDecimal("1000.00");
    /** 20% first (or 150.00), 90 days or 4 instalments, 100.00 each at least, 10% authority. */
    private static final PlanRules RULES = new PlanRules(new BigDecimal("150.00"), new BigDecimal("20"), 90, 4,
            new BigDecimal("100.00"), 5, new BigDecimal("10"));

    private static PlanRequest plan(BigDecimal settlement, Object... amountsAndDays) {
        JsonArray instalments = new JsonArray();
        for (int i = 0; i < amountsAndDays.length; i += 2) {
            instalments.add(new JsonObject().put("amount", amountsAndDays[i])
                    .put("dueDate", TODAY.plusDays((Integer) amountsAndDays[i + 1]).toString()));
        }
        JsonObject body = new JsonObject().put("instalments", instalments).put("frequency", "MONTHLY");
        if (settlement != null) {
            body.put("settlementPercent", settlement.toPlainString());
        }
        Invalid.Collector problems = new Invalid.Collector();
        PlanRequest plan = PlanRequest.fromJson(body, problems);
        problems.throwIfAny();
        return plan;
    }

    private static List<String> fields(List<Invalid.Problem> problems) {
        return problems.stream().map(Invalid.Problem::field).toList();
    }

    @Test
    void aPlanWithinEveryRuleHasNoProblems() {
        PlanRequest p = plan(null, "250.00", 0, "250.00", 30, "250.00", 60, "250.00", 90);
        assertThat(RULES.check(p, BALANCE, TODAY)).isEmpty();
        assertThat(p.total()).isEqualByComparingTo("1000.00");
    }

    @Test
    void theFirstPaymentMustReachTheAmountAndThePercentOfTheBalance() {
        // 180 reaches the 150.00 minimum but not 20% of 1000 (200.00)
        List<Invalid.Problem> problems = RULES.check(plan(null, "180.00", 0, "400.00", 30), BALANCE, TODAY);
        assertThat(fields(problems)).containsExactly("plan.instalments[0].amount");
        assertThat(problems.get(0).problem()).contains("200.00").contains("20% of the balance 1000.00");
        // 120 reaches neither: both are said
        assertThat(fields(RULES.check(plan(null, "120.00", 0, "400.00", 30), BALANCE, TODAY)))
                .containsExactly("plan.instalments[0].amount", "plan.instalments[0].amount");
    }

    @Test
    void theTermIsLimitedInDaysAndInInstalments() {
        List<Invalid.Problem> late = RULES.check(plan(null, "500.00", 0, "500.00", 91), BALANCE, TODAY);
        assertThat(fields(late)).containsExactly("plan.instalments[1].dueDate");
        assertThat(late.get(0).problem()).contains("within 90 days").contains("2027-03-06");
        List<Invalid.Problem> many = RULES.check(plan(null, "200.00", 0, "200.00", 10, "200.00", 20, "200.00", 30,
                "200.00", 40), BALANCE, TODAY);
        assertThat(fields(many)).containsExactly("plan.instalments");
        assertThat(many.get(0).problem()).startsWith("at most 4 instalments");
    }

    @Test
    void everyInstalmentButTheRemainderReachesTheMinimum() {
        // 90.00 in the middle is too small; the last one (the remainder) may be smaller
        assertThat(fields(RULES.check(plan(null, "300.00", 0, "90.00", 30, "50.00", 60), BALANCE, TODAY)))
                .containsExactly("plan.instalments[1].amount");
    }

    @Test
    void instalmentsAddUpToAtMostTheBalanceOrExactlyTheSettledAmount() {
        assertThat(fields(RULES.check(plan(null, "600.00", 0, "600.00", 30), BALANCE, TODAY))).containsExactly("plan.instalments");
        // 25% off 1000.00: 750.00, no more, no less
        assertThat(RULES.check(plan(new BigDecimal("25"), "375.00", 0, "375.00", 30), BALANCE, TODAY)).isEmpty();
        List<Invalid.Problem> off = RULES.check(plan(new BigDecimal("25"), "400.00", 0, "375.00", 30), BALANCE, TODAY);
        assertThat(fields(off)).containsExactly("plan.instalments");
        assertThat(off.get(0).problem()).contains("must add up to 750.00").contains("775.00");
        assertThat(PlanRules.discounted(new BigDecimal("333.33"), new BigDecimal("12.5"))).isEqualByComparingTo("291.66");
    }

    @Test
    void aPlanStartsTodayAtTheEarliest() {
        assertThat(fields(RULES.check(plan(null, "500.00", -1, "500.00", 30), BALANCE, TODAY)))
                .containsExactly("plan.instalments[0].dueDate");
    }

    @Test
    void noRulesMeansNoLimitsButTheBalance() {
        assertThat(PlanRules.NONE.check(plan(null, "1.00", 0, "999.00", 700), BALANCE, TODAY)).isEmpty();
    }

    @Test
    void aBadPlanIsRefusedNamingEachField() {
        Invalid.Collector problems = new Invalid.Collector();
        JsonObject body = new JsonObject().put("instalments", new JsonArray()
                        .add(new JsonObject().put("amount", "ten").put("dueDate", "2026-12-10"))
                        .add(new JsonObject().put("amount", "10.001").put("dueDate", "tomorrow"))
                        .add(new JsonObject().put("amount", "10").put("dueDate", "2026-12-01"))
                        .add(new JsonObject().put("amount", "10").put("dueDate", "2026-11-30")))
                .put("frequency", "DAILY").put("settlementPercent", 100);
        assertThat(PlanRequest.fromJson(body, problems)).isNull();
        assertThatThrownBy(problems::throwIfAny).isInstanceOfSatisfying(Invalid.class, e -> assertThat(fields(e.problems()))
                .containsExactly("plan.instalments[0].amount", "plan.instalments[1].amount", "plan.instalments[1].dueDate",
                        "plan.instalments[3].dueDate", "plan.frequency", "plan.settlementPercent"));
        Invalid.Collector none = new Invalid.Collector();
        assertThat(PlanRequest.fromJson(new JsonObject().put("instalments", new JsonArray()), none)).isNull();
        assertThatThrownBy(none::throwIfAny).hasMessageContaining("plan.instalments");
    }

    @Test
    void rulesAreReadWithTheirBounds() {
        assertThatThrownBy(() -> PlanRules.fromJson(new JsonObject().put("minFirstPercent", 120).put("maxInstalments", 0)
                .put("graceDays", "three").put("settlementAuthorityPercent", -1)))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(fields(e.problems()))
                        .containsExactly("minFirstPercent", "maxInstalments", "graceDays", "settlementAuthorityPercent"));
        PlanRules r = PlanRules.fromJson(new JsonObject().put("minFirstAmount", "50").put("maxTermDays", 180));
        assertThat(r.graceDays()).isEqualTo(3);
        assertThat(r.settlementAuthorityPercent()).isEqualByComparingTo("0");
        assertThat(r.toJson().getString("minFirstAmount")).isEqualTo("50");
        assertThat(r.toJson().getInteger("maxTermDays")).isEqualTo(180);
    }
}
