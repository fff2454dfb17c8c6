package dialer.compliance.rules;

import dialer.compliance.CallOutcome;
import dialer.compliance.PastAttempt;
import dialer.compliance.PhoneType;
import dialer.compliance.RuleResult;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * No call within {@code length} after a triggering call in scope. The trigger is any attempt (a
 * minimum gap between attempts) or a call that ended with one of {@code outcomes};
 * calls completed with outcome UNKNOWN trigger every outcome cool-down; a reservation that was dialed
 * and then expired by recovery (a crash) counts as one call and triggers only "any attempt"
 * cool-downs. The length counts from the end of the triggering call (the instant it was placed while
 * it is in progress, see {@link PastAttempt#lastActivity()}). With {@code exemptWhenAgentOnLine} the rule
 * passes when the request guarantees a live agent (Ofcom's AMD redial rule).
 */
public record CoolDown(String id, String source, Scope scope, boolean anyAttempt, Set<CallOutcome> outcomes,
                       CountWindow length, boolean exemptWhenAgentOnLine, Set<PhoneType> phoneTypes,
                       boolean consumerConsentExempts) implements Rule {

    public CoolDown {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(length, "length");
        outcomes = outcomes == null || outcomes.isEmpty() ? Set.of() : Set.copyOf(outcomes);
        if (!anyAttempt && outcomes.isEmpty()) {
            throw new IllegalArgumentException("cool-down " + id + " needs a trigger: any attempt or a set of outcomes");
        }
        phoneTypes = phoneTypes == null || phoneTypes.isEmpty() ? Set.copyOf(EnumSet.allOf(PhoneType.class))
                : Set.copyOf(phoneTypes);
    }

    public CoolDown(String id, String source, Scope scope, boolean anyAttempt, Set<CallOutcome> outcomes,
                    CountWindow length, boolean exemptWhenAgentOnLine, Set<PhoneType> phoneTypes) {
        this(id, source, scope, anyAttempt, outcomes, length, exemptWhenAgentOnLine, phoneTypes, false);
    }

    public static CoolDown afterAnyAttempt(String id, String source, Scope scope, CountWindow length) {
        return new CoolDown(id, source, scope, true, Set.of(), length, false, null);
    }

    public static CoolDown after(String id, String source, Scope scope, CountWindow length, CallOutcome... outcomes) {
        return new CoolDown(id, source, scope, false, Set.of(outcomes), length, false, null);
    }

    public CoolDown exemptingAgentOnLine() {
        return new CoolDown(id, source, scope, anyAttempt, outcomes, length, true, phoneTypes, consumerConsentExempts);
    }

    public CoolDown onlyFor(PhoneType... types) {
        return new CoolDown(id, source, scope, anyAttempt, outcomes, length, exemptWhenAgentOnLine, Set.of(types),
                consumerConsentExempts);
    }

    /**
     * The same cool-down, which lets through the call a consumer asked for within its 7-day consent
     * period (12 CFR 1006.14(b)(3)(i): such calls are excluded from the frequencies of (b)(2), the
     * cool-down after a conversation included). The conversation of that call still starts a cool-down.
     */
    public CoolDown exceptOnConsumerConsent() {
        return new CoolDown(id, source, scope, anyAttempt, outcomes, length, exemptWhenAgentOnLine, phoneTypes, true);
    }

    private String trigger() {
        return anyAttempt ? "any attempt" : outcomes.stream().sorted().map(Enum::name).toList().toString();
    }

    @Override
    public String describe() {
        return "cool-down " + id + ": after " + trigger() + " per " + scope.name().toLowerCase() + " for "
                + length.describe() + (exemptWhenAgentOnLine ? " unless an agent is on the line" : "")
                + " for " + phoneTypes.stream().sorted().map(Enum::name).toList()
                + (consumerConsentExempts ? " unless the consumer asked for the call" : "") + " [" + source + "]";
    }

    @Override
    public Duration lookback() {
        return length.lookback();
    }

    private boolean triggers(PastAttempt a, Instant now) {
        if (!a.counts(now)) {
            return false; // released, or lapsed without being dialed: no call
        }
        if (anyAttempt) {
            return !a.inbound(); // a conversation the consumer started is no attempt of ours
        }
        if (a.state().pending()) {
            return false; // no outcome yet; a call in progress is covered by the no-concurrent-calls rule
        }
        if (a.orphaned()) {
            return false; // dialed, then lost by a crash: one call, but no outcome is known to start this cool-down
        }
        CallOutcome o = a.assumedOutcome();
        return o == CallOutcome.UNKNOWN || outcomes.contains(o);
    }

    @Override
    public RuleResult evaluate(EvaluationContext ctx) {
        String title = "no call for " + length.describe() + " after " + trigger() + " per "
                + scope.name().toLowerCase() + " (" + source + ")";
        if (!phoneTypes.contains(ctx.request().phoneType())) {
            return RuleResult.pass(id, title + ": does not apply to " + ctx.request().phoneType() + " numbers");
        }
        if (exemptWhenAgentOnLine && ctx.request().agentOnLine()) {
            return RuleResult.pass(id, title + ": exempt, a live agent is on the line");
        }
        if (consumerConsentExempts) {
            var consent = ctx.regFConsent();
            if (consent.isPresent()) {
                return RuleResult.pass(id, title + ": excluded, placed on the consumer's direct consent: " + consent.get().describe());
            }
        }
        List<ZoneId> zones = length.zoneDependent() ? List.copyOf(ctx.zones().zones()) : List.of(ZoneId.of("UTC"));
        Instant until = null;
        PastAttempt cause = null;
        for (Scope.Group group : scope.groups(ctx.request(), ctx.history())) {
            for (PastAttempt a : group.attempts()) {
                if (!phoneTypes.contains(a.phoneType()) || !triggers(a, ctx.now())) {
                    continue;
                }
                for (ZoneId zone : zones) {
                    if (length.contains(a.lastActivity(), ctx.now(), zone)) {
                        Instant free = length.leaves(a.lastActivity(), zone);
                        if (until == null || free.isAfter(until)) {
                            until = free;
                            cause = a;
                        }
                    }
                }
            }
        }
        if (until == null) {
            return RuleResult.pass(id, title + ": no trigger in the window");
        }
        List<String> what = new ArrayList<>();
        what.add((cause.inbound() ? "inbound conversation #" : "reservation #") + cause.id() + " at " + cause.lastActivity());
        what.add(cause.state().pending() ? "in progress" : String.valueOf(cause.assumedOutcome()));
        return RuleResult.fail(id, title + ": triggered by " + String.join(", ", what), until);
    }
}
