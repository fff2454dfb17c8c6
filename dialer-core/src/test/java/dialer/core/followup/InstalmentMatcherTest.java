package dialer.core.followup;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static dialer.core.followup.InstalmentMatcher.BROKEN;
import static dialer.core.followup.InstalmentMatcher.KEPT;
import static dialer.core.followup.InstalmentMatcher.OPEN;
import static org.assertj.core.api.Assertions.assertThat;

/** How payments keep or break a plan's instalments: order, grace, partial payments, carrying forward. */
class InstalmentMatcherTest {

    private static final LocalDate D = LocalDate.of(2026, 12, 1);

    /** Three instalments of 100, last days Dec 4, Jan 4, Feb 4 (due dates plus 3 days' grace). */
    private static List<InstalmentMatcher.Instalment> three() {
        return List.of(open(1, "100.00", D.plusDays(3)), open(2, "100.00", D.plusMonths(1).plusDays(3)),
                open(3, "100.00", D.plusMonths(2).plusDays(3)));
    }

    private static InstalmentMatcher.Instalment open(long id, String amount, LocalDate graceUntil) {
        return new InstalmentMatcher.Instalment(id, new BigDecimal(amount), graceUntil, OPEN, BigDecimal.ZERO);
    }

    private static InstalmentMatcher.Payment paid(String amount, LocalDate on) {
        return new InstalmentMatcher.Payment(new BigDecimal(amount), on);
    }

    private static List<String> statuses(List<InstalmentMatcher.Outcome> out) {
        return out.stream().map(InstalmentMatcher.Outcome::status).toList();
    }

    private static List<String> paid(List<InstalmentMatcher.Outcome> out) {
        return out.stream().map(o -> o.paid().setScale(2).toPlainString()).toList();
    }

    @Test
    void aPaymentWithinTheGracePeriodKeepsTheInstalment() {
        // paid two days late, within the three days' grace
        var out = InstalmentMatcher.match(three(), List.of(paid("100.00", D.plusDays(2))), D.plusDays(10));
        assertThat(statuses(out)).containsExactly(KEPT, OPEN, OPEN);
        assertThat(out.get(0).newlyKept()).isTrue();
        assertThat(out.get(1).changed()).isFalse();
    }

    @Test
    void aPartialPaymentStaysOpenUntilTheGraceIsOverThenBreaksKeepingWhatWasPaid() {
        var payments = List.of(paid("40.00", D));
        var during = InstalmentMatcher.match(three(), payments, D.plusDays(2));
        assertThat(statuses(during)).containsExactly(OPEN, OPEN, OPEN);
        assertThat(paid(during)).containsExactly("40.00", "0.00", "0.00");
        assertThat(during.get(0).changed()).isTrue();
        var after = InstalmentMatcher.match(three(), payments, D.plusDays(3));
        assertThat(statuses(after)).containsExactly(BROKEN, OPEN, OPEN);
        assertThat(paid(after)).containsExactly("40.00", "0.00", "0.00");
        assertThat(after.get(0).newlyBroken()).isTrue();
    }

    @Test
    void partialPaymentsAddUpAndWhatIsLeftCarriesForward() {
        var out = InstalmentMatcher.match(three(), List.of(paid("60.00", D), paid("70.00", D.plusDays(1))), D.plusDays(1));
        assertThat(statuses(out)).containsExactly(KEPT, OPEN, OPEN);
        assertThat(paid(out)).containsExactly("100.00", "30.00", "0.00");
        // one payment for everything keeps all three
        assertThat(statuses(InstalmentMatcher.match(three(), List.of(paid("300.00", D)), D))).containsExactly(KEPT, KEPT, KEPT);
    }

    @Test
    void moneyPaidAfterAnInstalmentsLastDayGoesToTheNextOne() {
        var out = InstalmentMatcher.match(three(), List.of(paid("100.00", D.plusDays(20))), D.plusDays(25));
        assertThat(statuses(out)).containsExactly(BROKEN, KEPT, OPEN);
        assertThat(paid(out)).containsExactly("0.00", "100.00", "0.00");
    }

    @Test
    void keptAndBrokenInstalmentsNeverChangeAndKeepTheirMoney() {
        var settled = List.of(new InstalmentMatcher.Instalment(1, new BigDecimal("100.00"), D.plusDays(3), KEPT, new BigDecimal("100.00")),
                new InstalmentMatcher.Instalment(2, new BigDecimal("100.00"), D.plusMonths(1).plusDays(3), BROKEN, new BigDecimal("30.00")),
                open(3, "100.00", D.plusMonths(2).plusDays(3)));
        // 100 + 30 taken already: 230 paid leaves 100 for the third
        var out = InstalmentMatcher.match(settled, List.of(paid("230.00", D)), D.plusMonths(3));
        assertThat(statuses(out)).containsExactly(KEPT, BROKEN, KEPT);
        assertThat(out.get(0).changed()).isFalse();
        assertThat(out.get(1).changed()).isFalse();
        // 229 leaves 99: the third breaks, short by a cent
        var shortBy = InstalmentMatcher.match(settled, List.of(paid("229.99", D)), D.plusMonths(3));
        assertThat(statuses(shortBy)).containsExactly(KEPT, BROKEN, BROKEN);
        assertThat(shortBy.get(2).paid()).isEqualByComparingTo("99.99");
    }

    @Test
    void nothingPaidBreaksEveryInstalmentPastItsLastDayOnly() {
        var out = InstalmentMatcher.match(three(), List.of(), D.plusMonths(1).plusDays(3));
        assertThat(statuses(out)).containsExactly(BROKEN, BROKEN, OPEN);
        assertThat(out.stream().filter(InstalmentMatcher.Outcome::newlyBroken)).hasSize(2);
    }
}
