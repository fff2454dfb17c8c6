package dialer.core.plan;

import dialer.core.Invalid;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A campaign's rules for payment plans, and the check of a plan against them. Each limit is
 * optional (null: none). The first payment must reach {@code minFirstAmount} and
 * {@code minFirstPercent} of the balance; the last instalment may fall at most
 * {@code maxTermDays} after today and there may be at most {@code maxInstalments}; every
 * instalment but the last (the remainder) must reach {@code minInstalmentAmount}. Instalments add
 * up to at most the balance, or, with a settlement offer, to exactly the discounted balance.
 */
public record PlanRules(BigDecimal minFirstAmount, BigDecimal minFirstPercent, Integer maxTermDays, Integer maxInstalments,
                        BigDecimal minInstalmentAmount, int graceDays, BigDecimal settlementAuthorityPercent) {

    /** A campaign with no rules set: no limits, three days' grace, no settlement without a supervisor. */
    public static final PlanRules NONE = new PlanRules(null, null, null, null, null, 3, BigDecimal.ZERO);

    /** The balance after the settlement's discount, to the cent (half up). */
    public static BigDecimal discounted(BigDecimal balance, BigDecimal percent) {
        if (percent == null) {
            return balance;
        }
        return balance.multiply(BigDecimal.valueOf(100).subtract(percent)).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
    }

    /** Every rule the plan breaks, each naming its field; empty when it keeps them all. */
    public List<Invalid.Problem> check(PlanRequest plan, BigDecimal balance, LocalDate today) {
        List<Invalid.Problem> out = new ArrayList<>();
        List<PlanRequest.Instalment> all = plan.instalments();
        PlanRequest.Instalment first = all.get(0);
        PlanRequest.Instalment last = all.get(all.size() - 1);
        if (first.dueDate().isBefore(today)) {
            out.add(new Invalid.Problem("plan.instalments[0].dueDate", "must be today or later"));
        }
        if (minFirstAmount != null && first.amount().compareTo(minFirstAmount) < 0) {
            out.add(new Invalid.Problem("plan.instalments[0].amount", "must be at least " + minFirstAmount.toPlainString()
                    + " (the campaign's minimum first payment)"));
        }
        if (minFirstPercent != null) {
            BigDecimal least = balance.multiply(minFirstPercent).divide(BigDecimal.valueOf(100), 2, RoundingMode.UP);
            if (first.amount().compareTo(least) < 0) {
                out.add(new Invalid.Problem("plan.instalments[0].amount", "must be at least " + least.toPlainString() + " ("
                        + minFirstPercent.stripTrailingZeros().toPlainString() + "% of the balance "
                        + balance.toPlainString() + ", the campaign's minimum first payment)"));
            }
        }
        if (maxInstalments != null && all.size() > maxInstalments) {
            out.add(new Invalid.Problem("plan.instalments", "at most " + maxInstalments + " instalments (the campaign's maximum term); "
                    + all.size() + " given"));
        }
        if (maxTermDays != null && ChronoUnit.DAYS.between(today, last.dueDate()) > maxTermDays) {
            out.add(new Invalid.Problem("plan.instalments[" + (all.size() - 1) + "].dueDate", "must be within " + maxTermDays
                    + " days of today, by " + today.plusDays(maxTermDays) + " (the campaign's maximum term)"));
        } else if (maxTermDays == null && ChronoUnit.DAYS.between(today, last.dueDate()) > 3660) {
            out.add(new Invalid.Problem("plan.instalments[" + (all.size() - 1) + "].dueDate", "must be within ten years"));
        }
        if (minInstalmentAmount != null) {
            for (int i = 0; i < all.size() - 1 || i == 0 && all.size() == 1; i++) {
                if (all.get(i).amount().compareTo(minInstalmentAmount) < 0) {
                    out.add(new Invalid.Problem("plan.instalments[" + i + "].amount", "must be at least "
                            + minInstalmentAmount.toPlainString() + " (the campaign's minimum instalment)"));
                }
            }
        }
        BigDecimal total = plan.total();
        if (plan.settlementPercent() != null) {
            BigDecimal settled = discounted(balance, plan.settlementPercent());
            if (balance.signum() == 0) {
                out.add(new Invalid.Problem("plan.settlementPercent", "the debtor has no balance to discount"));
            } else if (total.compareTo(settled) != 0) {
                out.add(new Invalid.Problem("plan.instalments", "must add up to " + settled.toPlainString() + ": the balance "
                        + balance.toPlainString() + " less " + plan.settlementPercent().stripTrailingZeros().toPlainString()
                        + "%; they add up to " + total.toPlainString()));
            }
        } else if (total.compareTo(balance) > 0) {
            out.add(new Invalid.Problem("plan.instalments", "add up to " + total.toPlainString() + ", more than the balance "
                    + balance.toPlainString()));
        }
        return out;
    }

    /** The rules as the API shows them. */
    public JsonObject toJson() {
        return new JsonObject().put("minFirstAmount", text(minFirstAmount)).put("minFirstPercent", text(minFirstPercent))
                .put("maxTermDays", maxTermDays).put("maxInstalments", maxInstalments)
                .put("minInstalmentAmount", text(minInstalmentAmount)).put("graceDays", graceDays)
                .put("settlementAuthorityPercent", text(settlementAuthorityPercent));
    }

    /** Rules from a request body; every problem names its field. */
    public static PlanRules fromJson(JsonObject body) {
        Invalid.Collector problems = new Invalid.Collector();
        BigDecimal minFirstAmount = decimal(body, "minFirstAmount", new BigDecimal("0.01"), new BigDecimal("999999999999.99"), problems);
        BigDecimal minFirstPercent = decimal(body, "minFirstPercent", new BigDecimal("0.01"), BigDecimal.valueOf(100), problems);
        Integer maxTermDays = integer(body, "maxTermDays", 1, 3660, problems);
        Integer maxInstalments = integer(body, "maxInstalments", 1, PlanRequest.MAX_INSTALMENTS, problems);
        BigDecimal minInstalment = decimal(body, "minInstalmentAmount", new BigDecimal("0.01"), new BigDecimal("999999999999.99"), problems);
        Integer grace = integer(body, "graceDays", 0, 60, problems);
        BigDecimal authority = decimal(body, "settlementAuthorityPercent", BigDecimal.ZERO, BigDecimal.valueOf(100), problems);
        problems.throwIfAny();
        return new PlanRules(minFirstAmount, minFirstPercent, maxTermDays, maxInstalments, minInstalment,
                grace == null ? 3 : grace, authority == null ? BigDecimal.ZERO : authority);
    }

    public static BigDecimal decimal(JsonObject body, String field, BigDecimal min, BigDecimal max, Invalid.Collector problems) {
        Object v = body.getValue(field);
        if (v == null) {
            return null;
        }
        String text = String.valueOf(v);
        try {
            if (text.length() <= 32) {
                BigDecimal d = new BigDecimal(text);
                if (d.scale() <= 2 && d.compareTo(min) >= 0 && d.compareTo(max) <= 0) {
                    return d;
                }
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        problems.add(field, "must be a number from " + min.toPlainString() + " to " + max.toPlainString() + " with at most 2 decimals");
        return null;
    }

    private static Integer integer(JsonObject body, String field, int min, int max, Invalid.Collector problems) {
        Object v = body.getValue(field);
        if (v == null) {
            return null;
        }
        if (v instanceof Integer i && i >= min && i <= max || v instanceof Long l && l >= min && l <= max) {
            return ((Number) v).intValue();
        }
        problems.add(field, "must be a whole number from " + min + " to " + max);
        return null;
    }

    private static String text(BigDecimal d) {
        return d == null ? null : d.toPlainString();
    }
}
