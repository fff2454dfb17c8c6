package dialer.pacing.estimate;

import dialer.pacing.DialOutcome;

/**
 * Online estimates of how dials resolve: the probability that a dial reaches a person, the time from dial
 * to a live answer (ringing plus answering-machine detection), and the time other dials take to resolve.
 * From them: the chance that a call still ringing after some time turns into a live answer within a
 * horizon.
 *
 * <p>When the driver reports how long each answered call was screened by answering-machine detection
 * ({@link #dialResolved(long, DialOutcome, long, long)}), the model also learns when calls are answered,
 * separately for people and for machines, and how long the screening takes for each. A call shown as
 * ringing is then one that has not been answered yet, and a call shown as screening (answered after
 * {@code r} of ringing, screened for {@code s} so far) is a person with probability
 * {@code p f_person(r) P(S_person > s) / (p f_person(r) P(S_person > s) + (1 - p) f_other(r) P(S_other > s))}:
 * a call answered after 9 s of ringing is almost surely a person when machines pick up after 18 s, and one
 * screened for longer than people ever are is a machine. Without screening reports every call is ringing
 * until it resolves, as before.
 */
public final class DialOutcomeModel {

    private static final long BIN_MILLIS = 250;
    private static final int BINS = 480; // two minutes
    private static final long SCREEN_BIN_MILLIS = 100;
    private static final int SCREEN_BINS = 300; // thirty seconds

    private final ShiftTrackingRate liveRate;
    private final DecayingHistogram liveAfter;
    private final DecayingHistogram otherAfter;
    /** Time until the call stops ringing: answered (then screened), or resolved without an answer. */
    private final DecayingHistogram liveRingEnd;
    private final DecayingHistogram otherRingEnd;
    /** Among answered, screened calls: when they were answered, and how long screening took. */
    private final DecayingHistogram answeredLiveRing;
    private final DecayingHistogram answeredOtherRing;
    private final DecayingHistogram answeredLiveScreen;
    private final DecayingHistogram answeredOtherScreen;
    /** Shares of live and of other resolutions that went through a reported screening. */
    private final DecayingRate liveScreened;
    private final DecayingRate otherScreened;
    private long resolved;
    private long lives;
    private long screened;

    public DialOutcomeModel(long halfLifeMillis, long fastHalfLifeMillis) {
        liveRate = new ShiftTrackingRate(halfLifeMillis, fastHalfLifeMillis);
        liveAfter = new DecayingHistogram(BIN_MILLIS, BINS, halfLifeMillis);
        otherAfter = new DecayingHistogram(BIN_MILLIS, BINS, halfLifeMillis);
        liveRingEnd = new DecayingHistogram(BIN_MILLIS, BINS, halfLifeMillis);
        otherRingEnd = new DecayingHistogram(BIN_MILLIS, BINS, halfLifeMillis);
        answeredLiveRing = new DecayingHistogram(BIN_MILLIS, BINS, halfLifeMillis);
        answeredOtherRing = new DecayingHistogram(BIN_MILLIS, BINS, halfLifeMillis);
        answeredLiveScreen = new DecayingHistogram(SCREEN_BIN_MILLIS, SCREEN_BINS, halfLifeMillis);
        answeredOtherScreen = new DecayingHistogram(SCREEN_BIN_MILLIS, SCREEN_BINS, halfLifeMillis);
        liveScreened = new DecayingRate(halfLifeMillis);
        otherScreened = new DecayingRate(halfLifeMillis);
    }

    /** A dial resolved, with no report of answer and screening (the call counted as ringing until now). */
    public void dialResolved(long atMillis, DialOutcome outcome, long millisSinceDial) {
        dialResolved(atMillis, outcome, millisSinceDial, 0);
    }

