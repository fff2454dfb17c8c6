package dialer.compliance;

import dialer.compliance.rules.AutomaticDialingFlags;
import dialer.compliance.rules.CallingWindow;
import dialer.compliance.rules.ConsentRequired;
import dialer.compliance.rules.CoolDown;
import dialer.compliance.rules.DebtorRestriction;
import dialer.compliance.rules.DoNotCall;
import dialer.compliance.rules.EvaluationContext;
import dialer.compliance.rules.FrequencyLimit;
import dialer.compliance.rules.NoConcurrentCalls;
import dialer.compliance.rules.Rule;
import dialer.compliance.rules.RuleSet;
import dialer.compliance.rules.Scope;
import dialer.compliance.rules.ThirdPartyGate;
import dialer.compliance.rules.UnverifiedDispute;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an ALLOW promises, checked rule by rule from the rules' parameters and the raw context,
 * without the rules' own evaluate(): no window closed (unless the consumer's request opens it), no
 * limit exceeded once the call is added, no cool-down running, no list, flag or gate against it.
 * Returns the broken promises (empty: none).
 */
final class RuleOracle {

    private RuleOracle() {
    }

    /** The consumer request that covers this call, found independently of {@link EvaluationContext#consumerRequest()}. */
    static Optional<ConsumerRequest> asked(EvaluationContext ctx) {
        CallRequest r = ctx.request();
        Instant now = ctx.now();
        return ctx.consumerRequests().stream()
                .filter(q -> q.debtorId().equals(r.debtorId()) && q.phone().equals(r.phone()))
                .filter(q -> q.debtIds().isEmpty() || (!r.debtIds().isEmpty() && q.debtIds().containsAll(r.debtIds())))
                .filter(q -> !now.isBefore(q.requestedFor().minus(ConsumerRequest.TOLERANCE_BEFORE))
                        && now.isBefore(q.requestedFor().plus(ConsumerRequest.TOLERANCE_AFTER)))
                .filter(q -> ctx.history().stream().noneMatch(a -> a.consumerRequestId() != null
                        && a.consumerRequestId() == q.id() && a.counts(now)))
                .findFirst();
    }

    static boolean regFConsent(EvaluationContext ctx) {
        return asked(ctx).filter(q -> !ctx.now().isBefore(q.givenAt())
                && ctx.now().isBefore(q.givenAt().plus(ConsumerRequest.REG_F_CONSENT_PERIOD))).isPresent();
    }

