package dialer.core.bench;

import dialer.core.engine.AgentState;
import dialer.core.engine.AgentStatus;
import dialer.core.engine.EngineListener;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every agent's state changes as the engine told them (stamped with the wall clock), and from them the
 * simulator's occupancy over a window: (talk + wrap-up) / logged-in time, paused time counting as
 * logged in. Talk is RESERVED and ON_CALL (the pacer sees both as talking: a reserved agent is being
 * given a detected person), wrap-up is WRAP_UP.
 */
final class AgentTimeline implements EngineListener {

    /** An agent's state from {@code atMillis} on. */
    record Change(long agentId, long atMillis, AgentState state) {
    }

    /** Summed over agents, in milliseconds. */
    record Occupancy(long loggedInMillis, long talkMillis, long wrapMillis) {

        double occupancy() {
            return loggedInMillis == 0 ? 0 : (double) (talkMillis + wrapMillis) / loggedInMillis;
        }
    }

    private final List<Change> changes = new ArrayList<>();

    @Override
    public void agentChanged(AgentStatus status) {
        record(new Change(status.agentId(), System.currentTimeMillis(), status.state()));
    }

    synchronized void record(Change change) {
        changes.add(change);
    }

    synchronized Occupancy over(long fromMillis, long toMillis) {
        return over(changes, fromMillis, toMillis);
    }

    /** The occupancy over [from, to) of agents who changed as {@code changes} says (in time order per agent). */
    static Occupancy over(List<Change> changes, long fromMillis, long toMillis) {
        Map<Long, List<Change>> byAgent = new LinkedHashMap<>();
        for (Change c : changes) {
            byAgent.computeIfAbsent(c.agentId(), k -> new ArrayList<>()).add(c);
        }
        long in = 0;
        long talk = 0;
        long wrap = 0;
        for (List<Change> agent : byAgent.values()) {
            for (int i = 0; i < agent.size(); i++) {
                Change c = agent.get(i);
                long end = i + 1 < agent.size() ? agent.get(i + 1).atMillis() : toMillis;
                long span = Math.max(0, Math.min(end, toMillis) - Math.max(c.atMillis(), fromMillis));
                if (span == 0 || !c.state().loggedIn()) {
                    continue;
                }
                in += span;
                switch (c.state()) {
                    case RESERVED, ON_CALL -> talk += span;
                    case WRAP_UP -> wrap += span;
                    default -> {
                    }
                }
            }
        }
        return new Occupancy(in, talk, wrap);
    }
}
