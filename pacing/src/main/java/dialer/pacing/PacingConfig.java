package dialer.pacing;

import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Tunables of a campaign's pacing. Defaults suit a collections campaign under US/UK rules; build a
 * variant with {@link #defaults()}{@code .toBuilder()...build()}.
 *
 * @param targetAbandonRate       the regulator's ceiling, abandoned / live answered (default 3%)
 * @param aimAbandonRate          the highest rate the predictive pacer steers to, a little under target so
 *                                that the regulator's windows hold despite noise (default 2.8%)
 * @param abandonMarginZ          the aim is also kept this many standard errors (of today's abandonment
 *                                rate, given today's live answers) under target (default 0.5)
 * @param answerGraceMillis       an answered callee who gets no agent within this time counts as abandoned
 *                                (default 2 s)
 * @param zone                    the campaign's time zone, for calendar-day windows
 * @param rollingWindowDays       the rolling window (default 30 days, US)
 * @param coldStartLiveAnswers    predictive dials progressively until this many live answers were seen
 * @param coldStartResolvedDials  ... and this many dials resolved
 * @param coldStartCompletedCalls ... and this many calls went through talk and wrap-up
 * @param smallTeamAgents         below this many staffing agents the predictive pacer uses its safe mode
 * @param safeModeMaxRisk         in safe mode, the largest accepted risk that a live answer finds no agent
 * @param initialRiskThreshold    starting accepted risk, for the marginal dial, that a live answer finds no
 *                                agent; the abandonment controller moves it
 * @param minRiskThreshold        floor of the accepted risk
 * @param maxRiskThreshold        ceiling of the accepted risk
 * @param controllerGain          how strongly each live answer moves the accepted risk (log scale): an
 *                                abandon multiplies it by about exp(-gain), a connection by exp(gain*aim)
 * @param windowGuardGain         while today's or the rolling window's abandons exceed the aim, the accepted
 *                                risk is further multiplied by exp(windowGuardGain * (aim * answered - abandoned))
 * @param outcomeHalfLifeMillis   half-life of the answer-rate and ring-time estimates
 * @param fastOutcomeHalfLifeMillis half-life of the fast answer-rate estimate used to detect a change
 * @param durationHalfLifeMillis  half-life of the talk and wrap-up estimates
 * @param modelRefreshMillis      how often the duration distributions are recomputed from the estimates
 * @param horizonMillis           the furthest the look-ahead looks
 * @param horizonStepMillis       the look-ahead's time step
 * @param maxLinesPerAgent        hard cap on calls ringing or waiting per staffing agent
 * @param amdFalsePositiveRate    the expected share of the people who answer whom answering-machine detection
 *                                takes for a machine and hangs up on (from the AMD benchmark or call audits;
 *                                default 0). The regulators count each as answered and abandoned, but the
 *                                dialer cannot see which calls they were, so the predictive pacer takes them
 *                                out of its budget in advance: see {@link AbandonmentBudget}. In [0, target).
 * @param inboundServiceLevel     blended campaigns: the share of inbound callers to answer within
 *                                {@code inboundServiceMillis} (default 0.80); the predictive pacer keeps enough
 *                                agents idle for it ({@link dialer.pacing.predictive.InboundReserve}). No effect
 *                                before the driver reports an inbound arrival.
 * @param inboundServiceMillis    the service level's answer time (default 20 s)
 * @param inboundHalfLifeMillis   half-life of the inbound arrival-rate estimate (default 15 min)
 * @param inboundColdStartArrivals the arrival-rate estimate is warm after this many arrivals and 5 minutes;
 *                                before, the pacer sizes for an upper bound of the rate (default 10)
 * @param shortWindowGuardLevel   the trailing-window guard ({@link dialer.pacing.predictive.WindowGuard}): the
 *                                abandonment that no 10-minute window ending in the next two minutes should
 *                                exceed; the pacer places no dial that makes a burst of abandons filling the
 *                                window's room more likely than {@code windowGuardChance}, down to dialling
 *                                progressively. 0.045 by default (0 switches the 10-minute guard off): it holds
 *                                S4-answer-jump's windows under the 5% of issue 14, for 0.1 point of S3/S4
 *                                occupancy
 * @param longWindowGuardLevel    the same for 30-minute windows (0.037 by default, for issue 14's 4%; 0 is off)
 * @param windowGuardMinAbandons  a window is guarded only while its level times its live answers (counted
 *                                and expected) is at least this many abandons (default 12): abandons come in
 *                                bursts, and a window that holds only a few cannot be guarded without
 *                                stopping the pacer after each burst
 * @param windowGuardChance       the largest chance the guard accepts of a burst of abandons that fills a
 *                                guarded window's room within the look-ahead (default 0.02)
 * @param windowGuardVarianceFactor the guard widens the look-ahead's variance of supply minus demand by this
 *                                factor (default 3): bursts are more frequent than independent calls and
 *                                agents say
 */
public record PacingConfig(
        double targetAbandonRate,
        double aimAbandonRate,
        double abandonMarginZ,
        long answerGraceMillis,
        ZoneId zone,
        int rollingWindowDays,
        int coldStartLiveAnswers,
        int coldStartResolvedDials,
        int coldStartCompletedCalls,
        int smallTeamAgents,
        double safeModeMaxRisk,
        double initialRiskThreshold,
        double minRiskThreshold,
        double maxRiskThreshold,
        double controllerGain,
        double windowGuardGain,
        long outcomeHalfLifeMillis,
        long fastOutcomeHalfLifeMillis,
        long durationHalfLifeMillis,
        long modelRefreshMillis,
        long horizonMillis,
        long horizonStepMillis,
        double maxLinesPerAgent,
        double amdFalsePositiveRate,
        double inboundServiceLevel,
        long inboundServiceMillis,
        long inboundHalfLifeMillis,
        int inboundColdStartArrivals,
        double shortWindowGuardLevel,
        double longWindowGuardLevel,
        double windowGuardMinAbandons,
        double windowGuardChance,
        double windowGuardVarianceFactor) {

    public PacingConfig {
        require(targetAbandonRate > 0 && targetAbandonRate < 1, "targetAbandonRate in (0,1)");
        require(aimAbandonRate > 0 && aimAbandonRate <= targetAbandonRate, "aimAbandonRate in (0,target]");
        require(abandonMarginZ >= 0, "abandonMarginZ >= 0");
        require(answerGraceMillis >= 0, "answerGraceMillis >= 0");
        require(zone != null, "zone is required");
        require(rollingWindowDays >= 1, "rollingWindowDays >= 1");
        require(coldStartLiveAnswers >= 0 && coldStartResolvedDials >= 0 && coldStartCompletedCalls >= 0,
                "cold-start counts >= 0");
        require(smallTeamAgents >= 0, "smallTeamAgents >= 0");
        require(safeModeMaxRisk > 0 && safeModeMaxRisk < 1, "safeModeMaxRisk in (0,1)");
        require(minRiskThreshold > 0 && minRiskThreshold <= initialRiskThreshold
                && initialRiskThreshold <= maxRiskThreshold && maxRiskThreshold < 1, "min <= initial <= max risk < 1");
        require(controllerGain > 0, "controllerGain > 0");
        require(windowGuardGain >= 0, "windowGuardGain >= 0");
        require(outcomeHalfLifeMillis > 0 && fastOutcomeHalfLifeMillis > 0 && durationHalfLifeMillis > 0,
                "half-lives > 0");
        require(modelRefreshMillis > 0, "modelRefreshMillis > 0");
        require(horizonStepMillis > 0 && horizonMillis >= horizonStepMillis, "horizon >= step > 0");
        require(maxLinesPerAgent >= 1, "maxLinesPerAgent >= 1");
        require(amdFalsePositiveRate >= 0 && amdFalsePositiveRate < targetAbandonRate,
                "amdFalsePositiveRate in [0, targetAbandonRate): AMD false positives alone at or over the target"
                        + " leave no abandonment budget, whatever the pacing");
        require(inboundServiceLevel > 0 && inboundServiceLevel < 1, "inboundServiceLevel in (0,1)");
        require(inboundServiceMillis >= 0, "inboundServiceMillis >= 0");
        require(inboundHalfLifeMillis > 0, "inboundHalfLifeMillis > 0");
        require(inboundColdStartArrivals >= 0, "inboundColdStartArrivals >= 0");
        require(shortWindowGuardLevel >= 0 && shortWindowGuardLevel < 1 && longWindowGuardLevel >= 0 && longWindowGuardLevel < 1,
                "window guard levels in [0,1)");
        require(windowGuardMinAbandons >= 0, "windowGuardMinAbandons >= 0");
        require(windowGuardChance > 0 && windowGuardChance < 1, "windowGuardChance in (0,1)");
        require(windowGuardVarianceFactor > 0, "windowGuardVarianceFactor > 0");
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException("invalid pacing config: " + what);
        }
    }

    public static PacingConfig defaults() {
        return new PacingConfig(0.03, 0.028, 0.5, 2_000, ZoneOffset.UTC, 30,
                20, 100, 10,
                6, 0.01,
                0.02, 0.001, 0.20, 0.10, 0.5,
                30 * 60_000L, 4 * 60_000L, 60 * 60_000L, 60_000L,
                60_000L, 1_000L,
                10.0,
                0.0,
                0.80, 20_000L, 15 * 60_000L, 10,
                0.045, 0.037, 12.0, 0.02, 3.0);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable builder for variants of a config. */
    public static final class Builder {
        private double targetAbandonRate;
        private double aimAbandonRate;
        private double abandonMarginZ;
        private long answerGraceMillis;
        private ZoneId zone;
        private int rollingWindowDays;
        private int coldStartLiveAnswers;
        private int coldStartResolvedDials;
        private int coldStartCompletedCalls;
        private int smallTeamAgents;
        private double safeModeMaxRisk;
        private double initialRiskThreshold;
        private double minRiskThreshold;
        private double maxRiskThreshold;
        private double controllerGain;
        private double windowGuardGain;
        private long outcomeHalfLifeMillis;
        private long fastOutcomeHalfLifeMillis;
        private long durationHalfLifeMillis;
        private long modelRefreshMillis;
        private long horizonMillis;
        private long horizonStepMillis;
        private double maxLinesPerAgent;
        private double amdFalsePositiveRate;
        private double inboundServiceLevel;
        private long inboundServiceMillis;
        private long inboundHalfLifeMillis;
        private int inboundColdStartArrivals;
        private double shortWindowGuardLevel;
        private double longWindowGuardLevel;
        private double windowGuardMinAbandons;
        private double windowGuardChance;
        private double windowGuardVarianceFactor;

        private Builder(PacingConfig c) {
            targetAbandonRate = c.targetAbandonRate;
            aimAbandonRate = c.aimAbandonRate;
            abandonMarginZ = c.abandonMarginZ;
            answerGraceMillis = c.answerGraceMillis;
            zone = c.zone;
            rollingWindowDays = c.rollingWindowDays;
            coldStartLiveAnswers = c.coldStartLiveAnswers;
            coldStartResolvedDials = c.coldStartResolvedDials;
            coldStartCompletedCalls = c.coldStartCompletedCalls;
            smallTeamAgents = c.smallTeamAgents;
            safeModeMaxRisk = c.safeModeMaxRisk;
            initialRiskThreshold = c.initialRiskThreshold;
            minRiskThreshold = c.minRiskThreshold;
            maxRiskThreshold = c.maxRiskThreshold;
            controllerGain = c.controllerGain;
            windowGuardGain = c.windowGuardGain;
            outcomeHalfLifeMillis = c.outcomeHalfLifeMillis;
            fastOutcomeHalfLifeMillis = c.fastOutcomeHalfLifeMillis;
            durationHalfLifeMillis = c.durationHalfLifeMillis;
            modelRefreshMillis = c.modelRefreshMillis;
            horizonMillis = c.horizonMillis;
            horizonStepMillis = c.horizonStepMillis;
            maxLinesPerAgent = c.maxLinesPerAgent;
            amdFalsePositiveRate = c.amdFalsePositiveRate;
            inboundServiceLevel = c.inboundServiceLevel;
            inboundServiceMillis = c.inboundServiceMillis;
            inboundHalfLifeMillis = c.inboundHalfLifeMillis;
            inboundColdStartArrivals = c.inboundColdStartArrivals;
            shortWindowGuardLevel = c.shortWindowGuardLevel;
            longWindowGuardLevel = c.longWindowGuardLevel;
            windowGuardMinAbandons = c.windowGuardMinAbandons;
            windowGuardChance = c.windowGuardChance;
            windowGuardVarianceFactor = c.windowGuardVarianceFactor;
        }

        public Builder targetAbandonRate(double v) { targetAbandonRate = v; return this; }
        public Builder aimAbandonRate(double v) { aimAbandonRate = v; return this; }
        public Builder abandonMarginZ(double v) { abandonMarginZ = v; return this; }
        public Builder answerGraceMillis(long v) { answerGraceMillis = v; return this; }
        public Builder zone(ZoneId v) { zone = v; return this; }
        public Builder rollingWindowDays(int v) { rollingWindowDays = v; return this; }
        public Builder coldStartLiveAnswers(int v) { coldStartLiveAnswers = v; return this; }
        public Builder coldStartResolvedDials(int v) { coldStartResolvedDials = v; return this; }
        public Builder coldStartCompletedCalls(int v) { coldStartCompletedCalls = v; return this; }
        public Builder smallTeamAgents(int v) { smallTeamAgents = v; return this; }
        public Builder safeModeMaxRisk(double v) { safeModeMaxRisk = v; return this; }
        public Builder initialRiskThreshold(double v) { initialRiskThreshold = v; return this; }
        public Builder minRiskThreshold(double v) { minRiskThreshold = v; return this; }
        public Builder maxRiskThreshold(double v) { maxRiskThreshold = v; return this; }
        public Builder controllerGain(double v) { controllerGain = v; return this; }
        public Builder windowGuardGain(double v) { windowGuardGain = v; return this; }
        public Builder outcomeHalfLifeMillis(long v) { outcomeHalfLifeMillis = v; return this; }
        public Builder fastOutcomeHalfLifeMillis(long v) { fastOutcomeHalfLifeMillis = v; return this; }
        public Builder durationHalfLifeMillis(long v) { durationHalfLifeMillis = v; return this; }
        public Builder modelRefreshMillis(long v) { modelRefreshMillis = v; return this; }
        public Builder horizonMillis(long v) { horizonMillis = v; return this; }
        public Builder horizonStepMillis(long v) { horizonStepMillis = v; return this; }
        public Builder maxLinesPerAgent(double v) { maxLinesPerAgent = v; return this; }
        public Builder amdFalsePositiveRate(double v) { amdFalsePositiveRate = v; return this; }
        public Builder inboundServiceLevel(double v) { inboundServiceLevel = v; return this; }
        public Builder inboundServiceMillis(long v) { inboundServiceMillis = v; return this; }
        public Builder inboundHalfLifeMillis(long v) { inboundHalfLifeMillis = v; return this; }
        public Builder inboundColdStartArrivals(int v) { inboundColdStartArrivals = v; return this; }
        public Builder shortWindowGuardLevel(double v) { shortWindowGuardLevel = v; return this; }
        public Builder longWindowGuardLevel(double v) { longWindowGuardLevel = v; return this; }
        public Builder windowGuardMinAbandons(double v) { windowGuardMinAbandons = v; return this; }
        public Builder windowGuardChance(double v) { windowGuardChance = v; return this; }
        public Builder windowGuardVarianceFactor(double v) { windowGuardVarianceFactor = v; return this; }

        public PacingConfig build() {
            return new PacingConfig(targetAbandonRate, aimAbandonRate, abandonMarginZ, answerGraceMillis, zone, rollingWindowDays,
                    coldStartLiveAnswers, coldStartResolvedDials, coldStartCompletedCalls,
                    smallTeamAgents, safeModeMaxRisk,
                    initialRiskThreshold, minRiskThreshold, maxRiskThreshold, controllerGain, windowGuardGain,
                    outcomeHalfLifeMillis, fastOutcomeHalfLifeMillis, durationHalfLifeMillis, modelRefreshMillis,
                    horizonMillis, horizonStepMillis, maxLinesPerAgent,
                    amdFalsePositiveRate,
                    inboundServiceLevel, inboundServiceMillis, inboundHalfLifeMillis, inboundColdStartArrivals,
                    shortWindowGuardLevel, longWindowGuardLevel, windowGuardMinAbandons, windowGuardChance,
                    windowGuardVarianceFactor);
        }
    }
}