    static List<String> brokenBy(RuleSet campaignRules, EvaluationContext ctx) {
        RuleSet rules = campaignRules.forRequest(ctx.request()); // with the debtor's state overlay, as evaluate() does
        List<String> broken = new ArrayList<>();
        CallRequest r = ctx.request();
        Instant now = ctx.now();
        List<ZoneId> zones = List.copyOf(ctx.zones().zones());
        for (Rule rule : rules.rules()) {
            String id = rule.id();
            if (rule instanceof CallingWindow w) {
                if (w.appliesTo(ctx.zones(), r.phoneType()) && !(w.consumerMayAsk() && asked(ctx).isPresent())) {
                    for (ZoneId z : zones) {
                        if (!w.openAt(now, z)) {
                            broken.add(id + ": closed in " + z);
                        }
                    }
                }
            } else if (rule instanceof FrequencyLimit f) {
                if (!f.phoneTypes().contains(r.phoneType()) || (f.consumerConsentExcludes() && regFConsent(ctx))) {
                    continue;
                }
                for (Scope.Group g : f.scope().groups(r, ctx.history())) {
                    for (ZoneId z : f.window().zoneDependent() ? zones : List.of(ZoneId.of("UTC"))) {
                        long n = g.attempts().stream()
                                .filter(a -> !a.inbound() && f.phoneTypes().contains(a.phoneType()))
                                .filter(a -> !(f.consumerConsentExcludes() && a.regFExcluded()))
                                .filter(a -> f.counted().counts(a, now))
                                .filter(a -> f.window().contains(a.placedAt(), now, z))
                                .count();
                        if (n + 1 > f.max()) {
                            broken.add(id + ": " + (n + 1) + " > " + f.max() + " for " + g.label() + " in " + z);
                        }
                    }
                }
            } else if (rule instanceof CoolDown c) {
                if (!c.phoneTypes().contains(r.phoneType()) || (c.exemptWhenAgentOnLine() && r.agentOnLine())
                        || (c.consumerConsentExempts() && regFConsent(ctx))) {
                    continue;
                }
                for (Scope.Group g : c.scope().groups(r, ctx.history())) {
                    for (PastAttempt a : g.attempts()) {
                        if (!c.phoneTypes().contains(a.phoneType()) || !a.counts(now)) {
                            continue;
                        }
                        boolean trigger = c.anyAttempt() ? !a.inbound()
                                : !a.state().pending() && !a.orphaned()
                                && (a.assumedOutcome() == CallOutcome.UNKNOWN || c.outcomes().contains(a.assumedOutcome()));
                        if (!trigger) {
                            continue;
                        }
                        for (ZoneId z : c.length().zoneDependent() ? zones : List.of(ZoneId.of("UTC"))) {
                            if (c.length().contains(a.lastActivity(), now, z)) {
                                broken.add(id + ": triggered by #" + a.id() + " in " + z);
                            }
                        }
                    }
                }
            } else if (rule instanceof DoNotCall) {
                ctx.lists().stream().filter(e -> e.kind() == ListKind.DO_NOT_CALL && r.phone().equals(e.phone()))
                        .filter(e -> e.activeAt(now))
                        .filter(e -> (e.campaignId() == null && e.creditorId() == null) || r.campaignId().equals(e.campaignId())
                                || (e.creditorId() != null && e.creditorId().equals(r.creditorId())))
                        .forEach(e -> broken.add(id + ": listed #" + e.id()));
            } else if (rule instanceof DebtorRestriction d) {
                boolean applies = d.list() != ListKind.NO_CALLS_AT_WORK || r.phoneType() == PhoneType.WORK;
                boolean listed = ctx.lists().stream().anyMatch(e -> e.kind() == d.list() && r.debtorId().equals(e.debtorId())
                        && e.activeAt(now) && ((e.campaignId() == null && e.creditorId() == null)
                        || r.campaignId().equals(e.campaignId()) || (e.creditorId() != null && e.creditorId().equals(r.creditorId()))));
                if (applies && (r.flags().contains(d.flag()) || listed)) {
                    broken.add(id);
                }
            } else if (rule instanceof UnverifiedDispute) {
                if (r.flags().contains(AccountFlag.DISPUTE_UNVERIFIED)) {
                    broken.add(id);
                }
            } else if (rule instanceof AutomaticDialingFlags f) {
                if (r.path().automatic() && r.flags().stream().anyMatch(f.flags()::contains)) {
                    broken.add(id);
                }
            } else if (rule instanceof ConsentRequired c) {
                if (c.phoneTypes().contains(r.phoneType()) && c.paths().contains(r.path())
                        && !(r.consent() != null && r.consent().validAt(now))
                        && ctx.lists().stream().noneMatch(e -> e.kind() == ListKind.CONSENT && r.phone().equals(e.phone())
                        && r.debtorId().equals(e.debtorId()) && e.activeAt(now)
                        && ((e.campaignId() == null && e.creditorId() == null) || r.campaignId().equals(e.campaignId())
                        || (e.creditorId() != null && e.creditorId().equals(r.creditorId()))))) {
                    broken.add(id);
                }
            } else if (rule instanceof ThirdPartyGate g) {
                if (r.phoneType() != PhoneType.THIRD_PARTY) {
                    continue;
                }
                List<PastAttempt> own = ctx.history().stream().filter(a -> a.debtorId().equals(r.debtorId())
                        && a.phoneType() != PhoneType.THIRD_PARTY && a.counts(now)).toList();
                if (own.stream().anyMatch(a -> a.assumedOutcome().rightPartyContact()
                        && now.isBefore(a.lastActivity().plus(g.reachedWithin())))) {
                    broken.add(id + ": reached");
                }
                if (r.debtorOwnNumbers().isEmpty() ? !r.debtorOwnNumbersExhausted()
                        : r.debtorOwnNumbers().stream().anyMatch(n -> own.stream().noneMatch(a -> a.phone().equals(n)
                        && !a.inbound() && !a.state().pending() && now.isBefore(a.placedAt().plus(g.triedWithin()))))) {
                    broken.add(id + ": not tried");
                }
            } else if (rule instanceof NoConcurrentCalls) {
                if (ctx.history().stream().anyMatch(a -> a.inProgress(now)
                        && (a.debtorId().equals(r.debtorId()) || a.phone().equals(r.phone())))) {
                    broken.add(id);
                }
            } else {
                broken.add(id + ": the oracle does not know rule type " + rule.getClass().getSimpleName());
            }
        }
        return broken;
    }
}
