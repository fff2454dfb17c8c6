package dialer.pacing.estimate;

import dialer.pacing.AgentActivity;
import dialer.pacing.AgentView;

import java.util.HashMap;
import java.util.Map;

/**
 * Online estimates of talk and wrap-up times, and from them the chance that a busy agent is free within a
 * given time.
 *
 * <p>Talk times of collections calls are skewed and bimodal (a right party talks for minutes, a wrong party
 * for seconds), and the wrap-up depends on what the call was: a long talk is usually followed by a long
 * wrap-up. So wrap-up times are kept per class of talk length (shrunk towards the pooled wrap-up
 * distribution while a class has few observations), and an agent's expected free time combines the
 * remaining talk, given how long they have talked, with the wrap-up of the class that talk will end in.
 */
public final class HandleTimeModel {

    private static final long TALK_BIN_MILLIS = 1_000;
    private static final int TALK_BINS = 7_200;
    private static final long WRAP_BIN_MILLIS = 1_000;
    private static final int WRAP_BINS = 1_800;
    /** Upper bounds (seconds) of the talk-length classes that wrap-up times are kept for. */
    private static final long[] TALK_CLASS_BOUNDS_S = {15, 30, 45, 60, 90, 120, 180, 240, 360, 600};
    /** Pseudo-observations of the pooled wrap-up distribution mixed into each class. */
    private static final double SHRINKAGE = 10;

    private final DecayingHistogram talk;
    private final DecayingHistogram wrapPooled;
    private final DecayingHistogram[] wrapByTalkClass;
    private long completedTalks;
    private long completedWraps;

    public HandleTimeModel(long halfLifeMillis) {
        talk = new DecayingHistogram(TALK_BIN_MILLIS, TALK_BINS, halfLifeMillis);
        wrapPooled = new DecayingHistogram(WRAP_BIN_MILLIS, WRAP_BINS, halfLifeMillis);
        wrapByTalkClass = new DecayingHistogram[TALK_CLASS_BOUNDS_S.length + 1];
        for (int i = 0; i < wrapByTalkClass.length; i++) {
            wrapByTalkClass[i] = new DecayingHistogram(WRAP_BIN_MILLIS, WRAP_BINS, halfLifeMillis);
        }
    }

    static int talkClass(double talkMillis) {
        double s = talkMillis / 1_000.0;
        for (int i = 0; i < TALK_CLASS_BOUNDS_S.length; i++) {
            if (s < TALK_CLASS_BOUNDS_S[i]) {
                return i;
            }
        }
        return TALK_CLASS_BOUNDS_S.length;
    }

    /** A talk ended at {@code atMillis}; it is filed under its start, so that running talks can be added unbiased. */
    public void talkCompleted(long atMillis, long talkMillis) {
        talk.add(atMillis - talkMillis, talkMillis);
        completedTalks++;
    }

    public void wrapCompleted(long atMillis, long wrapMillis, long talkMillis) {
        wrapPooled.add(atMillis, wrapMillis);
        wrapByTalkClass[talkClass(talkMillis)].add(atMillis, wrapMillis);
        completedWraps++;
    }

    /** Calls that went all the way through talk and wrap-up. */
    public long completedCalls() {
        return Math.min(completedTalks, completedWraps);
    }

    /**
     * The mean handle time (talk + wrap-up) of the calls completed, as weighted now; {@code NaN} before a
     * talk and a wrap-up were observed.
     */
    public double meanHandleMillis() {
        DurationDistribution t = talk.distribution();
        DurationDistribution w = wrapPooled.distribution();
        return t == null || w == null ? Double.NaN : t.meanMillis() + w.meanMillis();
    }

    /**
     * An immutable forecast from the current estimates, for the given horizons (ascending, in millis), or
     * {@code null} while talk or wrap-up has never been observed.
     */
    public Forecast forecast(long nowMillis, double[] horizonsMillis) {
        return forecast(nowMillis, horizonsMillis, new long[0]);
    }

    /**
     * As {@link #forecast(long, double[])}, with the talks now running (their elapsed times) counted as
     * talks lasting at least that long.
     */
    public Forecast forecast(long nowMillis, double[] horizonsMillis, long[] runningTalkMillis) {
        DurationDistribution talkDist = talk.distributionWithRunning(nowMillis, runningTalkMillis);
        DurationDistribution pooled = wrapPooled.distribution();
        if (talk.observations() == 0 || talkDist == null || pooled == null) {
            return null;
        }
        DurationDistribution[] byClass = new DurationDistribution[wrapByTalkClass.length];
        for (int i = 0; i < byClass.length; i++) {
            DurationDistribution own = wrapByTalkClass[i].distribution();
            double n = wrapByTalkClass[i].effectiveObservations(nowMillis);
            byClass[i] = own == null ? pooled : DurationDistribution.mix(own, n, pooled, SHRINKAGE);
        }
        return new Forecast(talkDist, byClass, horizonsMillis.clone());
    }

