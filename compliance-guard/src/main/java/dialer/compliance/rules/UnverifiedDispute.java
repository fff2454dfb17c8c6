package dialer.compliance.rules;

import dialer.compliance.AccountFlag;
import dialer.compliance.RuleResult;

import java.util.Objects;

/**
 * No call on any path (automatic, callback, retry, preview, manual) while the request carries
 * {@link AccountFlag#DISPUTE_UNVERIFIED}: a dispute received within the validation period stops
 * collection until the debt collector has obtained and mailed the verification (15 U.S.C. 1692g(b);
 * 12 CFR 1006.38(d)(2)). A verified dispute ({@link AccountFlag#DISPUTE}) only stops automatic
 * dialing ({@link AutomaticDialingFlags}).
 */
public record UnverifiedDispute(String id, String source) implements Rule {

    public UnverifiedDispute {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
    }

    @Override
    public String describe() {
        return "dispute " + id + ": flag " + AccountFlag.DISPUTE_UNVERIFIED + " blocks every path [" + source + "]";
    }

    @Override
    public RuleResult evaluate(EvaluationContext ctx) {
        String title = "no collection call of any kind while a dispute is not verified (" + source + ")";
        if (!ctx.request().flags().contains(AccountFlag.DISPUTE_UNVERIFIED)) {
            return RuleResult.pass(id, title + ": no unverified dispute");
        }
        return RuleResult.fail(id, title + ": the account is flagged " + AccountFlag.DISPUTE_UNVERIFIED + " and the path is "
                + ctx.request().path() + "; every path is blocked until the verification is sent", null);
    }
}
