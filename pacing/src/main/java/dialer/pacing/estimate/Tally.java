package dialer.pacing.estimate;

/**
 * Counts over a time window.
 *
 * @param dials        dials placed
 * @param liveAnswered live answers whose wait for an agent resolved (connected or abandoned), plus
 *                     answering-machine-detection false positives
 * @param abandoned    live answers that got no agent within the grace time, plus AMD false positives
 */
public record Tally(long dials, long liveAnswered, long abandoned) {

    public static final Tally ZERO = new Tally(0, 0, 0);

    /** abandoned / live answered, 0 when nothing was answered. */
    public double abandonRate() {
        return liveAnswered == 0 ? 0 : (double) abandoned / liveAnswered;
    }

    /** How many more abandons the window can take and stay at or under {@code rate} (negative when over). */
    public double headroom(double rate) {
        return rate * liveAnswered - abandoned;
    }

    public Tally plus(Tally o) {
        return new Tally(dials + o.dials, liveAnswered + o.liveAnswered, abandoned + o.abandoned);
    }
}
