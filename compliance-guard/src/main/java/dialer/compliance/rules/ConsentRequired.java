package dialer.compliance.rules;

import dialer.compliance.CallPath;
import dialer.compliance.ListEntry;
import dialer.compliance.ListKind;
import dialer.compliance.PhoneType;
import dialer.compliance.RuleResult;

import java.util.Comparator;
import java.util.Optional;
import java.util.Set;

/**
 * Calls of the given paths to numbers of the given types need the callee's consent, valid now:
 * either carried in the request or stored on the CONSENT list (per debtor and number). An expired
 * consent is named in the reason.
 */
public record ConsentRequired(String id, String source, Set<PhoneType> phoneTypes, Set<CallPath> paths) implements Rule {

    public ConsentRequired {
        phoneTypes = Set.copyOf(phoneTypes);
        paths = Set.copyOf(paths);
    }

    @Override
    public String describe() {
        return "consent " + id + ": for " + phoneTypes.stream().sorted().toList() + " on "
                + paths.stream().sorted().toList() + " [" + source + "]";
    }

    @Override
    public RuleResult evaluate(EvaluationContext ctx) {
        var r = ctx.request();
        String title = "consent needed for " + paths.stream().sorted().toList() + " calls to "
                + phoneTypes.stream().sorted().toList() + " numbers (" + source + ")";
        if (!phoneTypes.contains(r.phoneType()) || !paths.contains(r.path())) {
            return RuleResult.pass(id, title + ": not needed for a " + r.path() + " call to a " + r.phoneType() + " number");
        }
        if (r.consent() != null && r.consent().validAt(ctx.now())) {
            return RuleResult.pass(id, title + ": given " + r.consent().givenAt() + " (" + r.consent().source() + ")");
        }
        Optional<ListEntry> stored = ctx.entries(ListKind.CONSENT).max(Comparator.comparing(ListEntry::addedAt));
        if (stored.isPresent()) {
            return RuleResult.pass(id, title + ": on the " + stored.get().describe());
        }
        String why = r.consent() == null ? "no consent on record"
                : "the consent given " + r.consent().givenAt() + (r.consent().expiresAt() != null
                && !ctx.now().isBefore(r.consent().expiresAt()) ? " expired at " + r.consent().expiresAt() : " is not valid yet");
        return RuleResult.fail(id, title + ": " + why, null);
    }
}
