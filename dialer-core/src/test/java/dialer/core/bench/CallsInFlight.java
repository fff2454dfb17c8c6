package dialer.core.bench;

import dialer.ami.CallOutcome;
import dialer.core.engine.EngineListener;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The campaign's callee calls in flight over time, as the simulator counts its lines: from the moment a
 * call is placed until it resolves as anything but a person (machine, busy, no answer, ...), or, for a
 * person, until they are connected to an agent or abandoned; and their time integral over a window (the
 * simulator's lines per agent is that integral over the logged-in agent time).
 */
final class CallsInFlight implements EngineListener {

    /** A call in flight over [from, to); {@code to} is Long.MAX_VALUE while it still is. */
    record Span(long from, long to) {
    }

    /** Attempt -> its span; engine thread, read under the lock. */
    private final Map<Long, Span> spans = new HashMap<>();

    @Override
    public synchronized void callPlaced(long campaignId, long attemptId) {
        spans.putIfAbsent(attemptId, new Span(System.currentTimeMillis(), Long.MAX_VALUE));
    }

    @Override
    public void callResolved(long campaignId, long attemptId, CallOutcome outcome) {
        if (outcome != CallOutcome.ANSWERED_HUMAN) {
            landed(attemptId);
        }
    }

    @Override
    public void callConnected(long campaignId, long attemptId, long agentId) {
        landed(attemptId);
    }

    @Override
    public void callAbandoned(long campaignId, long attemptId) {
        landed(attemptId);
    }

    @Override
    public void callEnded(long campaignId, long attemptId) {
        landed(attemptId);
    }

    private synchronized void landed(long attemptId) {
        Span s = spans.get(attemptId);
        if (s != null && s.to() == Long.MAX_VALUE) {
            spans.put(attemptId, new Span(s.from(), System.currentTimeMillis()));
        }
    }

    /** Call-milliseconds in flight within [from, to). */
    synchronized double lineMillis(long fromMillis, long toMillis) {
        return lineMillis(new ArrayList<>(spans.values()), fromMillis, toMillis);
    }

    static double lineMillis(List<Span> spans, long fromMillis, long toMillis) {
        double sum = 0;
        for (Span s : spans) {
            sum += Math.max(0, Math.min(s.to(), toMillis) - Math.max(s.from(), fromMillis));
        }
        return sum;
    }
}
