package dialer.pacing;

import dialer.pacing.estimate.AbandonmentWindow;
import dialer.pacing.estimate.ArrivalRate;
import dialer.pacing.estimate.InboundService;
import dialer.pacing.estimate.DialOutcomeModel;
import dialer.pacing.estimate.HandleTimeModel;
import dialer.pacing.estimate.RecentActivity;
import dialer.pacing.estimate.RiskThresholdController;
import dialer.pacing.estimate.Tally;
import dialer.pacing.predictive.WindowGuard;

import java.time.ZoneId;
import java.util.List;

/**
 * A campaign's running statistics: the explicit state that pacing decisions are a function of.
 *
 * <p>The driver (live dialer or simulator) feeds it timestamped observations as they happen, and passes
 * "now" when it reads; nothing in here reads a clock. Estimates fade with configurable half-lives, so a
 * change of list or time of day is followed. Not thread-safe: a campaign's driver serialises its calls.
 *
 * <p>Abandonment follows the regulators: a live answer that gets no agent within the grace time (2 s by
 * default) is abandoned, even if an agent picks it up later; answering-machine false positives (people the
 * dialer took for a machine and hung up on) count as answered and abandoned.
 */
public final class CampaignStatistics {

    private PacingConfig config;
    private final DialOutcomeModel outcomes;
    private final HandleTimeModel handleTimes;
    private final AbandonmentWindow window;
    private final RecentActivity recent;
    private final RiskThresholdController controller;
    private long dialsPlaced;
    private final ArrivalRate inboundArrivals;
    private final HandleTimeModel inboundHandleTimes;
    private InboundService inboundService;

    private long forecastBuiltAt = Long.MIN_VALUE;
    private Forecasts forecasts;

    public CampaignStatistics(PacingConfig config) {
        this.config = config;
        this.outcomes = new DialOutcomeModel(config.outcomeHalfLifeMillis(), config.fastOutcomeHalfLifeMillis());
        this.handleTimes = new HandleTimeModel(config.durationHalfLifeMillis());
        this.window = new AbandonmentWindow(config.zone(), config.rollingWindowDays());
        this.recent = new RecentActivity();
        this.controller = new RiskThresholdController(config.controllerGain(),
                config.initialRiskThreshold(), config.minRiskThreshold(), config.maxRiskThreshold());
        this.inboundArrivals = new ArrivalRate(config.inboundHalfLifeMillis(), config.inboundColdStartArrivals());
        this.inboundHandleTimes = new HandleTimeModel(config.durationHalfLifeMillis());
        this.inboundService = new InboundService(config.inboundServiceMillis());
    }

    public PacingConfig config() {
        return config;
    }

    /**
     * What a supervisor may change on a running campaign, taking effect at the next decision while every
     * estimate and count is kept: the abandonment target and aim, the grace time after which a waiting
     * person counts as abandoned, and the zone whose calendar day the regulator counts. The expected AMD
     * false-positive rate stays as it was.
     */
    public void retarget(double targetAbandonRate, double aimAbandonRate, long answerGraceMillis, ZoneId zone) {
        retarget(targetAbandonRate, aimAbandonRate, answerGraceMillis, zone, config.amdFalsePositiveRate());
    }

    /**
     * As {@link #retarget(double, double, long, ZoneId)}, with a new expected AMD false-positive rate (a new
     * AMD benchmark or audit); it applies to the budget from the next decision on.
     */
    public void retarget(double targetAbandonRate, double aimAbandonRate, long answerGraceMillis, ZoneId zone,
                         double amdFalsePositiveRate) {
        PacingConfig next = config.toBuilder().targetAbandonRate(targetAbandonRate).aimAbandonRate(aimAbandonRate)
                .answerGraceMillis(answerGraceMillis).zone(zone).amdFalsePositiveRate(amdFalsePositiveRate).build();
        window.zone(next.zone());
        forecasts = null; // the look-ahead's horizons include the grace time
        config = next;
    }

    /**
     * A blended campaign's new inbound service level ({@code serviceLevel} of the callers answered within
     * {@code serviceMillis}), from the next decision on; the arrival and handle-time estimates are kept, the
     * service counts start again (they were counted against the old answer time).
     */
    public void retargetInbound(double serviceLevel, long serviceMillis) {
        config = config.toBuilder().inboundServiceLevel(serviceLevel).inboundServiceMillis(serviceMillis).build();
        inboundService = new InboundService(serviceMillis);
    }

