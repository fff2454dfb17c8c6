package dialer.compliance.rules;

import dialer.compliance.AccountFlag;
import dialer.compliance.CallPath;
import dialer.compliance.RuleResult;

import java.util.EnumSet;
import java.util.Set;

/** Account flags (dispute, complaint, sensitive, VIP) that forbid automatic dialing; an agent may still call by hand. */
public record AutomaticDialingFlags(String id, String source, Set<AccountFlag> flags) implements Rule {

    public AutomaticDialingFlags {
        flags = Set.copyOf(flags);
    }

    public static AutomaticDialingFlags standard(String id, String source) {
        return new AutomaticDialingFlags(id, source, EnumSet.of(AccountFlag.DISPUTE, AccountFlag.COMPLAINT,
                AccountFlag.SENSITIVE, AccountFlag.VIP));
    }

    @Override
    public String describe() {
        return "flags " + id + ": " + flags.stream().sorted().toList() + " block automatic paths [" + source + "]";
    }

    @Override
    public RuleResult evaluate(EvaluationContext ctx) {
        CallPath path = ctx.request().path();
        String title = "no automatic dialing of accounts flagged " + flags.stream().sorted().toList() + " (" + source + ")";
        var present = ctx.request().flags().stream().filter(flags::contains).sorted().toList();
        if (present.isEmpty() || !path.automatic()) {
            return RuleResult.pass(id, title + (present.isEmpty() ? ": no such flag" : ": " + path + " is not automatic"));
        }
        return RuleResult.fail(id, title + ": account flagged " + present + " and the path is " + path, null);
    }
}
