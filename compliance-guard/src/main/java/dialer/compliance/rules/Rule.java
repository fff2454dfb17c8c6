package dialer.compliance.rules;

import dialer.compliance.RuleResult;

import java.time.Duration;

/**
 * One compliance rule. A call is allowed only when every rule of its rule set passes, so adding a
 * rule can only tighten a rule set. Evaluation is a pure function of the context: same request,
 * history, lists and instant give the same result.
 */
public interface Rule {

    /** Stable id, unique within a rule set, e.g. {@code us.regf.7in7.dates}. */
    String id();

    /** Where the rule and its numbers come from (regulation, guideline, house policy). */
    String source();

    /** Canonical one-line description of every parameter: feeds the rule set's version hash. */
    String describe();

    RuleResult evaluate(EvaluationContext context);

    /** How far back this rule needs to see past attempts. */
    default Duration lookback() {
        return Duration.ZERO;
    }
}
