package dialer.pacing.sim;

import java.util.List;

/**
 * A simulated shift: its agents, how long it lasts, how the dialled population behaves and how that and
 * the staffing change over the shift.
 *
 * @param name         short name (S1, S2-answer-jump...)
 * @param description  one line for humans
 * @param agents       agents logged in at the start
 * @param shiftMillis  length of the shift
 * @param phases       traffic from each phase's start (the first starts at 0), in time order
 * @param agentEvents  staffing changes, in time order
 * @param inbound      blended scenarios: the inbound callers the same agents take (priority over outbound
 *                     connects); null for an outbound-only scenario
 */
public record Scenario(String name, String description, int agents, long shiftMillis,
                       List<Phase> phases, List<AgentEvent> agentEvents, InboundTraffic inbound) {

    /** An outbound-only scenario. */
    public Scenario(String name, String description, int agents, long shiftMillis,
                    List<Phase> phases, List<AgentEvent> agentEvents) {
        this(name, description, agents, shiftMillis, phases, agentEvents, null);
    }

    /** Traffic that applies from {@code startMillis} on. */
    public record Phase(long startMillis, Traffic traffic) {
    }

    public Scenario {
        phases = List.copyOf(phases);
        agentEvents = List.copyOf(agentEvents);
        if (phases.isEmpty() || phases.get(0).startMillis() != 0) {
            throw new IllegalArgumentException("a scenario's traffic starts at 0");
        }
        if (agents < 0 || shiftMillis <= 0) {
            throw new IllegalArgumentException("invalid agents or shift length");
        }
    }

    /** The traffic in force at {@code atMillis}. */
    public Traffic trafficAt(long atMillis) {
        Traffic current = phases.get(0).traffic();
        for (Phase p : phases) {
            if (p.startMillis() <= atMillis) {
                current = p.traffic();
            }
        }
        return current;
    }

    /**
     * The same scenario with {@code count} agents logged in at the start, named {@code NAME@count} (the
     * staffing changes still apply).
     */
    public Scenario withAgents(int count) {
        return new Scenario(name + "@" + count, description, count, shiftMillis, phases, agentEvents, inbound);
    }

    /** When the traffic first changes (the start of the second phase), or -1 when it never does. */
    public long trafficChangeMillis() {
        return phases.size() > 1 ? phases.get(1).startMillis() : -1;
    }

    /** The same scenario over a different shift length (events past its end never happen). */
    public Scenario withShiftMillis(long millis) {
        return new Scenario(name, description, agents, millis, phases, agentEvents, inbound);
    }

    /** The same scenario with other inbound callers (null: none). */
    public Scenario withInbound(InboundTraffic traffic) {
        return new Scenario(name, description, agents, shiftMillis, phases, agentEvents, traffic);
    }
}