    // ---- observations -------------------------------------------------------------------------------

    /** A dial was placed. */
    public void dialPlaced(long atMillis) {
        inboundArrivals.start(atMillis);
        dialsPlaced++;
        window.dialPlaced(atMillis);
        recent.dialPlaced(atMillis);
    }

    /**
     * A dial resolved: a person answered ({@link DialOutcome#LIVE}, after answering-machine detection), or
     * it ended otherwise. {@code millisSinceDial} is the time from placing the dial to this resolution.
     */
    public void dialResolved(long atMillis, DialOutcome outcome, long millisSinceDial) {
        outcomes.dialResolved(atMillis, outcome, millisSinceDial);
    }

    /**
     * As {@link #dialResolved(long, DialOutcome, long)}, from a driver that sees answers before the
     * answering-machine detection's verdict and shows those calls as {@link CallStage#SCREENING}.
     * {@code screeningMillis} is the time from the answer to this verdict; 0 for a call never answered
     * (busy, no answer, invalid).
     */
    public void dialResolved(long atMillis, DialOutcome outcome, long millisSinceDial, long screeningMillis) {
        outcomes.dialResolved(atMillis, outcome, millisSinceDial, screeningMillis);
    }

    /** A live answer reached an agent after waiting {@code waitedMillis}; beyond the grace time it counts as abandoned. */
    public void liveConnected(long atMillis, long waitedMillis) {
        liveResolved(atMillis, waitedMillis > config.answerGraceMillis());
    }

    /** A live answer got no agent (the callee hung up, or the dialer released the call). */
    public void liveAbandoned(long atMillis, long waitedMillis) {
        liveResolved(atMillis, true);
    }

    private void liveResolved(long atMillis, boolean abandoned) {
        window.liveResolved(atMillis, abandoned);
        recent.liveResolved(atMillis, abandoned);
        controller.liveResolved(abandoned, pacerAim(atMillis));
    }

    /**
     * An answering-machine-detection false positive the driver learned of: a person was hung up on as if a
     * machine. It counts as answered and abandoned, like the pacer's own abandons. A dialer does not see
     * false positives as they happen; those it cannot see are budgeted with
     * {@link PacingConfig#amdFalsePositiveRate()}, and a driver that reports one here on top of that rate
     * counts it twice (on the safe side).
     */
    public void machineFalsePositive(long atMillis) {
        window.machineFalsePositive(atMillis);
        recent.machineFalsePositive(atMillis);
        controller.machineFalsePositive(pacerAim(atMillis));
    }

    /**
     * Abandonment counted before these statistics existed (the dialer restarted, or the campaign was
     * stopped and started again): it goes into the regulatory windows only, so the calendar day and the
     * rolling window stay whole; the estimates of answer rates and handle times learn afresh.
     */
    public void recordPast(long atMillis, Tally counted) {
        window.addPast(atMillis, counted);
    }

    /** A call's talk ended (the agent moves to wrap-up). */
    public void talkCompleted(long atMillis, long talkMillis) {
        handleTimes.talkCompleted(atMillis, talkMillis);
    }

    /** A wrap-up ended; {@code talkMillis} is the talk time of the call it followed. */
    public void wrapCompleted(long atMillis, long wrapMillis, long talkMillis) {
        handleTimes.wrapCompleted(atMillis, wrapMillis, talkMillis);
    }

    // ---- inbound (blended campaigns) ------------------------------------------------------------------

    /**
     * The campaign starts (or starts again) taking inbound callers now: the arrival-rate estimate's watch
     * runs from now (without this call it starts at the first dial or the first arrival, whichever comes
     * first).
     */
    public void inboundOpened(long atMillis) {
        inboundArrivals.open(atMillis);
    }

    /**
     * The campaign stops taking inbound callers (the line closes for the night, the campaign stops): until
     * {@link #inboundOpened(long)} (or an arrival) the time counts for nothing in the arrival-rate estimate,
     * and the pacer expects no caller and keeps no agent idle for them. Statistics kept across days thus
     * start the morning from the rate of the evening before, not one diluted by the night.
     */
    public void inboundClosed(long atMillis) {
        inboundArrivals.close(atMillis);
    }

    /** An inbound caller arrived (joined the campaign's queue, or went straight to an idle agent). */
    public void inboundArrived(long atMillis) {
        inboundArrivals.arrived(atMillis);
    }

