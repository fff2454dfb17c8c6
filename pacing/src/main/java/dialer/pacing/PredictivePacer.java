package dialer.pacing;

import dialer.pacing.CampaignStatistics.Forecasts;
import dialer.pacing.CampaignStatistics.InboundLoad;
import dialer.pacing.predictive.DialRisk;
import dialer.pacing.predictive.InboundReserve;
import dialer.pacing.predictive.ShortfallForecast;
import dialer.pacing.predictive.SmallTeamShortfall;
import dialer.pacing.predictive.WindowGuard;

import dialer.pacing.estimate.InboundService;

import java.util.Locale;

/**
 * Predictive pacing: over-dials from online estimates so that agents are kept busy while the share of live
 * answers that find no agent stays under the campaign's target.
 *
 * <ol>
 *   <li>Cold start: dials progressively until the statistics have seen enough outcomes and calls.</li>
 *   <li>Look-ahead ({@link ShortfallForecast}): agents expected to become free from their elapsed talk and
 *       wrap-up times, live answers expected from calls ringing (given how long they have rung) and from
 *       new dials; the largest number of new dials whose risk of finding no agent stays under the
 *       threshold is placed.</li>
 *   <li>Feedback: the threshold comes from {@link CampaignStatistics#riskThreshold(long)}, which a controller
 *       moves with measured abandonment (aiming a little under target, less the expected AMD false
 *       positives: {@link AbandonmentBudget}) and which is cut further while the calendar-day or rolling
 *       window runs over that aim.</li>
 *   <li>Small teams (fewer staffing agents than {@link PacingConfig#smallTeamAgents()}): safe mode, which
 *       credits only agents already off the phone, computes the risk exactly ({@link SmallTeamShortfall}), caps it
 *       at {@link PacingConfig#safeModeMaxRisk()}, and dials progressively while today's or the rolling
 *       window's abandonment is over the aim: with a hundred live answers a day, two abandons are 2%. A small
 *       team on a campaign told its AMD's false-positive rate ({@link PacingConfig#amdFalsePositiveRate()})
 *       dials progressively without AMD ({@link PacingDecision#screenForMachines()} false): the people AMD
 *       would hang up on are abandons too few answers cannot absorb, and the agents hear machines instead.</li>
 *   <li>Trailing-window guard ({@link WindowGuard}, at {@link PacingConfig#shortWindowGuardLevel()} and
 *       {@link PacingConfig#longWindowGuardLevel()}, 4.5% and 3.7% by default; 0 is off): no dial that makes a burst of abandons large
 *       enough to put a 10- or 30-minute window ending in the next two minutes over its level more likely
 *       than {@link PacingConfig#windowGuardChance()}, down to dialling progressively.</li>
 *   <li>Never fewer calls than progressive would place, never more lines than
 *       {@link PacingConfig#maxLinesPerAgent()} per staffing agent.</li>
 *   <li>Blended campaigns (the driver reports inbound callers): inbound callers take the next free agent
 *       before outbound calls, so the look-ahead counts those waiting and the arrivals expected by each
 *       horizon as demand; and the pacer keeps {@link InboundReserve#idleAgentsFor enough agents idle} for the
 *       inbound service level: no more dials than leave that many agents expected idle, and the progressive
 *       floor is taken after the callers waiting and that reserve. While the reserve is what holds the pacer
 *       back, the abandonment controller may not climb above the risk the reserve lets it take (nor is it
 *       pushed under its starting risk): abandons then run under the aim for a reason the controller cannot
 *       see, and it would otherwise wind up.</li>
 * </ol>
 * Stateless: everything it remembers lives in the snapshot's {@link CampaignStatistics} (in safe mode it
 * holds the abandonment controller at the safe mode's cap there, {@link CampaignStatistics#limitRiskThreshold(double)}).
 */
public final class PredictivePacer implements Pacer {

