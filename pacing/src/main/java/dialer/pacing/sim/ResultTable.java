package dialer.pacing.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints simulation results side by side, one row per scenario and pacer. */
public final class ResultTable {

    private final List<SimulationResult> rows = new ArrayList<>();

    public ResultTable add(SimulationResult result) {
        rows.add(result);
        return this;
    }

    public List<SimulationResult> rows() {
        return List.copyOf(rows);
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        String header = String.format(Locale.ROOT, "%-18s %-14s %5s %9s %10s %9s %10s %8s %9s %8s",
                "scenario", "pacer", "runs", "occupancy", "talk min/h", "abandon", "worst hour", "dials", "dials/a.h", "lines/a");
        out.append(header).append('\n');
        out.append("-".repeat(header.length())).append('\n');
        String previous = null;
        for (SimulationResult r : rows) {
            if (previous != null && !previous.equals(r.scenario())) {
                out.append('\n');
            }
            previous = r.scenario();
            out.append(String.format(Locale.ROOT, "%-18s %-14s %5d %8.1f%% %10.1f %8.2f%% %9.2f%% %8d %9.1f %8.2f%n",
                    r.scenario(), r.contender(), r.runs(), 100 * r.occupancy(), r.talkMinutesPerAgentHour(),
                    100 * r.abandonRate(), 100 * r.worstHourAbandonRate(), r.dials(), r.dialsPerAgentHour(),
                    r.linesPerAgent()));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return render();
    }
}
