package dialer.pacing.sim;

import java.util.List;

/**
 * What one simulated shift (or several pooled) measured.
 *
 * <ul>
 *   <li>occupancy = (talk + wrap-up) / logged-in time; paused time is logged-in time;</li>
 *   <li>abandonment = abandoned / live answered; a live answer not connected within the grace time is
 *       abandoned, and answering-machine false positives count as answered and abandoned;</li>
 *   <li>lines per agent = time-average of calls ringing or waiting for an agent, per logged-in agent.</li>
 * </ul>
 */
public record SimulationResult(String scenario, String contender, int runs, long shiftMillis,
                               long loggedInMillis, long talkMillis, long wrapMillis,
                               long dials, long liveAnswered, long abandoned, long falsePositives,
                               double lineMillis, long[] hourlyLive, long[] hourlyAbandoned) {

    public double occupancy() {
        return loggedInMillis == 0 ? 0 : (double) (talkMillis + wrapMillis) / loggedInMillis;
    }

    public double agentHours() {
        return loggedInMillis / 3_600_000.0;
    }

    public double talkMinutesPerAgentHour() {
        return loggedInMillis == 0 ? 0 : talkMillis / 60_000.0 / agentHours();
    }

    public double abandonRate() {
        return liveAnswered == 0 ? 0 : (double) abandoned / liveAnswered;
    }

    /** The highest abandonment of any clock hour of any pooled run (hours with no live answer skipped). */
    public double worstHourAbandonRate() {
        double worst = 0;
        for (int i = 0; i < hourlyLive.length; i++) {
            if (hourlyLive[i] > 0) {
                worst = Math.max(worst, (double) hourlyAbandoned[i] / hourlyLive[i]);
            }
        }
        return worst;
    }

    public double dialsPerAgentHour() {
        return loggedInMillis == 0 ? 0 : dials / agentHours();
    }

    public double linesPerAgent() {
        return loggedInMillis == 0 ? 0 : lineMillis / loggedInMillis;
    }

    /** Sums runs of the same scenario and contender (e.g. several seeds); hours are kept per run. */
    public static SimulationResult pool(List<SimulationResult> results) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("nothing to pool");
        }
        SimulationResult first = results.get(0);
        int runs = 0;
        long in = 0;
        long talk = 0;
        long wrap = 0;
        long dials = 0;
        long live = 0;
        long abandoned = 0;
        long fp = 0;
        double lines = 0;
        int hours = 0;
        for (SimulationResult r : results) {
            hours += r.hourlyLive.length;
        }
        long[] hl = new long[hours];
        long[] ha = new long[hours];
        int at = 0;
        for (SimulationResult r : results) {
            runs += r.runs;
            in += r.loggedInMillis;
            talk += r.talkMillis;
            wrap += r.wrapMillis;
            dials += r.dials;
            live += r.liveAnswered;
            abandoned += r.abandoned;
            fp += r.falsePositives;
            lines += r.lineMillis;
            System.arraycopy(r.hourlyLive, 0, hl, at, r.hourlyLive.length);
            System.arraycopy(r.hourlyAbandoned, 0, ha, at, r.hourlyAbandoned.length);
            at += r.hourlyLive.length;
        }
        return new SimulationResult(first.scenario, first.contender, runs, first.shiftMillis, in, talk, wrap,
                dials, live, abandoned, fp, lines, hl, ha);
    }
}
