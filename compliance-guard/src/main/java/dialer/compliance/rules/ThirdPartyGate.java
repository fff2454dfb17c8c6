package dialer.compliance.rules;

import dialer.compliance.PhoneType;
import dialer.compliance.RuleResult;

/**
 * A THIRD_PARTY number (a relative, a reference, an emergency contact) may be dialled only when the
 * caller says the debtor's own numbers are exhausted or unreachable. Its own limits are ordinary
 * {@link FrequencyLimit}s restricted to THIRD_PARTY numbers.
 */
public record ThirdPartyGate(String id, String source) implements Rule {

    @Override
    public String describe() {
        return "third-party " + id + ": only when the debtor's own numbers are exhausted [" + source + "]";
    }

    @Override
    public RuleResult evaluate(EvaluationContext ctx) {
        String title = "third-party numbers only when the debtor's own numbers are exhausted (" + source + ")";
        if (ctx.request().phoneType() != PhoneType.THIRD_PARTY) {
            return RuleResult.pass(id, title + ": the debtor's own number");
        }
        if (ctx.request().debtorOwnNumbersExhausted()) {
            return RuleResult.pass(id, title + ": the request says they are");
        }
        return RuleResult.fail(id, title + ": the request says the debtor's own numbers are not exhausted", null);
    }
}
