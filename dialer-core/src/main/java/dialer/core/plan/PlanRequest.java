package dialer.core.plan;

import dialer.core.Invalid;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A payment plan as an agent gives it with a disposition: its instalments (amount and due date
 * each, in date order), how often they fall, the account it pays (null: all the debt), and
 * optionally a settlement offer (a discount on the balance, in percent).
 */
public record PlanRequest(List<Instalment> instalments, String frequency, Long accountId, BigDecimal settlementPercent) {

    /** Plans have at most this many instalments, whatever the campaign allows. */
    public static final int MAX_INSTALMENTS = 120;
    static final Set<String> FREQUENCIES = Set.of("WEEKLY", "BIWEEKLY", "MONTHLY", "CUSTOM");
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");

    public record Instalment(BigDecimal amount, LocalDate dueDate) {
    }

    public PlanRequest {
        instalments = List.copyOf(instalments);
    }

    /** What the instalments add up to. */
    public BigDecimal total() {
        return instalments.stream().map(Instalment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Reads {@code plan} of a request body; its problems go to {@code problems} (null when it has any). */
    public static PlanRequest fromJson(Object value, Invalid.Collector problems) {
        if (!(value instanceof JsonObject p)) {
            problems.add("plan", "must be {\"instalments\": [{\"amount\": 100.00, \"dueDate\": \"2026-12-01\"}, ...]}");
            return null;
        }
        int before = problems.size();
        List<Instalment> instalments = new ArrayList<>();
        if (!(p.getValue("instalments") instanceof JsonArray list) || list.isEmpty() || list.size() > MAX_INSTALMENTS) {
            problems.add("plan.instalments", "must be a list of 1 to " + MAX_INSTALMENTS + " instalments {amount, dueDate}");
        } else {
            for (int i = 0; i < list.size(); i++) {
                String field = "plan.instalments[" + i + "]";
                if (!(list.getValue(i) instanceof JsonObject one)) {
                    problems.add(field, "must be {\"amount\": 100.00, \"dueDate\": \"2026-12-01\"}");
                    continue;
                }
                BigDecimal amount = amount(one.getValue("amount"), field + ".amount", problems);
                LocalDate due = null;
                try {
                    due = LocalDate.parse(String.valueOf(one.getValue("dueDate")));
                } catch (DateTimeException e) {
                    problems.add(field + ".dueDate", "must be a date such as 2026-12-01");
                }
                if (amount != null && due != null) {
                    if (!instalments.isEmpty() && !due.isAfter(instalments.get(instalments.size() - 1).dueDate())) {
                        problems.add(field + ".dueDate", "must be after the instalment before it");
                    }
                    instalments.add(new Instalment(amount, due));
                }
            }
        }
        Object frequency = p.getValue("frequency");
        problems.check(frequency == null || frequency instanceof String f && FREQUENCIES.contains(f), "plan.frequency",
                "must be WEEKLY, BIWEEKLY, MONTHLY or CUSTOM");
        Object account = p.getValue("accountId");
        problems.check(account == null || account instanceof Number, "plan.accountId", "must be the id of one of the debtor's accounts");
        BigDecimal settlement = null;
        if (p.getValue("settlementPercent") != null) {
            settlement = percent(p.getValue("settlementPercent"), problems);
        }
        if (problems.size() > before) {
            return null;
        }
        return new PlanRequest(instalments, frequency == null ? "CUSTOM" : (String) frequency,
                account == null ? null : ((Number) account).longValue(), settlement);
    }

    private static BigDecimal amount(Object value, String field, Invalid.Collector problems) {
        String text = String.valueOf(value);
        try {
            if (text.length() > 32) {
                throw new NumberFormatException(); // capped before parsing: BigDecimal's parse is not linear
            }
            BigDecimal amount = new BigDecimal(text);
            if (amount.signum() > 0 && amount.scale() <= 2 && amount.compareTo(MAX_AMOUNT) <= 0) {
                return amount.setScale(2);
            }
            problems.add(field, "must be a positive amount under a trillion with at most 2 decimals");
        } catch (NumberFormatException e) {
            problems.add(field, "must be a number such as 150.00");
        }
        return null;
    }

    private static BigDecimal percent(Object value, Invalid.Collector problems) {
        String text = String.valueOf(value);
        try {
            if (text.length() > 16) {
                throw new NumberFormatException();
            }
            BigDecimal percent = new BigDecimal(text);
            if (percent.signum() > 0 && percent.compareTo(BigDecimal.valueOf(100)) < 0 && percent.scale() <= 2) {
                return percent;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        problems.add("plan.settlementPercent", "must be a discount over 0 and under 100 percent, at most 2 decimals, e.g. 20");
        return null;
    }
}
