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
 * Live answers and abandons are also counted per minute of each run ({@code minuteLive},
 * {@code minuteAbandoned}: the runs' minutes one after the other, {@link #minutesPerRun()} each), for the
 * worst clock hour and the worst sliding windows after a change of traffic.
 *
 * <p>Blended scenarios also count inbound callers: offered (arrived), answered within the service level's
 * time, answered, and abandoned (hung up while waiting); callers still waiting when the shift ends are
 * left out. Talk and wrap-up include inbound calls and the machines agents get on calls placed without AMD
 * (occupancy is the agents' whole work); abandonment,
 * live answers and dials are outbound only.
 */
public record SimulationResult(String scenario, String contender, int runs, long shiftMillis,
                               long loggedInMillis, long talkMillis, long wrapMillis,
                               long dials, long liveAnswered, long abandoned, long falsePositives,
                               double lineMillis, long[] minuteLive, long[] minuteAbandoned,
                               long inboundOffered, long inboundAnsweredWithin, long inboundAnswered,
                               long inboundAbandoned) {

    /** An outbound-only result. */
    public SimulationResult(String scenario, String contender, int runs, long shiftMillis,
                            long loggedInMillis, long talkMillis, long wrapMillis,
                            long dials, long liveAnswered, long abandoned, long falsePositives,
                            double lineMillis, long[] minuteLive, long[] minuteAbandoned) {
        this(scenario, contender, runs, shiftMillis, loggedInMillis, talkMillis, wrapMillis, dials, liveAnswered,
                abandoned, falsePositives, lineMillis, minuteLive, minuteAbandoned, 0, 0, 0, 0);
    }

    /**
     * Inbound callers answered within the service level's time over those resolved (answered or
     * abandoned): abandons count as missed. {@code NaN} without inbound callers.
     */
    public double inboundServiceLevel() {
        long resolved = inboundAnswered + inboundAbandoned;
        return resolved == 0 ? Double.NaN : (double) inboundAnsweredWithin / resolved;
    }

    /** Inbound callers who hung up while waiting, over those resolved; 0 without inbound callers. */
    public double inboundAbandonRate() {
        long resolved = inboundAnswered + inboundAbandoned;
        return resolved == 0 ? 0 : (double) inboundAbandoned / resolved;
    }

    private static final long MINUTE = 60_000;

    public int minutesPerRun() {
        return (int) ((shiftMillis + MINUTE - 1) / MINUTE);
    }

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

    /** Answering-machine false positives per live answer (people hung up on as machines): part of {@link #abandonRate()}. */
    public double falsePositiveRate() {
        return liveAnswered == 0 ? 0 : (double) falsePositives / liveAnswered;
    }

    /** The pacer's own abandons (no agent in time) per live answer: {@link #abandonRate()} less the false positives. */
    public double ownAbandonRate() {
        return liveAnswered == 0 ? 0 : (double) (abandoned - falsePositives) / liveAnswered;
    }

    /** The highest abandonment of any clock hour of any pooled run (hours with no live answer skipped). */
    public double worstHourAbandonRate() {
        double worst = 0;
        int perRun = minutesPerRun();
        for (int run = 0; run < minuteLive.length / perRun; run++) {
            for (int from = 0; from < perRun; from += 60) {
                worst = Math.max(worst, rate(run, from, Math.min(perRun, from + 60)));
            }
        }
        return worst;
    }

    /**
     * The highest abandonment of any window of {@code windowMinutes} whole minutes that lies within
     * [{@code fromMillis}, {@code toMillis}) (bounds rounded inwards to minutes), sliding a minute at a
     * time, in any pooled run; 0 when no such window holds a live answer. Used around a change of traffic:
     * "no 10-minute window after the step above 5%".
     */
    public double worstWindowAbandonRate(long fromMillis, long toMillis, int windowMinutes) {
        double worst = 0;
        int perRun = minutesPerRun();
        int first = (int) ((fromMillis + MINUTE - 1) / MINUTE);
        int last = (int) Math.min(perRun, Math.min(toMillis, shiftMillis) / MINUTE);
        for (int run = 0; run < minuteLive.length / perRun; run++) {
            for (int from = first; from + windowMinutes <= last; from++) {
                worst = Math.max(worst, rate(run, from, from + windowMinutes));
            }
        }
        return worst;
    }

    /** The highest abandonment of any single pooled run. */
    public double worstRunAbandonRate() {
        double worst = 0;
        int perRun = minutesPerRun();
        for (int run = 0; run < minuteLive.length / perRun; run++) {
            worst = Math.max(worst, rate(run, 0, perRun));
        }
        return worst;
    }

    /** Abandonment over minutes [from, to) of the given run; 0 without live answers. */
    private double rate(int run, int from, int to) {
        int base = run * minutesPerRun();
        long live = 0;
        long lost = 0;
        for (int m = base + from; m < base + to; m++) {
            live += minuteLive[m];
            lost += minuteAbandoned[m];
        }
        return live == 0 ? 0 : (double) lost / live;
    }

    public double dialsPerAgentHour() {
        return loggedInMillis == 0 ? 0 : dials / agentHours();
    }

    public double linesPerAgent() {
        return loggedInMillis == 0 ? 0 : lineMillis / loggedInMillis;
    }

    /** Sums runs of the same scenario, shift and contender (e.g. several seeds); minutes are kept per run. */
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
        long inOffered = 0;
        long inWithin = 0;
        long inAnswered = 0;
        long inAbandoned = 0;
        int minutes = 0;
        for (SimulationResult r : results) {
            if (r.shiftMillis != first.shiftMillis) {
                throw new IllegalArgumentException("runs of different shift lengths");
            }
            minutes += r.minuteLive.length;
        }
        long[] ml = new long[minutes];
        long[] ma = new long[minutes];
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
            inOffered += r.inboundOffered;
            inWithin += r.inboundAnsweredWithin;
            inAnswered += r.inboundAnswered;
            inAbandoned += r.inboundAbandoned;
            System.arraycopy(r.minuteLive, 0, ml, at, r.minuteLive.length);
            System.arraycopy(r.minuteAbandoned, 0, ma, at, r.minuteAbandoned.length);
            at += r.minuteLive.length;
        }
        return new SimulationResult(first.scenario, first.contender, runs, first.shiftMillis, in, talk, wrap,
                dials, live, abandoned, fp, lines, ml, ma, inOffered, inWithin, inAnswered, inAbandoned);
    }
}