    /**
     * A dial resolved. {@code screeningMillis} is how long it had been answered and screened by answering-
     * machine detection before this verdict (0 when it was never answered, e.g. busy or no answer, or when
     * the driver does not report answers).
     */
    public void dialResolved(long atMillis, DialOutcome outcome, long millisSinceDial, long screeningMillis) {
        long sinceDial = Math.max(0, millisSinceDial);
        long screening = Math.max(0, Math.min(screeningMillis, sinceDial));
        boolean live = outcome == DialOutcome.LIVE;
        liveRate.add(atMillis, live);
        (live ? liveAfter : otherAfter).add(atMillis, sinceDial);
        long ringEnd = sinceDial - screening;
        (live ? liveRingEnd : otherRingEnd).add(atMillis, ringEnd);
        (live ? liveScreened : otherScreened).add(atMillis, screening > 0);
        if (screening > 0) {
            (live ? answeredLiveRing : answeredOtherRing).add(atMillis, ringEnd);
            (live ? answeredLiveScreen : answeredOtherScreen).add(atMillis, screening);
            screened++;
        }
        resolved++;
        if (live) {
            lives++;
        }
    }

    public long resolvedDials() {
        return resolved;
    }

    public long liveAnswers() {
        return lives;
    }

    /** Resolutions that were reported with a screening time. */
    public long screenedDials() {
        return screened;
    }

    /** The estimated probability that a dial reaches a person, {@code NaN} before any resolved dial. */
    public double liveRate() {
        return liveRate.rate();
    }

    /** The decayed number of resolved dials behind {@link #liveRate()}, as of {@code nowMillis}. */
    public double effectiveResolvedDials(long nowMillis) {
        return liveRate.effectiveTrials(nowMillis);
    }

    public long answerRateShiftsDetected() {
        return liveRate.shiftsDetected();
    }

    /** An immutable forecast, or {@code null} until both a live and a non-live resolution were seen. */
    public Forecast forecast() {
        return forecast(liveRate.rate());
    }

    /**
     * As {@link #forecast()}, with the live rate replaced by {@code liveRateToUse} (for instance an upper
     * credible bound while few dials have resolved).
     */
    public Forecast forecast(double liveRateToUse) {
        DurationDistribution l = liveAfter.distribution();
        DurationDistribution o = otherAfter.distribution();
        if (l == null || o == null || Double.isNaN(liveRateToUse)) {
            return null;
        }
        Screening screening = null;
        DurationDistribution lr = liveRingEnd.distribution();
        DurationDistribution or = otherRingEnd.distribution();
        if (screened > 0 && lr != null && or != null) {
            screening = new Screening(lr, or,
                    nanToZero(liveScreened.rate()), nanToZero(otherScreened.rate()),
                    answeredLiveRing.distribution(), answeredOtherRing.distribution(),
                    answeredLiveScreen.distribution(), answeredOtherScreen.distribution());
        }
        return new Forecast(liveRateToUse, l, o, screening);
    }

    private static double nanToZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    /**
     * What is known about answers and screening: when calls stop ringing (per class), which share of each
     * class is answered and screened, and for those, when they are answered and how long screening lasts.
     * Distributions of answered calls are {@code null} while none of that class was seen.
     */
    record Screening(DurationDistribution liveRingEnd, DurationDistribution otherRingEnd,
                     double liveAnsweredShare, double otherAnsweredShare,
                     DurationDistribution liveAnsweredAt, DurationDistribution otherAnsweredAt,
                     DurationDistribution liveScreen, DurationDistribution otherScreen) {
    }

    /** The answer probability and resolution-time distributions of one moment. */
    public static final class Forecast {

        /** Half-width of the window over which the density of answer times is read. */
        private static final double DENSITY_HALF_WIDTH_MILLIS = 500;

        private final double liveRate;
        private final DurationDistribution liveAfter;
        private final DurationDistribution otherAfter;
        private final Screening screening;
        /** Answered people's screening time as (offset, mass) points, for the ringing convolution. */
        private final double[] screenOffsets;
        private final double[] screenMasses;

        public Forecast(double liveRate, DurationDistribution liveAfter, DurationDistribution otherAfter) {
            this(liveRate, liveAfter, otherAfter, null);
        }

        Forecast(double liveRate, DurationDistribution liveAfter, DurationDistribution otherAfter, Screening screening) {
            this.liveRate = liveRate;
            this.liveAfter = liveAfter;
            this.otherAfter = otherAfter;
            this.screening = screening;
            if (screening != null && screening.liveScreen() != null && screening.liveAnsweredShare() > 0) {
                double[][] points = screening.liveScreen().points();
                screenOffsets = points[0];
                screenMasses = points[1];
            } else {
                screenOffsets = new double[0];
                screenMasses = new double[0];
            }
        }

