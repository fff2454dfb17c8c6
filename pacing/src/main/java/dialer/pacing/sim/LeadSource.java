package dialer.pacing.sim;

/**
 * Where a simulated run takes the leads it dials. The default is a {@link LeadStream} (a fresh lead from
 * the scenario's traffic for every dial); a source may instead model a list of debtors, calling windows
 * and a queue order, and learn from how each dial ended.
 */
public interface LeadSource {

    /** The lead to dial now, at {@code nowMillis} of the run, or null when no lead may be called now. */
    Lead next(long nowMillis, Traffic traffic);

    /**
     * How a lead returned by {@link #next} ended: {@code connected} when its callee reached an agent (a
     * right-party contact when the lead is {@link Lead#rightParty()}); false for every other end (no live
     * answer, an answering-machine false positive, an abandon). Dials still in flight when the run ends are
     * not reported.
     */
    default void ended(Lead lead, long nowMillis, boolean connected) {
    }
}
