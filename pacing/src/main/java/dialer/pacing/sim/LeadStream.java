package dialer.pacing.sim;

import java.util.SplittableRandom;

/**
 * Common random numbers: the k-th lead dialled in a run is drawn from a random stream of its own, derived
 * from the run's seed and k. Every pacer run with the same seed dials the same leads in the same order,
 * so differences between pacers come from the pacing, not from luck.
 */
final class LeadStream implements LeadSource {

    private final long seed;
    private long next;

    LeadStream(long seed) {
        this.seed = seed;
    }

    @Override
    public Lead next(long nowMillis, Traffic traffic) {
        return next(traffic);
    }

    Lead next(Traffic traffic) {
        long index = next++;
        return Lead.draw(new SplittableRandom(mix(seed * 0x9E3779B97F4A7C15L + index)), traffic);
    }

    /** SplitMix64's finaliser: spreads consecutive indexes over unrelated seeds. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
