package dialer.pacing.predictive;

import dialer.pacing.estimate.Tally;

/**
 * The trailing-window guard's room: how many more abandons the short windows that end in the next two
 * minutes (10 minutes at one level, 30 minutes at another) can take and stay at their levels, given the
 * abandons and live answers already counted in them and the live answers expected until they end.
 *
 * <p>A window ending {@code d} from now holds what was counted over its past part (the last
 * {@code length - d}) plus the live answers of the next {@code d}, at the recent rate. Its room is
 * {@code level * (answers counted + expected) - abandons counted}. The guard's room is the smallest room of
 * the windows it keeps; a window whose answers (counted and expected) would take fewer than
 * {@code minAbandons} abandons at its level is not kept: abandons come in bursts of two to four even at a
 * steady 2.8%, so a window of a hundred answers cannot be held at 5% without stopping the pacer after every
 * burst (measured on S2: pacing/README.md, "Steps in the answer rate"); the first minutes of a day are not
 * kept either. The pacer then places no dial whose chance of a burst that fills the room is over
 * {@link dialer.pacing.PacingConfig#windowGuardChance()} ({@link ShortfallForecast#chanceOfAbandons}).
 */
public final class WindowGuard {

    /** The window ends looked at: now, and every 15 s up to two minutes from now. */
    static final long[] ENDS_IN_MILLIS = {0, 15_000, 30_000, 45_000, 60_000, 90_000, 120_000};

    /** Room of a guard that keeps no window (none has the volume, or none is configured). */
    public static final double UNLIMITED = Double.POSITIVE_INFINITY;

    /**
     * One window kept by the guard.
     *
     * @param lengthMillis the window's length (10 or 30 minutes)
     * @param level        the abandonment it must stay at or under
     */
    public record Window(long lengthMillis, double level) {
    }

    /**
     * The past spans to count for these windows, in the order {@link #room} reads them: for each window,
     * its length less each of {@link #ENDS_IN_MILLIS}.
     */
    public static long[] pastSpans(Window[] windows) {
        long[] spans = new long[windows.length * ENDS_IN_MILLIS.length];
        int k = 0;
        for (Window w : windows) {
            for (long d : ENDS_IN_MILLIS) {
                spans[k++] = w.lengthMillis() - d;
            }
        }
        return spans;
    }

    /**
     * The smallest room of the windows kept.
     *
     * @param windows           the windows (levels of 0 or less are skipped)
     * @param past              the counts over {@link #pastSpans(Window[])}, in its order
     * @param answersPerMilli   the live answers expected per millisecond from now on (the recent rate)
     * @param minAbandons       a window is kept only if its level times its answers (counted and expected) reaches this
     * @return the room in abandons (may be negative), or {@link #UNLIMITED} when no window is kept
     */
    public static double room(Window[] windows, Tally[] past, double answersPerMilli, double minAbandons) {
        double room = UNLIMITED;
        int k = 0;
        for (Window w : windows) {
            for (long d : ENDS_IN_MILLIS) {
                Tally t = past[k++];
                double answers = t.liveAnswered() + answersPerMilli * d;
                if (w.level() > 0 && w.level() * answers >= minAbandons) {
                    room = Math.min(room, w.level() * answers - t.abandoned());
                }
            }
        }
        return room;
    }

    private WindowGuard() {
    }
}
