package dialer.compliance.rules;

import dialer.compliance.Masking;
import dialer.compliance.PastAttempt;
import dialer.compliance.RuleResult;

import java.util.Comparator;
import java.util.Optional;

/**
 * No second call to a debtor, or to a number, while another one is in progress (reserved or
 * dialed, not yet completed or released). Without it a debtor could be rung on two numbers at once,
 * and the outcome of the first call (a conversation starting a cool-down) would come too late.
 */
public record NoConcurrentCalls(String id, String source) implements Rule {

    @Override
    public String describe() {
        return "concurrency " + id + " [" + source + "]";
    }

    @Override
    public RuleResult evaluate(EvaluationContext ctx) {
        var r = ctx.request();
        String title = "one call at a time per debtor and per number (" + source + ")";
        Optional<PastAttempt> busy = ctx.history().stream()
                .filter(a -> a.inProgress(ctx.now()))
                .filter(a -> a.debtorId().equals(r.debtorId()) || a.phone().equals(r.phone()))
                .min(Comparator.comparing(PastAttempt::startedAt));
        if (busy.isEmpty()) {
            return RuleResult.pass(id, title + ": none in progress");
        }
        PastAttempt a = busy.get();
        return RuleResult.fail(id, title + ": reservation #" + a.id() + " (" + a.state() + " since " + a.startedAt()
                + ", " + (a.debtorId().equals(r.debtorId()) ? "debtor " + a.debtorId() : "number " + Masking.phone(a.phone()))
                + ") is still in progress", null);
    }
}
