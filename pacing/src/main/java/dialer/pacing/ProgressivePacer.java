package dialer.pacing;

/**
 * Progressive pacing: one call per ready agent. Calls already ringing or waiting are counted against the
 * ready agents, so there is never more than one call per ready agent and nobody is abandoned unless an
 * agent walks away while their call rings. In a blended campaign the inbound callers waiting are counted
 * against the ready agents too: they take the next free agents first.
 */
public final class ProgressivePacer implements Pacer {

    @Override
    public PacingDecision decide(PacingSnapshot snapshot) {
        int ready = snapshot.readyAgents();
        int inFlight = snapshot.calls().size();
        int calls = callsFor(snapshot);
        return new PacingDecision(calls, "progressive: " + ready + " ready, " + inFlight + " in flight"
                + (snapshot.inboundWaiting() > 0 ? ", " + snapshot.inboundWaiting() + " inbound waiting" : ""));
    }

    /** The progressive number of calls for a snapshot (also the predictive pacer's floor). */
    static int callsFor(PacingSnapshot snapshot) {
        return Math.max(0, snapshot.readyAgents() - snapshot.calls().size() - snapshot.inboundWaiting());
    }
}
