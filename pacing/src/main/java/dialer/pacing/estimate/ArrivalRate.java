package dialer.pacing.estimate;

/**
 * The rate of a stream of arrivals (inbound calls), exponentially weighted like the other estimates: arrivals
 * fade with a half-life, and so does the time they were watched for.
 *
 * <p>With decay rate {@code k = ln 2 / halfLife}, the estimate at {@code now} is the decayed count of
 * arrivals, {@code sum exp(-k (now - t_i))}, over the decayed time watched since the start,
 * {@code (1 - exp(-k (now - start))) / k}. Both weigh the same moments the same, so for a Poisson stream of
 * constant rate the estimate is unbiased at any age; after a change of rate it follows within a few
 * half-lives. Before {@link #start(long)} nothing is watched; the first arrival starts the watch if
 * nothing did before.
 *
 * <p>The watch can be closed ({@link #close(long)}: the line is closed for the night, the campaign stopped)
 * and opened again ({@link #open(long)}); closed time counts for nothing, neither as time watched nor as
 * time for the arrivals to fade (the estimate runs on the clock of open time), so the morning starts from
 * the evening's rate, and while closed the rate to size for is 0 (no caller is expected).
 *
 * <p>Warm-up: while fewer than {@code coldStartArrivals} arrivals were seen or the watch is younger than
 * {@link #WARM_UP_MILLIS}, a few arrivals over a short watch say little, so {@link #sizingRatePerMilli(long)}
 * gives an upper bound instead, about a 95% one-sided Poisson bound, over at least the warm-up time.
 */
public final class ArrivalRate {

    /** The shortest watch after which the estimate is trusted (with enough arrivals). */
    public static final long WARM_UP_MILLIS = 5 * 60_000L;

    private final double decayPerMilli;
    private final ExponentialDecay decay;
    private final int coldStartArrivals;
    private double storedCount;
    private long arrivals;
    private boolean started;
    private boolean open;
    private long openedAt;
    /** Open time before the current opening. */
    private long watchedBeforeMillis;

    public ArrivalRate(long halfLifeMillis, int coldStartArrivals) {
        this.decay = new ExponentialDecay(halfLifeMillis);
        this.decayPerMilli = Math.log(2) / halfLifeMillis;
        this.coldStartArrivals = coldStartArrivals;
    }

    /** The watch starts (the campaign started taking calls) unless it was ever started; later calls change nothing. */
    public void start(long atMillis) {
        if (!started) {
            open(atMillis);
        }
    }

    /** The line opens (again): time from now on counts. */
    public void open(long atMillis) {
        if (!open) {
            started = true;
            open = true;
            openedAt = atMillis;
        }
    }

    /** The line closes: time from now on counts for nothing until {@link #open(long)}. */
    public void close(long atMillis) {
        if (open) {
            watchedBeforeMillis += Math.max(0, atMillis - openedAt);
            open = false;
        }
    }

    public boolean isOpen() {
        return open;
    }

    public void arrived(long atMillis) {
        if (!open) {
            open(atMillis); // a caller got through: the line is open
        }
        double w = decay.storedWeight(watchedMillis(atMillis), f -> storedCount *= f);
        storedCount += w;
        arrivals++;
    }

    /** Arrivals seen since the start (not decayed). */
    public long arrivals() {
        return arrivals;
    }

    /** Decayed arrivals as of {@code nowMillis}. */
    public double effectiveArrivals(long nowMillis) {
        return storedCount * decay.presentFactor(watchedMillis(nowMillis));
    }

    /** Decayed time watched as of {@code nowMillis}, in millis. */
    public double exposureMillis(long nowMillis) {
        return -Math.expm1(-decayPerMilli * watchedMillis(nowMillis)) / decayPerMilli;
    }

    /** Open time up to {@code nowMillis}: the clock the estimate runs on. */
    private long watchedMillis(long nowMillis) {
        return watchedBeforeMillis + (open ? Math.max(0, nowMillis - openedAt) : 0);
    }

    /** The estimated arrivals per milli; {@code NaN} before anything was watched. */
    public double ratePerMilli(long nowMillis) {
        double exposure = exposureMillis(nowMillis);
        return exposure > 0 ? effectiveArrivals(nowMillis) / exposure : Double.NaN;
    }

    /** Whether enough arrivals over a long enough watch were seen to trust {@link #ratePerMilli(long)}. */
    public boolean warmedUp(long nowMillis) {
        return started && arrivals >= coldStartArrivals && watchedMillis(nowMillis) >= WARM_UP_MILLIS;
    }

    /**
     * The rate to size for: the estimate once warmed up; before, the larger of the estimate over at least
     * 30 s and an upper bound {@code (n + 1.645 sqrt(n + 1) + 1.35) / max(exposure, warm-up)}, n the decayed
     * arrivals (Wilson-Hilferty-like 95% bound, close to the exact Poisson bound from n = 0 on: 3.0 for 0
     * arrivals, 4.7 for 1, 17.0 for 10). 0 before any arrival, and while the line is closed.
     */
    public double sizingRatePerMilli(long nowMillis) {
        if (arrivals == 0 || !open) {
            return 0;
        }
        if (warmedUp(nowMillis)) {
            return ratePerMilli(nowMillis);
        }
        double exposure = exposureMillis(nowMillis);
        double n = effectiveArrivals(nowMillis);
        double upper = (n + 1.645 * Math.sqrt(n + 1) + 1.35) / Math.max(exposure, WARM_UP_MILLIS);
        return Math.max(upper, n / Math.max(exposure, 30_000));
    }
}
