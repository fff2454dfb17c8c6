package dialer.core.bench;

import dialer.core.engine.EngineListener;

import java.util.ArrayList;
import java.util.List;

/** How long each of the live pacer's decisions took (the engine times them), stamped with the wall clock. */
final class DecisionTimes implements EngineListener {

    private record Decision(long atMillis, long nanos) {
    }

    private final List<Decision> decisions = new ArrayList<>();

    @Override
    public synchronized void pacerDecided(long campaignId, long nanos) {
        decisions.add(new Decision(System.currentTimeMillis(), nanos));
    }

    /** The decision times in [from, to), in microseconds, sorted. */
    synchronized double[] micros(long fromMillis, long toMillis) {
        return decisions.stream().filter(d -> d.atMillis() >= fromMillis && d.atMillis() < toMillis)
                .mapToDouble(d -> d.nanos() / 1_000.0).sorted().toArray();
    }
}