    @Override
    public PacingDecision decide(PacingSnapshot snapshot) {
        CampaignStatistics stats = snapshot.statistics();
        PacingConfig config = stats.config();
        int staffing = snapshot.staffingAgents();
        if (staffing == 0) {
            return PacingDecision.none("no agent is taking calls");
        }
        boolean safeMode = staffing < config.smallTeamAgents();
        if (safeMode) {
            // the risk in force is at most the safe mode's cap: the controller tracks it (anti-windup), so
            // the normal pacer does not start from a risk that was never tried when the team grows
            stats.limitRiskThreshold(config.safeModeMaxRisk());
        }
        InboundLoad inbound = stats.inbound(snapshot.nowMillis());
        int reserve = reserve(inbound, stats, staffing);
        int progressive = Math.max(0, ProgressivePacer.callsFor(snapshot) - reserve);
        if (safeMode && config.amdFalsePositiveRate() > 0) {
            // the people AMD would hang up on are abandons a small team's day cannot absorb (1.5% of some 100
            // answers a day puts one day in six over 3% however the calls are paced): no AMD, and one line per
            // free agent, so that every answer, machine or person, has an agent and nobody is abandoned
            return PacingDecision.withoutMachineDetection(progressive, String.format(Locale.ROOT,
                    "small-team safe mode: progressive without AMD (AMD would hang up on %.1f%% of the people who answer)",
                    100 * config.amdFalsePositiveRate()));
        }
        if (!stats.warmedUp()) {
            return new PacingDecision(progressive, "cold start: progressive until enough outcomes are observed");
        }
        Forecasts forecasts = stats.forecasts(snapshot.nowMillis(), snapshot.agents());
        if (forecasts == null) {
            return new PacingDecision(progressive, "no forecast yet: progressive");
        }
        if (safeMode && stats.overAim(snapshot.nowMillis())) {
            return new PacingDecision(progressive, "small-team safe mode: today's abandonment is over the aim, progressive");
        }
        double threshold = stats.riskThreshold(snapshot.nowMillis());
        if (safeMode) {
            threshold = Math.min(threshold, config.safeModeMaxRisk());
        }
        int lineCap = (int) Math.floor(config.maxLinesPerAgent() * staffing) - snapshot.calls().size();
        if (lineCap <= 0) {
            return PacingDecision.none("line cap reached");
        }
        ShortfallForecast normal = safeMode ? null : ShortfallForecast.of(snapshot, forecasts, true);
        DialRisk lookAhead = safeMode ? SmallTeamShortfall.of(snapshot, forecasts) : normal;
        int predicted = lookAhead.dialsWithinRisk(threshold, lineCap);
        // trailing-window guard: no dial that makes a burst of abandons able to fill a short window's room likely
        // (not in safe mode: a small team's windows hold too few answers to be guarded)
        double room = safeMode ? WindowGuard.UNLIMITED : stats.windowGuardRoom(snapshot.nowMillis());
        boolean guarded = false;
        if (room != WindowGuard.UNLIMITED && predicted > 0) {
            int breaking = Math.max(1, (int) Math.floor(room) + 1); // the fewest abandons that would overfill a window
            int guard = normal.dialsKeepingBurstsUnder(breaking, config.windowGuardChance(),
                    config.windowGuardVarianceFactor(), predicted);
            guarded = guard < predicted;
            predicted = guard;
        }
        int keepingReserve = lookAhead.dialsKeepingIdle(reserve, lineCap);
        boolean reserveBinds = keepingReserve < predicted;
        if (reserveBinds) {
            predicted = keepingReserve;
            stats.limitRiskThreshold(Math.max(config.initialRiskThreshold(), lookAhead.riskOfDial(keepingReserve + 1)));
        }
        int calls = Math.max(predicted, Math.min(progressive, lineCap));
        String reason = String.format(Locale.ROOT, "%s: %d call(s), accepted risk %.3f, next dial's risk %.3f, live rate %.3f",
                safeMode ? "predictive (small-team safe mode)" : "predictive", calls, threshold,
                calls < lineCap ? lookAhead.riskOfDial(calls + 1) : Double.NaN, stats.liveAnswerRate());
        if (guarded) {
            reason += String.format(Locale.ROOT, ", window guard: the short windows' room is %.1f abandon(s)", room);
        }
        if (config.amdFalsePositiveRate() > 0) {
            AbandonmentBudget budget = stats.abandonmentBudget(snapshot.nowMillis());
            reason += String.format(Locale.ROOT, ", own abandonment aim %.4f (aim %.4f less %.4f expected AMD false positives)",
                    budget.pacerAim(), budget.aim(), budget.amdFalsePositiveRate());
        }
        if (inbound.active()) {
            reason += inboundReason(inbound, snapshot.inboundWaiting(), reserve, reserveBinds);
        }
        return new PacingDecision(calls, reason);
    }

    /** Idle agents to keep for inbound callers ({@link InboundReserve}); 0 for a campaign that never had one. */
    static int reserve(InboundLoad inbound, CampaignStatistics stats, int staffing) {
        if (!inbound.active() || !(inbound.sizingRatePerMilli() > 0)) {
            return 0;
        }
        double outbound = stats.meanHandleMillis();
        double in = inbound.handleMillis();
        if (Double.isNaN(in)) {
            in = Double.isNaN(outbound) ? DEFAULT_HANDLE_MILLIS : outbound;
        }
        if (Double.isNaN(outbound)) {
            outbound = in;
        }
        return InboundReserve.idleAgentsFor(staffing, inbound.sizingRatePerMilli(), in, outbound,
                inbound.serviceMillis(), inbound.serviceLevelTarget());
    }

    /** Before any call was handled: a collections call's talk and wrap-up, about three minutes. */
    private static final double DEFAULT_HANDLE_MILLIS = 180_000;

    private static String inboundReason(InboundLoad inbound, int waiting, int reserve, boolean binding) {
        InboundService.Counts hour = inbound.lastHour();
        return String.format(Locale.ROOT, "; inbound: %d waiting, %.2f/min%s, handle %.0f s, %d agent(s) kept idle for %.0f%% in %d s%s,"
                        + " last hour %s answered in time, %.1f%% abandoned",
                waiting, inbound.sizingRatePerMilli() * 60_000, inbound.warmedUp() ? "" : " (upper bound, warming up)",
                inbound.handleMillis() / 1_000, reserve, 100 * inbound.serviceLevelTarget(), inbound.serviceMillis() / 1_000,
                binding ? " (binding)" : "",
                hour.resolved() == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * hour.serviceLevel()),
                100 * hour.abandonRate());
    }
}