    /** An inbound caller reached an agent after waiting {@code waitedMillis} since arriving. */
    public void inboundAnswered(long atMillis, long waitedMillis) {
        inboundService.answered(atMillis, waitedMillis);
    }

    /** An inbound caller hung up (or was sent elsewhere) after waiting {@code waitedMillis} without an agent. */
    public void inboundAbandoned(long atMillis, long waitedMillis) {
        inboundService.abandoned(atMillis);
    }

    /** An inbound call's talk ended (the agent moves to wrap-up). */
    public void inboundTalkCompleted(long atMillis, long talkMillis) {
        inboundHandleTimes.talkCompleted(atMillis, talkMillis);
    }

    /** The wrap-up after an inbound call ended; {@code talkMillis} is that call's talk time. */
    public void inboundWrapCompleted(long atMillis, long wrapMillis, long talkMillis) {
        inboundHandleTimes.wrapCompleted(atMillis, wrapMillis, talkMillis);
    }

    /**
     * What the statistics know of the inbound stream now, for the pacer's reserve of idle agents and for a
     * dashboard.
     *
     * @param arrivalsSeen        inbound arrivals since the statistics were made
     * @param ratePerMilli        the estimated arrival rate ({@code NaN} before anything was watched)
     * @param sizingRatePerMilli  the rate the pacer sizes for: the estimate once warmed up, an upper bound
     *                            before ({@link ArrivalRate#sizingRatePerMilli(long)}); 0 before any arrival
     * @param warmedUp            whether the estimate is past its warm-up
     * @param handleMillis        mean inbound talk + wrap-up; the outbound one while no inbound call has been
     *                            through talk and wrap-up; {@code NaN} when neither is known
     * @param serviceLevelTarget  the share to answer within {@code serviceMillis} ({@link PacingConfig#inboundServiceLevel()})
     * @param serviceMillis       the service level's answer time
     * @param lastHour            inbound callers resolved in the last hour (service level, abandons)
     * @param total               inbound callers resolved since the statistics were made
     */
    public record InboundLoad(long arrivalsSeen, double ratePerMilli, double sizingRatePerMilli, boolean warmedUp,
                              double handleMillis, double serviceLevelTarget, long serviceMillis,
                              InboundService.Counts lastHour, InboundService.Counts total) {

        /** Whether inbound callers were ever reported: until then a campaign is outbound only. */
        public boolean active() {
            return arrivalsSeen > 0;
        }

        /** The offered inbound load in Erlangs (agents kept busy by inbound on average), sizing rate times handle time. */
        public double offeredErlangs() {
            return sizingRatePerMilli * handleMillis;
        }
    }

    public InboundLoad inbound(long nowMillis) {
        double handle = inboundHandleTimes.completedCalls() > 0 ? inboundHandleTimes.meanHandleMillis() : handleTimes.meanHandleMillis();
        return new InboundLoad(inboundArrivals.arrivals(), inboundArrivals.ratePerMilli(nowMillis),
                inboundArrivals.sizingRatePerMilli(nowMillis), inboundArrivals.warmedUp(nowMillis), handle,
                config.inboundServiceLevel(), config.inboundServiceMillis(),
                inboundService.lastHour(nowMillis), inboundService.total());
    }

    /** Mean outbound talk + wrap-up of the calls completed; {@code NaN} before any. */
    public double meanHandleMillis() {
        return handleTimes.meanHandleMillis();
    }

    // ---- reads ----------------------------------------------------------------------------------------

    public long dialsPlaced() {
        return dialsPlaced;
    }

    /** Estimated probability that a dial reaches a person; {@code NaN} before any dial resolved. */
    public double liveAnswerRate() {
        return outcomes.liveRate();
    }

    public long answerRateShiftsDetected() {
        return outcomes.answerRateShiftsDetected();
    }

    /** Counts over the rolling regulatory window (30 days by default) ending now. */
    public Tally rollingWindow(long nowMillis) {
        return window.rolling(nowMillis);
    }

    /** Counts since the start of today in the campaign's zone. */
    public Tally calendarDay(long nowMillis) {
        return window.calendarDay(nowMillis);
    }

    /** Counts of the last {@code spanMillis} (up to 30 minutes). */
    public Tally recent(long nowMillis, long spanMillis) {
        return recent.last(nowMillis, spanMillis);
    }