    /** Chances that busy agents are free within each horizon, from one set of estimates. */
    public static final class Forecast {

        private final DurationDistribution talk;
        private final DurationDistribution[] wrapByTalkClass;
        private final double[] horizons;
        private final Map<Long, double[]> talkingCache = new HashMap<>();

        public Forecast(DurationDistribution talk, DurationDistribution[] wrapByTalkClass, double[] horizonsMillis) {
            if (wrapByTalkClass.length != TALK_CLASS_BOUNDS_S.length + 1) {
                throw new IllegalArgumentException("one wrap-up distribution per talk class is needed");
            }
            this.talk = talk;
            this.wrapByTalkClass = wrapByTalkClass.clone();
            this.horizons = horizonsMillis.clone();
        }

        /** A forecast in which every talk class has the same wrap-up distribution (tests and fakes). */
        public static Forecast withSingleWrap(DurationDistribution talk, DurationDistribution wrap, double[] horizonsMillis) {
            DurationDistribution[] all = new DurationDistribution[TALK_CLASS_BOUNDS_S.length + 1];
            java.util.Arrays.fill(all, wrap);
            return new Forecast(talk, all, horizonsMillis);
        }

        public double[] horizonsMillis() {
            return horizons.clone();
        }

        public DurationDistribution talk() {
            return talk;
        }

        public DurationDistribution wrapAfterTalk(double talkMillis) {
            return wrapByTalkClass[talkClass(talkMillis)];
        }

        /**
         * P(the agent is free within horizon k), for every horizon. Ready agents are free now; paused agents
         * and agents leaving after their call never are. The returned array must not be modified.
         */
        public double[] freeWithin(AgentView agent) {
            if (!agent.staffing()) {
                return zeros();
            }
            if (agent.activity() == AgentActivity.READY) {
                return ones();
            }
            if (agent.activity() == AgentActivity.WRAP_UP) {
                DurationDistribution wrap = wrapAfterTalk(agent.lastTalkMillis());
                double[] p = new double[horizons.length];
                for (int k = 0; k < horizons.length; k++) {
                    p[k] = wrap.endsWithin(agent.elapsedMillis(), horizons[k]);
                }
                return p;
            }
            long key = quantizeTalkElapsed(agent.elapsedMillis());
            return talkingCache.computeIfAbsent(key, this::freeWithinWhileTalking);
        }

        private double[] zeros;
        private double[] ones;

        private double[] zeros() {
            if (zeros == null) {
                zeros = new double[horizons.length];
            }
            return zeros;
        }

        private double[] ones() {
            if (ones == null) {
                ones = new double[horizons.length];
                java.util.Arrays.fill(ones, 1.0);
            }
            return ones;
        }

        /** Coarser steps for longer talks keep the cache small; the error is a fraction of a step. */
        static long quantizeTalkElapsed(long elapsedMillis) {
            long step = elapsedMillis < 60_000 ? 1_000 : elapsedMillis < 180_000 ? 2_000
                    : elapsedMillis < 600_000 ? 5_000 : 15_000;
            return elapsedMillis / step * step;
        }

        /** Remaining talk given the talk so far, then the wrap-up of the class that talk ends in. */
        private double[] freeWithinWhileTalking(long elapsedMillis) {
            double[] p = new double[horizons.length];
            if (horizons.length == 0) {
                return p;
            }
            double last = horizons[horizons.length - 1];
            final double step = 1_000;
            double alive = talk.survival(elapsedMillis);
            double tailMean = Math.max(60_000, talk.meanMillis());
            for (double start = 0; start < last; start += step) {
                double mass;
                if (alive < 1e-6) {
                    mass = Math.exp(-start / tailMean) - Math.exp(-(start + step) / tailMean);
                } else {
                    mass = (talk.cdf(elapsedMillis + start + step) - talk.cdf(elapsedMillis + start)) / alive;
                }
                if (mass <= 0) {
                    continue;
                }
                double talkEndsAfter = start + step / 2;
                DurationDistribution wrap = wrapAfterTalk(elapsedMillis + talkEndsAfter);
                for (int k = 0; k < horizons.length; k++) {
                    double left = horizons[k] - talkEndsAfter;
                    if (left > 0) {
                        p[k] += mass * wrap.cdf(left);
                    }
                }
            }
            for (int k = 0; k < p.length; k++) {
                p[k] = Math.min(1, p[k]);
            }
            return p;
        }
    }
}
