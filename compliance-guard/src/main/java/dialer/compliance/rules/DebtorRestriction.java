package dialer.compliance.rules;

import dialer.compliance.AccountFlag;
import dialer.compliance.ListEntry;
import dialer.compliance.ListKind;
import dialer.compliance.PhoneType;
import dialer.compliance.RuleResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * No call, on any path, to a debtor who is under a restriction, known either from a request flag or
 * from a stored list entry: cease communication, represented by an attorney, or no calls at work
 * (which only concerns WORK numbers).
 */
public record DebtorRestriction(String id, String source, ListKind list, AccountFlag flag) implements Rule {

    public DebtorRestriction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        if (list == null || !list.keyedByDebtor() || list == ListKind.CONSENT) {
            throw new IllegalArgumentException("a debtor restriction needs CEASE_COMMUNICATION, ATTORNEY or NO_CALLS_AT_WORK, got " + list);
        }
        Objects.requireNonNull(flag, "flag");
    }

    public static DebtorRestriction ceaseCommunication(String id, String source) {
        return new DebtorRestriction(id, source, ListKind.CEASE_COMMUNICATION, AccountFlag.CEASE_COMMUNICATION);
    }

    public static DebtorRestriction attorney(String id, String source) {
        return new DebtorRestriction(id, source, ListKind.ATTORNEY, AccountFlag.ATTORNEY_REPRESENTED);
    }

    public static DebtorRestriction noCallsAtWork(String id, String source) {
        return new DebtorRestriction(id, source, ListKind.NO_CALLS_AT_WORK, AccountFlag.NO_CALLS_AT_WORK);
    }

    @Override
    public String describe() {
        return "restriction " + id + ": " + list + " or flag " + flag + " [" + source + "]";
    }

    @Override
    public RuleResult evaluate(EvaluationContext ctx) {
        String title = switch (list) {
            case CEASE_COMMUNICATION -> "cease-communication request";
            case ATTORNEY -> "represented by an attorney";
            default -> "no calls at the place of work";
        } + " (" + source + ")";
        if (list == ListKind.NO_CALLS_AT_WORK && ctx.request().phoneType() != PhoneType.WORK) {
            return RuleResult.pass(id, title + ": not a WORK number");
        }
        List<String> why = new ArrayList<>();
        if (ctx.request().flags().contains(flag)) {
            why.add("the request carries flag " + flag);
        }
        ctx.entries(list).map(ListEntry::describe).forEach(d -> why.add("debtor " + ctx.request().debtorId() + " is on the " + d));
        if (why.isEmpty()) {
            return RuleResult.pass(id, title + ": none");
        }
        return RuleResult.fail(id, title + ": " + String.join("; ", why), null);
    }
}
