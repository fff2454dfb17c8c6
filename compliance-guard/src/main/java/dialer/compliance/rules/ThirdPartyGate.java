package dialer.compliance.rules;

import dialer.compliance.Masking;
import dialer.compliance.PastAttempt;
import dialer.compliance.PhoneType;
import dialer.compliance.RuleResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A THIRD_PARTY number (a relative, a reference, an emergency contact) is called only to find a
 * debtor who cannot be reached, and the gate reads that from the history rather than from the caller:
 * <ul>
 * <li>the debtor was not reached within {@code reachedWithin}: no right-party contact (or conversation
 * of unknown outcome, counted as one) on their own numbers, and no conversation they started
 * (inbound);</li>
 * <li>each of the debtor's own numbers ({@link dialer.compliance.CallRequest#debtorOwnNumbers()}) was
 * really tried within {@code triedWithin}: a call placed and finished. When the request knows no own
 * number, the caller's {@code debtorOwnNumbersExhausted} must say there is none left to try.</li>
 * </ul>
 * Its frequency is limited by ordinary {@link FrequencyLimit}s restricted to THIRD_PARTY numbers.
 */
public record ThirdPartyGate(String id, String source, Duration reachedWithin, Duration triedWithin) implements Rule {

    /** House reading: a debtor reached in the last 30 days is not someone whose location is sought. */
    public static final Duration DEFAULT_REACHED_WITHIN = Duration.ofDays(30);
    /** House reading: every own number tried within the last 7 days, so "cannot be reached" is current. */
    public static final Duration DEFAULT_TRIED_WITHIN = Duration.ofDays(7);

    public ThirdPartyGate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        if (reachedWithin == null || reachedWithin.isNegative() || triedWithin == null || triedWithin.isNegative()
                || triedWithin.isZero()) {
            throw new IllegalArgumentException("third-party gate " + id + " needs non-negative durations and triedWithin > 0");
        }
    }

    public ThirdPartyGate(String id, String source) {
        this(id, source, DEFAULT_REACHED_WITHIN, DEFAULT_TRIED_WITHIN);
    }

    @Override
    public String describe() {
        return "third-party " + id + ": only when the debtor was not reached in " + reachedWithin + " and each own number was tried in "
                + triedWithin + " [" + source + "]";
    }

    @Override
    public Duration lookback() {
        return reachedWithin.compareTo(triedWithin) > 0 ? reachedWithin : triedWithin;
    }

    @Override
    public RuleResult evaluate(EvaluationContext ctx) {
        var r = ctx.request();
        String title = "third-party numbers only when the debtor cannot be reached on their own numbers (" + source + ")";
        if (r.phoneType() != PhoneType.THIRD_PARTY) {
            return RuleResult.pass(id, title + ": the debtor's own number");
        }
        List<PastAttempt> own = ctx.history().stream()
                .filter(a -> a.debtorId().equals(r.debtorId()) && a.phoneType() != PhoneType.THIRD_PARTY && a.counts(ctx.now()))
                .toList();
        Optional<PastAttempt> reached = own.stream()
                .filter(a -> a.assumedOutcome().rightPartyContact())
                .filter(a -> ctx.now().isBefore(a.lastActivity().plus(reachedWithin)))
                .max(Comparator.comparing(PastAttempt::lastActivity));
        if (reached.isPresent()) {
            PastAttempt a = reached.get();
            String how = a.inbound() ? "the debtor called in (conversation #" + a.id() + ")"
                    : a.state().pending() ? "reservation #" + a.id() + " to their number is in progress (it may reach them)"
                    : "reservation #" + a.id() + " reached them (" + a.assumedOutcome() + ")";
            return RuleResult.fail(id, title + ": " + how + " at " + a.lastActivity() + ", within " + reachedWithin, null);
        }
        if (r.debtorOwnNumbers().isEmpty()) {
            if (r.debtorOwnNumbersExhausted()) {
                return RuleResult.pass(id, title + ": not reached in " + reachedWithin + "; no own number known and the request says "
                        + "none is left to try");
            }
            return RuleResult.fail(id, title + ": no own number given and the request says the debtor's own numbers are not exhausted", null);
        }
        List<String> untried = new ArrayList<>();
        for (String n : r.debtorOwnNumbers().stream().sorted().toList()) {
            boolean tried = own.stream().anyMatch(a -> a.phone().equals(n) && !a.inbound() && !a.state().pending()
                    && ctx.now().isBefore(a.placedAt().plus(triedWithin)));
            if (!tried) {
                untried.add(Masking.phone(n));
            }
        }
        if (!untried.isEmpty()) {
            return RuleResult.fail(id, title + ": own number(s) " + String.join(", ", untried) + " not tried in the last " + triedWithin, null);
        }
        return RuleResult.pass(id, title + ": not reached in " + reachedWithin + ", all " + r.debtorOwnNumbers().size()
                + " own number(s) tried in " + triedWithin);
    }
}