    /**
     * The trailing-window guard's room ({@link WindowGuard}): how many more abandons the 10- and 30-minute
     * windows ending in the next two minutes can take at their configured levels, after the abandons and
     * live answers counted in them and the live answers expected at the last ten minutes' rate (the
     * abandons the calls in flight may make are the look-ahead's to weigh). {@link WindowGuard#UNLIMITED}
     * when no window is guarded (levels of 0, or too few answers for {@link PacingConfig#windowGuardMinAbandons()}).
     */
    public double windowGuardRoom(long nowMillis) {
        if (config.shortWindowGuardLevel() <= 0 && config.longWindowGuardLevel() <= 0) {
            return WindowGuard.UNLIMITED;
        }
        WindowGuard.Window[] windows = {
                new WindowGuard.Window(10 * 60_000L, config.shortWindowGuardLevel()),
                new WindowGuard.Window(30 * 60_000L, config.longWindowGuardLevel())};
        Tally[] past = recent.last(nowMillis, WindowGuard.pastSpans(windows));
        double perMilli = recent.last(nowMillis, 10 * 60_000L).liveAnswered() / (10 * 60_000.0);
        return WindowGuard.room(windows, past, perMilli, config.windowGuardMinAbandons());
    }

    /** Whether enough was observed to predict rather than dial progressively. */
    public boolean warmedUp() {
        return outcomes.liveAnswers() >= config.coldStartLiveAnswers()
                && outcomes.resolvedDials() >= config.coldStartResolvedDials()
                && handleTimes.completedCalls() >= config.coldStartCompletedCalls()
                && outcomes.liveAnswers() > 0 && handleTimes.completedCalls() > 0
                && outcomes.resolvedDials() > outcomes.liveAnswers();
    }

    /**
     * The abandonment rate the regulator's count (AMD false positives included) is steered to now: under
     * the target by a safety margin of {@link PacingConfig#abandonMarginZ()} standard errors of the rate
     * over today's people who answered (the smaller, binding window), never above
     * {@link PacingConfig#aimAbandonRate()} and never below half the target. Early in the day, when a few
     * abandons weigh heavily, it is low; as the day's volume grows it rises towards the aim ceiling.
     */
    public double aim(long nowMillis) {
        double target = config.targetAbandonRate();
        double people = Math.max(1, window.calendarDay(nowMillis).liveAnswered() / (1 - config.amdFalsePositiveRate()));
        double margin = config.abandonMarginZ() * Math.sqrt(target * (1 - target) / people);
        return Math.max(target / 2, Math.min(config.aimAbandonRate(), target - margin));
    }

    /**
     * How the target is shared out now between the expected AMD false positives and the pacer's own
     * abandons; for a dashboard, "expected AMD false positives x% beside measured abandonment y%" is
     * {@code amdFalsePositiveRate()} beside {@code calendarDay(now).abandonRate()}, and
     * {@code expectedRate(calendarDay(now))} their sum as the regulator counts it.
     */
    public AbandonmentBudget abandonmentBudget(long nowMillis) {
        return AbandonmentBudget.of(config.targetAbandonRate(), config.amdFalsePositiveRate(), aim(nowMillis));
    }

    /**
     * The rate of the pacer's own abandons, per live answer the dialer sees, that the controller and the
     * window guard steer to: the aim less the expected AMD false positives, on the right denominator
     * ({@link AbandonmentBudget#pacerAim()}). Without false positives configured it is the aim.
     */
    public double pacerAim(long nowMillis) {
        return abandonmentBudget(nowMillis).pacerAim();
    }

    /** Whether today's or the rolling window's abandons exceed the pacer's aim times their live answers. */
    public boolean overAim(long nowMillis) {
        double aim = pacerAim(nowMillis);
        return window.calendarDay(nowMillis).headroom(aim) < 0 || window.rolling(nowMillis).headroom(aim) < 0;
    }

    /**
     * The accepted risk that a new dial's live answer finds no agent: the abandonment controller's value,
     * lowered further while either regulatory window runs over the pacer's aim (the expected AMD false
     * positives taken out).
     */
    public double riskThreshold(long nowMillis) {
        double aim = pacerAim(nowMillis);
        double headroom = Math.min(window.calendarDay(nowMillis).headroom(aim), window.rolling(nowMillis).headroom(aim));
        double guard = headroom < 0 ? Math.exp(config.windowGuardGain() * headroom) : 1;
        return Math.max(config.minRiskThreshold(), controller.threshold() * guard);
    }

