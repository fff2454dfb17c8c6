package dialer.compliance.rules;

import dialer.compliance.ListEntry;
import dialer.compliance.ListKind;
import dialer.compliance.Masking;
import dialer.compliance.RuleResult;

import java.util.List;

/** No call, on any path, to a number on the global or the campaign's do-not-call list. */
public record DoNotCall(String id, String source) implements Rule {

    @Override
    public String describe() {
        return "dnc " + id + " [" + source + "]";
    }

    @Override
    public RuleResult evaluate(EvaluationContext ctx) {
        List<ListEntry> hits = ctx.entries(ListKind.DO_NOT_CALL).toList();
        String title = "do-not-call lists (" + source + ")";
        if (hits.isEmpty()) {
            return RuleResult.pass(id, title + ": not listed");
        }
        return RuleResult.fail(id, title + ": " + Masking.phone(ctx.request().phone()) + " is on the "
                + String.join(" and the ", hits.stream().map(ListEntry::describe).toList()), null);
    }
}
