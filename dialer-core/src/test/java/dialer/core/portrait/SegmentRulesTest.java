package dialer.core.portrait;

import dialer.core.Invalid;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SegmentRulesTest {

    private static final SegmentRules DEFAULTS = SegmentRules.defaults();

    /** A debtor with some history and nothing remarkable: 3 attempts, 1 right-party contact, 1 kept promise, 40 days, never cured. */
    private static SegmentRules.Facts plain() {
        return new SegmentRules.Facts(3, 1, 1, 0, 0, 0, 1, 0, 40, false, Set.of());
    }

    private static SegmentRules.Facts with(int attempts, int rpc, int made, int partial, int broken, int inARow, int payments,
                                           int small, int days, boolean cured, Set<String> flags) {
        return new SegmentRules.Facts(attempts, rpc, made, partial, broken, inARow, payments, small, days, cured, flags);
    }

    @Test
    void noHistoryIsNew() {
        SegmentRules.Segment s = DEFAULTS.classify(with(0, 0, 0, 0, 0, 0, 0, 0, 200, false, Set.of()));
        assertThat(s.name()).isEqualTo("new");
        assertThat(s.reasons()).containsExactly("no attempt, promise or payment yet");
        // one attempt is history under the defaults, not under a campaign that allows two
        SegmentRules.Facts once = with(1, 0, 0, 0, 0, 0, 0, 0, 200, false, Set.of());
        assertThat(DEFAULTS.classify(once).name()).isEqualTo("standard");
        SegmentRules lenient = SegmentRules.fromJson(new JsonObject().put("newMaxAttempts", 2));
        assertThat(lenient.classify(once).name()).isEqualTo("new");
        // a payment is history even without attempts
        assertThat(DEFAULTS.classify(with(0, 0, 0, 0, 0, 0, 1, 0, 200, false, Set.of())).name()).isNotEqualTo("new");
    }

    @Test
    void hardshipByFlagPartialPromisesOrSmallPayments() {
        assertThat(DEFAULTS.classify(with(3, 1, 1, 0, 0, 0, 1, 0, 40, false, Set.of("SENSITIVE"))))
                .isEqualTo(new SegmentRules.Segment("hardship", List.of("flag SENSITIVE")));
        assertThat(DEFAULTS.classify(with(3, 1, 2, 1, 1, 1, 1, 0, 40, false, Set.of())))
                .isEqualTo(new SegmentRules.Segment("hardship", List.of("1 promise(s) paid in part")));
        assertThat(DEFAULTS.classify(with(3, 1, 0, 0, 0, 0, 2, 2, 40, false, Set.of())).reasons())
                .containsExactly("2 small payment(s) in 90 days");
        assertThat(DEFAULTS.classify(with(3, 1, 0, 0, 0, 0, 1, 1, 40, false, Set.of())).name())
                .as("one small payment is under the default two").isEqualTo("forgetful");
        // hardship comes before avoider: a debtor paying in small parts is not avoiding
        assertThat(DEFAULTS.classify(with(20, 0, 3, 0, 3, 3, 2, 2, 40, false, Set.of())).name()).isEqualTo("hardship");
        // a campaign may name another flag (or none)
        SegmentRules noFlag = SegmentRules.fromJson(new JsonObject().put("hardshipFlags", new JsonArray()));
        assertThat(noFlag.classify(with(3, 1, 1, 0, 0, 0, 1, 0, 40, false, Set.of("SENSITIVE"))).name()).isEqualTo("forgetful");
    }

    @Test
    void avoiderByAttemptsWithoutContactOrPromisesBrokenInARow() {
        assertThat(DEFAULTS.classify(with(8, 0, 0, 0, 0, 0, 0, 0, 40, false, Set.of())))
                .isEqualTo(new SegmentRules.Segment("avoider", List.of("8 attempts, no right-party contact")));
        assertThat(DEFAULTS.classify(with(7, 0, 0, 0, 0, 0, 0, 0, 100, false, Set.of())).name()).isEqualTo("standard");
        assertThat(DEFAULTS.classify(with(30, 1, 0, 0, 0, 0, 0, 0, 100, false, Set.of())).name())
                .as("reached once: not avoiding").isEqualTo("standard");
        assertThat(DEFAULTS.classify(with(4, 2, 3, 0, 2, 2, 1, 0, 40, false, Set.of())).reasons())
                .containsExactly("2 promises broken in a row");
        assertThat(DEFAULTS.classify(with(4, 2, 3, 0, 2, 1, 1, 0, 90, false, Set.of())).name())
                .as("two broken, but not in a row").isEqualTo("standard");
    }

    @Test
    void forgetfulIsAFirstDelinquencyWithAGoodRecord() {
        assertThat(DEFAULTS.classify(plain()))
                .isEqualTo(new SegmentRules.Segment("forgetful", List.of("first delinquency, 40 days overdue", "no promise broken")));
        assertThat(DEFAULTS.classify(with(3, 1, 1, 0, 0, 0, 1, 0, 61, false, Set.of())).name()).as("too late").isEqualTo("standard");
        assertThat(DEFAULTS.classify(with(3, 1, 1, 0, 0, 0, 1, 0, 40, true, Set.of())).name())
                .as("cured once before: not the first delinquency").isEqualTo("standard");
        assertThat(DEFAULTS.classify(with(3, 1, 2, 0, 1, 1, 1, 0, 40, false, Set.of())).name()).as("a broken promise").isEqualTo("standard");
    }

    @Test
    void rulesReadFromJsonTakeDefaultsForWhatIsMissingAndRoundTrip() {
        SegmentRules r = SegmentRules.fromJson(new JsonObject().put("avoiderMinAttempts", 12).put("hardshipSmallPaymentShare", "0.25")
                .put("hardshipFlags", new JsonArray().add("sensitive").add("VIP")));
        assertThat(r.avoiderMinAttempts()).isEqualTo(12);
        assertThat(r.hardshipSmallPaymentShare()).isEqualByComparingTo(new BigDecimal("0.25"));
        assertThat(r.hardshipFlags()).containsExactly("SENSITIVE", "VIP");
        assertThat(r.forgetfulMaxDaysOverdue()).isEqualTo(DEFAULTS.forgetfulMaxDaysOverdue());
        assertThat(SegmentRules.fromJson(r.toJson())).isEqualTo(r);
        assertThat(SegmentRules.fromJson(new JsonObject())).isEqualTo(DEFAULTS);
        assertThat(SegmentRules.fromJson(new JsonObject().put("hardshipSmallPaymentShare", 0.1))).isEqualTo(DEFAULTS);
    }

    @Test
    void badRulesAreRefusedNamingEveryField() {
        assertThatThrownBy(() -> SegmentRules.fromJson(new JsonObject().put("avoiderMinAttempts", 0).put("colour", "red")
                .put("hardshipSmallPaymentShare", 1.5).put("hardshipFlags", new JsonArray().add("SENSITIVE").add("RICH"))
                .put("forgetfulMaxDaysOverdue", 2.5).put("avoiderMinBrokenInARow", "two")))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.problems()).extracting(Invalid.Problem::field)
                        .containsExactlyInAnyOrder("colour", "avoiderMinAttempts", "hardshipSmallPaymentShare", "hardshipFlags[1]",
                                "forgetfulMaxDaysOverdue", "avoiderMinBrokenInARow"));
        assertThatThrownBy(() -> SegmentRules.fromJson(new JsonObject().put("hardshipFlags", "SENSITIVE")))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.problems().get(0).problem()).isEqualTo("must be a list of flags"));
        assertThatThrownBy(() -> SegmentRules.fromJson(new JsonObject().put("newMaxAttempts", 8)))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.problems().get(0).field()).isEqualTo("newMaxAttempts"));
    }
}
