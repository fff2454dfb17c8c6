package dialer.compliance;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * The guard's answer for one proposed call.
 *
 * @param results every rule's result, in rule-set order (passed ones too)
 * @param calleeZones the zones the callee may be in; times had to be allowed in all of them
 * @param zoneSources where each zone came from (address, phone, explicit, fallback)
 * @param nextAllowedAt for a BLOCK, the first instant at which every rule would pass if nothing
 *        changed (calling windows included); null when no time can be given because something has
 *        to change first (a list entry, a flag, consent, a call in progress). For ALLOW, {@code evaluatedAt}.
 */
public record Decision(Verdict verdict, List<RuleResult> results, String ruleSetId, String ruleSetVersion,
                       Set<ZoneId> calleeZones, String zoneSources, Instant evaluatedAt, Instant nextAllowedAt) {

    public Decision {
        results = List.copyOf(results);
        calleeZones = Set.copyOf(calleeZones);
    }

    public boolean allowed() {
        return verdict == Verdict.ALLOW;
    }

    public List<RuleResult> failures() {
        return results.stream().filter(r -> !r.passed()).toList();
    }

    /** One line for logs: verdict, rule set and the failing rules' ids (reasons never carry a full number). */
    public String summary() {
        return verdict + " by " + ruleSetId + "@" + ruleSetVersion
                + (allowed() ? "" : " " + failures().stream().map(RuleResult::ruleId).toList()
                + " next " + (nextAllowedAt == null ? "unknown" : nextAllowedAt.toString()));
    }
}
