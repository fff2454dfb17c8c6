package dialer.pacing;

import dialer.pacing.CampaignStatistics.Forecasts;
import dialer.pacing.predictive.DialRisk;
import dialer.pacing.predictive.ShortfallForecast;
import dialer.pacing.predictive.SmallTeamShortfall;

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
 *       window's abandonment is over the aim: with a hundred live answers a day, two abandons are 2%.</li>
 *   <li>Never fewer calls than progressive would place, never more lines than
 *       {@link PacingConfig#maxLinesPerAgent()} per staffing agent.</li>
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
        int progressive = ProgressivePacer.callsFor(snapshot);
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
        DialRisk lookAhead = safeMode ? SmallTeamShortfall.of(snapshot, forecasts) : ShortfallForecast.of(snapshot, forecasts, true);
        int predicted = lookAhead.dialsWithinRisk(threshold, lineCap);
        int calls = Math.max(predicted, Math.min(progressive, lineCap));
        String reason = String.format(Locale.ROOT, "%s: %d call(s), accepted risk %.3f, next dial's risk %.3f, live rate %.3f",
                safeMode ? "predictive (small-team safe mode)" : "predictive", calls, threshold,
                calls < lineCap ? lookAhead.riskOfDial(calls + 1) : Double.NaN, stats.liveAnswerRate());
        if (config.amdFalsePositiveRate() > 0) {
            AbandonmentBudget budget = stats.abandonmentBudget(snapshot.nowMillis());
            reason += String.format(Locale.ROOT, ", own abandonment aim %.4f (aim %.4f less %.4f expected AMD false positives)",
                    budget.pacerAim(), budget.aim(), budget.amdFalsePositiveRate());
        }
        return new PacingDecision(calls, reason);
    }
}
