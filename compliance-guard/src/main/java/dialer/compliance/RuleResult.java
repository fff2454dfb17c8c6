package dialer.compliance;

import java.time.Instant;

/**
 * One rule's verdict on one proposed call.
 *
 * @param reason human-readable: names the rule, its numbers and its source, and what was found;
 *        never carries a full phone number
 * @param nextAllowedAt for a failed rule, the first instant at which this rule alone would pass if
 *        nothing else happened; null when no time can be given (a list entry, a flag, missing
 *        consent, a call in progress: something has to change first). Null for a passed rule.
 */
public record RuleResult(String ruleId, boolean passed, String reason, Instant nextAllowedAt) {

    public static RuleResult pass(String ruleId, String reason) {
        return new RuleResult(ruleId, true, reason, null);
    }

    public static RuleResult fail(String ruleId, String reason, Instant nextAllowedAt) {
        return new RuleResult(ruleId, false, reason, nextAllowedAt);
    }
}
