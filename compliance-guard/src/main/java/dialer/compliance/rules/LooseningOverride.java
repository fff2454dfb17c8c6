package dialer.compliance.rules;

import java.time.Instant;
import java.util.Objects;

/**
 * An explicit, audited loosening of a preset: rule {@code ruleId} is removed, and replaced by
 * {@code replacement} when that is not null. Who did it, when and why are part of the rule set's
 * version and are stored by the guard (table {@code compliance.rule_override}) before any decision
 * uses the loosened rule set.
 */
public record LooseningOverride(String ruleId, Rule replacement, String actor, String reason, Instant at) {
    public LooseningOverride {
        if (ruleId == null || ruleId.isBlank()) {
            throw new IllegalArgumentException("a loosening override must name the rule it loosens");
        }
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("a loosening override of rule " + ruleId + " must name who decided it (actor)");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a loosening override of rule " + ruleId + " must say why (reason)");
        }
        Objects.requireNonNull(at, "a loosening override of rule " + ruleId + " must say when it was decided");
    }

    public String describe() {
        return "override of " + ruleId + " by " + actor + " at " + at + " because " + reason + ": "
                + (replacement == null ? "removed" : "replaced by " + replacement.describe());
    }
}