        public double liveRate() {
            return liveRate;
        }

        /** Time from dial to a live answer's verdict. */
        public DurationDistribution liveAfter() {
            return liveAfter;
        }

        /** Time from dial to any other resolution. */
        public DurationDistribution otherAfter() {
            return otherAfter;
        }

        /** Whether answers and screening were reported, so that "ringing" means "not answered yet". */
        public boolean knowsAnswers() {
            return screening != null;
        }

        /** P(a new dial is answered live within {@code millis}). */
        public double newDialLiveWithin(double millis) {
            return liveRate * liveAfter.cdf(millis);
        }

        /**
         * P(a dial still ringing after {@code elapsedMillis} is answered live within {@code withinMillis}
         * more), from Bayes: the longer it rings, the likelier it is a machine or a no-answer.
         */
        public double ringingLiveWithin(double elapsedMillis, double withinMillis) {
            if (screening == null) {
                double liveLeft = liveRate * liveAfter.survival(elapsedMillis);
                double otherLeft = (1 - liveRate) * otherAfter.survival(elapsedMillis);
                double unresolved = liveLeft + otherLeft;
                if (unresolved <= 1e-12) {
                    return 0;
                }
                double liveSoon = liveRate * (liveAfter.cdf(elapsedMillis + withinMillis) - liveAfter.cdf(elapsedMillis));
                return clamp(liveSoon / unresolved);
            }
            DurationDistribution ringEnd = screening.liveRingEnd();
            double liveLeft = liveRate * ringEnd.survival(elapsedMillis);
            double otherLeft = (1 - liveRate) * screening.otherRingEnd().survival(elapsedMillis);
            double unanswered = liveLeft + otherLeft;
            if (unanswered <= 1e-12) {
                return 0;
            }
            double ringStop = ringEnd.cdf(elapsedMillis);
            double a = screening.liveAnsweredShare();
            // people not screened resolve when they stop ringing; screened ones a screening time later
            double soon = (1 - a) * (ringEnd.cdf(elapsedMillis + withinMillis) - ringStop);
            for (int i = 0; i < screenOffsets.length; i++) {
                double by = elapsedMillis + withinMillis - screenOffsets[i];
                if (by > elapsedMillis) {
                    soon += a * screenMasses[i] * (ringEnd.cdf(by) - ringStop);
                }
            }
            return clamp(liveRate * soon / unanswered);
        }

        /**
         * P(a call answered after {@code ringMillis} of ringing (negative when unknown) and screened for
         * {@code screenedMillis} so far turns out to be a person within {@code withinMillis} more).
         */
        public double screeningLiveWithin(double ringMillis, double screenedMillis, double withinMillis) {
            if (screening == null || screening.liveScreen() == null) {
                // no screened person seen yet: take it for a person, now (the cautious guess)
                return 1;
            }
            double wLive = liveRate * screening.liveAnsweredShare();
            double wOther = screening.otherScreen() == null ? 0 : (1 - liveRate) * screening.otherAnsweredShare();
            if (ringMillis >= 0) {
                double fLive = density(screening.liveAnsweredAt(), ringMillis);
                double fOther = density(screening.otherAnsweredAt(), ringMillis);
                if (wLive * fLive + wOther * fOther > 1e-15) {
                    wLive *= fLive;
                    wOther *= fOther;
                }
            }
            DurationDistribution ls = screening.liveScreen();
            double liveLeft = wLive * ls.survival(screenedMillis);
            double otherLeft = wOther == 0 ? 0 : wOther * screening.otherScreen().survival(screenedMillis);
            double pending = liveLeft + otherLeft;
            if (pending <= 1e-15) {
                return 0;
            }
            double liveSoon = wLive * (ls.cdf(screenedMillis + withinMillis) - ls.cdf(screenedMillis));
            return clamp(liveSoon / pending);
        }

        private static double density(DurationDistribution d, double at) {
            if (d == null) {
                return 0;
            }
            double lo = Math.max(0, at - DENSITY_HALF_WIDTH_MILLIS);
            double hi = at + DENSITY_HALF_WIDTH_MILLIS;
            return (d.cdf(hi) - d.cdf(lo)) / (hi - lo);
        }

        private static double clamp(double p) {
            return Math.min(1, Math.max(0, p));
        }
    }
}
