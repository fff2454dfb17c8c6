package dialer.pacing.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints simulation results side by side, one row per scenario and pacer. */
public final class ResultTable {

    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;

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
        String header = String.format(Locale.ROOT, "%-18s %-14s %5s %9s %10s %9s %10s %9s %8s %9s %8s",
                "scenario", "pacer", "runs", "occupancy", "talk min/h", "abandon", "worst hour", "worst run", "dials",
                "dials/a.h", "lines/a");
        out.append(header).append('\n');
        out.append("-".repeat(header.length())).append('\n');
        String previous = null;
        for (SimulationResult r : rows) {
            if (previous != null && !previous.equals(r.scenario())) {
                out.append('\n');
            }
            previous = r.scenario();
            out.append(String.format(Locale.ROOT, "%-18s %-14s %5d %8.1f%% %10.1f %8.2f%% %9.2f%% %8.2f%% %8d %9.1f %8.2f%n",
                    r.scenario(), r.contender(), r.runs(), 100 * r.occupancy(), r.talkMinutesPerAgentHour(),
                    100 * r.abandonRate(), 100 * r.worstHourAbandonRate(), 100 * r.worstRunAbandonRate(), r.dials(),
                    r.dialsPerAgentHour(), r.linesPerAgent()));
        }
        return out.toString();
    }

    /**
     * For results of scenarios whose traffic changes (at the given time): the worst 10- and 30-minute
     * windows that start in the first hour after the change, those that start any time after it, and,
     * as the steady-state reference, those between 30 minutes (past the cold start) and the change.
     */
    public static String renderWindows(Map<SimulationResult, Long> changeMillis) {
        StringBuilder out = new StringBuilder();
        String header = String.format(Locale.ROOT, "%-18s %-14s %5s %9s | %8s %8s | %8s %8s | %8s %8s",
                "scenario", "pacer", "runs", "change at", "10m 1st", "30m 1st", "10m all", "30m all", "10m bef", "30m bef");
        out.append(header).append('\n');
        out.append("-".repeat(header.length())).append('\n');
        for (Map.Entry<SimulationResult, Long> e : changeMillis.entrySet()) {
            SimulationResult r = e.getKey();
            long change = e.getValue();
            out.append(String.format(Locale.ROOT, "%-18s %-14s %5d %8.1fh | %7.2f%% %7.2f%% | %7.2f%% %7.2f%% | %7.2f%% %7.2f%%%n",
                    r.scenario(), r.contender(), r.runs(), change / 3_600_000.0,
                    100 * r.worstWindowAbandonRate(change, change + HOUR + 10 * MINUTE, 10),
                    100 * r.worstWindowAbandonRate(change, change + HOUR + 30 * MINUTE, 30),
                    100 * r.worstWindowAbandonRate(change, Long.MAX_VALUE, 10),
                    100 * r.worstWindowAbandonRate(change, Long.MAX_VALUE, 30),
                    100 * r.worstWindowAbandonRate(30 * MINUTE, change, 10),
                    100 * r.worstWindowAbandonRate(30 * MINUTE, change, 30)));
        }
        return out.toString();
    }

    /**
     * For results of scenarios with answering-machine false positives: the pacer's own abandons and the
     * false positives, both per person who answered, their sum (the regulator's count), the worst single
     * run, and the false-positive rate the pacer was told to expect (the value of the map).
     */
    public static String renderFalsePositives(Map<SimulationResult, Double> configuredRate, double cap) {
        StringBuilder out = new StringBuilder();
        String header = String.format(Locale.ROOT, "%-26s %-14s %5s %9s %9s | %8s %8s %8s %9s | %s",
                "scenario", "pacer", "runs", "expects", "occupancy", "own", "AMD fp", "total", "worst run",
                String.format(Locale.ROOT, "<= %.1f%%?", 100 * cap));
        out.append(header).append('\n');
        out.append("-".repeat(header.length())).append('\n');
        for (Map.Entry<SimulationResult, Double> e : configuredRate.entrySet()) {
            SimulationResult r = e.getKey();
            boolean holds = r.worstRunAbandonRate() <= cap;
            out.append(String.format(Locale.ROOT, "%-26s %-14s %5d %8.2f%% %8.1f%% | %7.2f%% %7.2f%% %7.2f%% %8.2f%% | %s%n",
                    r.scenario(), r.contender(), r.runs(), 100 * e.getValue(), 100 * r.occupancy(),
                    100 * r.ownAbandonRate(), 100 * r.falsePositiveRate(), 100 * r.abandonRate(),
                    100 * r.worstRunAbandonRate(), holds ? "yes, every run" : "NO"));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return render();
    }
}
