package dialer.core.bench;

import dialer.core.engine.AgentState;
import dialer.core.engine.AgentStatus;
import dialer.core.engine.EngineListener;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each agent was ready for a call, as the engine told its listeners (on the engine thread,
 * stamped with the wall clock that Asterisk's event timestamps use): so that a connect can be split
 * into waiting for a free agent (the pacer's over-dialing, not latency) and the dialer's own part,
 * from the later of detection and the agent's being ready to the person's joining the agent.
 */
final class AgentReadiness implements EngineListener {

    /** An agent's state from {@code from} (epoch seconds) on. */
    private record Change(double from, AgentState state) {
    }

    /** Agent's conference -> their state changes in order; written on the engine thread, read after the run. */
    private final Map<String, List<Change>> changes = new ConcurrentHashMap<>();

    @Override
    public void agentChanged(AgentStatus status) {
        double now = System.currentTimeMillis() / 1000.0;
        List<Change> list = changes.computeIfAbsent("agent-" + status.extension(), k -> new ArrayList<>());
        synchronized (list) {
            list.add(new Change(now, status.state()));
        }
    }

    /**
     * When the agent of {@code conference} became free for a person detected at {@code detectedAt}:
     * {@code detectedAt} itself if they were READY then, else the first moment after it they were
     * READY or RESERVED (the engine reserves the agent it redirects the person to); NaN if unknown.
     */
    double freeFor(String conference, double detectedAt) {
        List<Change> list = changes.get(conference);
        if (list == null) {
            return Double.NaN;
        }
        synchronized (list) {
            AgentState atDetection = null;
            for (Change c : list) {
                if (c.from() <= detectedAt) {
                    atDetection = c.state();
                } else if (atDetection == AgentState.READY) {
                    return detectedAt;
                } else if (c.state() == AgentState.READY || c.state() == AgentState.RESERVED) {
                    return c.from();
                }
            }
            return atDetection == AgentState.READY ? detectedAt : Double.NaN;
        }
    }
}