    /**
     * The pacer caps the accepted risk at {@code ceiling} now (small-team safe mode): the abandonment
     * controller tracks the cap rather than integrating above it, so a team that grows out of safe mode
     * resumes from the risk it was dialling at and earns its way up from there ({@link
     * RiskThresholdController#limitTo(double)}).
     */
    public void limitRiskThreshold(double ceiling) {
        controller.limitTo(ceiling);
    }

    /**
     * Forecasts from the current estimates, rebuilt at most every {@code modelRefreshMillis};
     * {@code null} before anything was observed.
     */
    public Forecasts forecasts(long nowMillis) {
        return forecasts(nowMillis, List.of());
    }

    /**
     * As {@link #forecasts(long)}; the agents' talks now running are counted, when the forecast is rebuilt,
     * as talks lasting at least their elapsed time (so the long calls of the first minutes are not missed).
     */
    public Forecasts forecasts(long nowMillis, List<AgentView> agents) {
        if (forecasts == null || nowMillis - forecastBuiltAt >= config.modelRefreshMillis() || nowMillis < forecastBuiltAt) {
            forecasts = buildForecasts(nowMillis, runningTalks(agents, false), runningTalks(agents, true));
            forecastBuiltAt = nowMillis;
        }
        return forecasts;
    }

    private static long[] runningTalks(List<AgentView> agents, boolean inbound) {
        return agents.stream().filter(a -> a.activity() == AgentActivity.TALKING && a.inbound() == inbound)
                .mapToLong(AgentView::elapsedMillis).toArray();
    }

    private Forecasts buildForecasts(long nowMillis, long[] runningTalks, long[] runningInboundTalks) {
        DialOutcomeModel.Forecast dial = outcomes.forecast();
        if (dial == null) {
            return null;
        }
        double step = config.horizonStepMillis();
        double reach = Math.min(config.horizonMillis(), dial.liveAfter().quantileMillis(0.995) + step);
        int k = (int) Math.ceil(reach / step) + 1;
        double[] horizons = new double[k];
        double[] supplyHorizons = new double[k];
        for (int i = 0; i < k; i++) {
            horizons[i] = i * step;
            supplyHorizons[i] = i * step + config.answerGraceMillis();
        }
        HandleTimeModel.Forecast agents = handleTimes.forecast(nowMillis, supplyHorizons, runningTalks);
        if (agents == null) {
            return null;
        }
        HandleTimeModel.Forecast inboundAgents = inboundHandleTimes.completedCalls() == 0 ? null
                : inboundHandleTimes.forecast(nowMillis, supplyHorizons, runningInboundTalks);
        InboundLoad inbound = inbound(nowMillis);
        return new Forecasts(horizons, dial, agents, inboundAgents, inbound.sizingRatePerMilli(), config.answerGraceMillis());
    }

    /**
     * What the estimates say about the next moments.
     *
     * @param horizonsMillis the look-ahead grid: 0, step, 2*step, ...
     * @param dials          answer probability and resolution times
     * @param agents         agents' chances to be free by each horizon plus the answer grace time
     * @param inboundAgents  the same for agents on (or after) an inbound call, from the inbound handle times;
     *                       null while no inbound call went through talk and wrap-up ({@code agents} is used)
     * @param inboundArrivalsPerMilli the inbound rate the look-ahead expects (the sizing rate, 0 when the
     *                       campaign has had no inbound caller)
     * @param graceMillis    the answer grace time: inbound callers arriving by a horizon plus it compete for
     *                       the agents free by then
     */
    public record Forecasts(double[] horizonsMillis, DialOutcomeModel.Forecast dials, HandleTimeModel.Forecast agents,
                            HandleTimeModel.Forecast inboundAgents, double inboundArrivalsPerMilli, long graceMillis) {

        /** An outbound-only forecast. */
        public Forecasts(double[] horizonsMillis, DialOutcomeModel.Forecast dials, HandleTimeModel.Forecast agents) {
            this(horizonsMillis, dials, agents, null, 0, 0);
        }

        /** P(the agent is free within each horizon plus the grace time), from the model of the call they are on. */
        public double[] freeWithin(AgentView agent) {
            return (agent.inbound() && inboundAgents != null ? inboundAgents : agents).freeWithin(agent);
        }

        /** Inbound callers expected to arrive by each horizon plus the grace time (Poisson means). */
        public double[] inboundArrivalsWithin() {
            double[] m = new double[horizonsMillis.length];
            for (int i = 0; i < m.length; i++) {
                m[i] = inboundArrivalsPerMilli * (horizonsMillis[i] + graceMillis);
            }
            return m;
        }
    }
}
