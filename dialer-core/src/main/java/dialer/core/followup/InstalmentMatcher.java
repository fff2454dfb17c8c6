package dialer.core.followup;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Matches a plan's payments to its instalments. The rules:
 * <ul>
 *   <li>Payments go to the instalments in due-date order; what one instalment does not need
 *   carries forward to the next (paying ahead, or one payment for several, keeps each).</li>
 *   <li>An instalment is kept when the payments made on or before its last day (its due date
 *   plus the campaign's grace days), less what earlier instalments took, cover it in full.</li>
 *   <li>A partial payment stays on its instalment (paid amount), which stays open until its
 *   last day is over everywhere; then it is broken, and keeps what was paid towards it.</li>
 *   <li>Money paid after an instalment's last day does not keep it: it goes to the next ones.</li>
 *   <li>A kept or broken instalment never changes again.</li>
 * </ul>
 */
public final class InstalmentMatcher {

    public static final String OPEN = "OPEN";
    public static final String KEPT = "KEPT";
    public static final String BROKEN = "BROKEN";

    /** An instalment as stored: its last day is {@code graceUntil}; {@code paid} what was recorded on it. */
    public record Instalment(long id, BigDecimal amount, LocalDate graceUntil, String status, BigDecimal paid) {
    }

    public record Payment(BigDecimal amount, LocalDate paidOn) {
    }

    /** An instalment's new state; {@code changed} when its status or paid amount is not what was stored. */
    public record Outcome(long id, String status, BigDecimal paid, boolean changed, boolean newlyKept, boolean newlyBroken) {
    }

    private InstalmentMatcher() {
    }

    /**
     * @param instalments the plan's instalments in due-date order
     * @param payments    the payments that count for the plan (any order)
     * @param lastPastDay the last day that is over everywhere: an instalment whose last day is on
     *                    or before it can no longer be kept
     */
    public static List<Outcome> match(List<Instalment> instalments, List<Payment> payments, LocalDate lastPastDay) {
        List<Outcome> out = new ArrayList<>();
        BigDecimal consumed = BigDecimal.ZERO;
        for (Instalment i : instalments) {
            if (KEPT.equals(i.status())) {
                consumed = consumed.add(i.amount());
                out.add(new Outcome(i.id(), KEPT, i.paid(), false, false, false));
                continue;
            }
            if (!OPEN.equals(i.status())) {
                consumed = consumed.add(i.paid());
                out.add(new Outcome(i.id(), i.status(), i.paid(), false, false, false));
                continue;
            }
            BigDecimal available = paidBy(payments, i.graceUntil()).subtract(consumed).max(BigDecimal.ZERO);
            String status;
            BigDecimal paid;
            if (available.compareTo(i.amount()) >= 0) {
                status = KEPT;
                paid = i.amount();
            } else {
                status = i.graceUntil().isAfter(lastPastDay) ? OPEN : BROKEN;
                paid = available;
            }
            consumed = consumed.add(paid);
            boolean changed = !status.equals(i.status()) || paid.compareTo(i.paid()) != 0;
            out.add(new Outcome(i.id(), status, paid, changed, KEPT.equals(status), BROKEN.equals(status)));
        }
        return out;
    }

    private static BigDecimal paidBy(List<Payment> payments, LocalDate day) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Payment p : payments) {
            if (!p.paidOn().isAfter(day)) {
                sum = sum.add(p.amount());
            }
        }
        return sum;
    }
}
