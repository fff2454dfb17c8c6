package dialer.core.call;

import dialer.core.Invalid;
import dialer.core.plan.PlanRequest;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * An agent's disposition of a call: the code, a note, and what the code asks for: a promise to
 * pay (amount, due date, optionally the account) or a callback (a local date-time in the debtor's
 * zone, kept by the agent or given to the team). Instead of one promise, a payment plan of
 * instalments ({@link PlanRequest}), checked against the campaign's rules when it is written.
 */
public record DispositionRequest(long agentId, String code, String note, Promise promise, Callback callback, PlanRequest plan) {

    /** A disposition without a payment plan. */
    public DispositionRequest(long agentId, String code, String note, Promise promise, Callback callback) {
        this(agentId, code, note, promise, callback, null);
    }

    public record Promise(BigDecimal amount, LocalDate dueDate, Long accountId) {
    }

    /**
     * {@code at} is a wall-clock time in the debtor's zone; {@code askedByDebtor}: the debtor asked,
     * directly to the agent, to be called then (recorded with the compliance guard as their request).
     */
    public record Callback(LocalDateTime at, boolean keepForMe, String note, boolean askedByDebtor) {

        public Callback(LocalDateTime at, boolean keepForMe, String note) {
            this(at, keepForMe, note, false);
        }
    }

    public static DispositionRequest fromJson(JsonObject body) {
        Invalid.Collector problems = new Invalid.Collector();
        Object agent = body.getValue("agentId");
        problems.check(agent instanceof Number, "agentId", "is required: the agent who took the call");
        Object code = body.getValue("code");
        problems.check(code instanceof String s && !s.isBlank(), "code", "is required, e.g. PTP");
        Object note = body.getValue("note");
        problems.check(note == null || note instanceof String s && s.length() <= 2000, "note", "must be text of at most 2000 characters");
        Promise promise = null;
        if (body.getValue("promise") instanceof JsonObject p) {
            BigDecimal amount = null;
            String amountText = String.valueOf(p.getValue("amount"));
            try {
                if (amountText.length() > 32) {
                    throw new NumberFormatException(); // capped before parsing: BigDecimal's parse is not linear
                }
                amount = new BigDecimal(amountText);
                if (amount.signum() <= 0 || amount.scale() > 2 || amount.compareTo(new BigDecimal("999999999999.99")) > 0) {
                    problems.add("promise.amount", "must be a positive amount under a trillion with at most 2 decimals");
                    amount = null;
                }
            } catch (NumberFormatException e) {
                problems.add("promise.amount", "must be a number such as 150.00");
            }
            LocalDate due = null;
            try {
                due = LocalDate.parse(String.valueOf(p.getValue("dueDate")));
            } catch (DateTimeException e) {
                problems.add("promise.dueDate", "must be a date such as 2026-12-01");
            }
            Long account = p.getValue("accountId") instanceof Number n ? n.longValue() : null;
            promise = amount == null || due == null ? null : new Promise(amount, due, account);
        } else if (body.getValue("promise") != null) {
            problems.add("promise", "must be {\"amount\": 150.00, \"dueDate\": \"2026-12-01\"}");
        }
        Callback callback = null;
        if (body.getValue("callback") instanceof JsonObject cb) {
            try {
                callback = new Callback(LocalDateTime.parse(String.valueOf(cb.getValue("at"))),
                        !"team".equals(cb.getValue("owner")), cb.getValue("note") instanceof String s ? s : null,
                        Boolean.TRUE.equals(cb.getValue("askedByDebtor")));
            } catch (DateTimeException e) {
                problems.add("callback.at", "must be a local date-time in the debtor's zone, such as 2026-11-24T10:30");
            }
            Object owner = cb.getValue("owner");
            problems.check(owner == null || "me".equals(owner) || "team".equals(owner), "callback.owner", "must be me or team");
            Object asked = cb.getValue("askedByDebtor");
            problems.check(asked == null || asked instanceof Boolean, "callback.askedByDebtor", "must be true or false");
        } else if (body.getValue("callback") != null) {
            problems.add("callback", "must be {\"at\": \"2026-11-24T10:30\", \"owner\": \"me\" or \"team\"}");
        }
        PlanRequest plan = body.getValue("plan") == null ? null : PlanRequest.fromJson(body.getValue("plan"), problems);
        problems.check(body.getValue("plan") == null || body.getValue("promise") == null, "plan",
                "give either promise (one payment) or plan (instalments), not both");
        problems.throwIfAny();
        return new DispositionRequest(((Number) agent).longValue(), ((String) code).trim().toUpperCase(), (String) note,
                promise, callback, plan);
    }
}
