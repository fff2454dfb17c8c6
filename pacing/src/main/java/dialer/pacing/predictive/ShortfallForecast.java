package dialer.pacing.predictive;

import dialer.pacing.AgentActivity;
import dialer.pacing.AgentView;
import dialer.pacing.CallStage;
import dialer.pacing.CallView;
import dialer.pacing.CampaignStatistics.Forecasts;
import dialer.pacing.PacingSnapshot;
import dialer.pacing.estimate.DialOutcomeModel;

import java.util.HashMap;
import java.util.Map;

/**
 * The look-ahead: for each moment h of a short horizon, how many agents will be free by h plus the answer
 * grace time (supply), and how many live answers will have claimed one by h (demand) from the callees
 * already waiting, the calls still ringing, and new dials placed now. Each agent and each call is a
 * Bernoulli with its own conditional probability, from its elapsed time and the online estimates;
 * supply minus demand is taken as normal (with continuity correction).
 *
 * <p>The risk of the n-th new dial is the probability that, if it is answered live, it finds no agent:
 * averaged over when it would be answered, P(supply(h + grace) - demand(h) - (n - 1 other new dials live by
 * h) < 1). The pacer places the largest number of dials whose risk stays under its threshold.
 */
public final class ShortfallForecast implements DialRisk {

    private final double[] supplyMean;
    private final double[] supplyVar;
    private final double[] demandMean;
    private final double[] demandVar;
    private final double[] newDialLive;
    private final double[] answerWeight;

    ShortfallForecast(double[] supplyMean, double[] supplyVar, double[] demandMean, double[] demandVar,
                      double[] newDialLive, double[] answerWeight) {
        this.supplyMean = supplyMean;
        this.supplyVar = supplyVar;
        this.demandMean = demandMean;
        this.demandVar = demandVar;
        this.newDialLive = newDialLive;
        this.answerWeight = answerWeight;
    }

    /**
     * Builds the look-ahead for a snapshot.
     *
     * @param creditTalkingAgents whether agents still talking count as supply (the safe mode for small
     *                            teams only counts agents who are already off the phone)
     */
    public static ShortfallForecast of(PacingSnapshot snapshot, Forecasts forecasts, boolean creditTalkingAgents) {
        double[] h = forecasts.horizonsMillis();
        int k = h.length;
        double[] sMean = new double[k];
        double[] sVar = new double[k];
        double[] dMean = new double[k];
        double[] dVar = new double[k];
        for (AgentView agent : snapshot.agents()) {
            if (!creditTalkingAgents && agent.activity() == AgentActivity.TALKING) {
                continue;
            }
            double[] free = forecasts.freeWithin(agent);
            for (int i = 0; i < k; i++) {
                double p = free[i];
                sMean[i] += p;
                sVar[i] += p * (1 - p);
            }
        }
        DialOutcomeModel.Forecast dials = forecasts.dials();
        // calls placed in the same decision have the same elapsed time: compute each elapsed time once
        Map<Long, Integer> ringingByElapsed = new HashMap<>();
        for (CallView call : snapshot.calls()) {
            if (call.stage() == CallStage.WAITING_FOR_AGENT) {
                for (int i = 0; i < k; i++) {
                    dMean[i] += 1;
                }
            } else if (call.stage() == CallStage.SCREENING) {
                for (int i = 0; i < k; i++) {
                    double p = dials.screeningLiveWithin(call.ringMillis(), call.elapsedMillis(), h[i]);
                    dMean[i] += p;
                    dVar[i] += p * (1 - p);
                }
            } else {
                ringingByElapsed.merge(call.elapsedMillis(), 1, Integer::sum);
            }
        }
        for (Map.Entry<Long, Integer> group : ringingByElapsed.entrySet()) {
            int count = group.getValue();
            for (int i = 0; i < k; i++) {
                double p = dials.ringingLiveWithin(group.getKey(), h[i]);
                dMean[i] += count * p;
                dVar[i] += count * p * (1 - p);
            }
        }
        // inbound callers take the next free agent before any outbound call: those waiting, and the Poisson
        // arrivals expected by each horizon plus the grace time
        double[] inbound = forecasts.inboundArrivalsWithin();
        for (int i = 0; i < k; i++) {
            dMean[i] += snapshot.inboundWaiting() + inbound[i];
            dVar[i] += inbound[i];
        }
        NewDialHorizons fresh = NewDialHorizons.of(dials, h);
        return new ShortfallForecast(sMean, sVar, dMean, dVar, fresh.fresh(), fresh.weight());
    }

    @Override
    public double riskOfDial(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("dials are counted from 1");
        }
        int others = n - 1;
        double risk = 0;
        for (int i = 0; i < answerWeight.length; i++) {
            double w = answerWeight[i];
            if (w <= 0) {
                continue;
            }
            double d = newDialLive[i];
            double mean = supplyMean[i] - demandMean[i] - others * d;
            double var = supplyVar[i] + demandVar[i] + others * d * (1 - d);
            double shortfall;
            if (var < 1e-9) {
                shortfall = mean < 0.5 ? 1 : 0;
            } else {
                shortfall = Gaussian.cdf((0.5 - mean) / Math.sqrt(var));
            }
            risk += w * shortfall;
        }
        return Math.min(1, risk);
    }

    /**
     * The chance that, with n new dials placed now (n >= 0), the live answers by some moment of the look-ahead
     * (from the calls in flight and the new dials) outnumber the agents free by then plus the grace time by
     * {@code abandons} or more (abandons >= 1): a burst of at least that many abandons. The largest chance over
     * the look-ahead's moments, with the variance of supply minus demand multiplied by {@code varianceFactor}:
     * abandons come in bursts (one shortfall takes several callees) more often than independent calls and
     * agents say, so the trailing-window guard ({@link WindowGuard}) widens the spread.
     */
    public double chanceOfAbandons(int n, int abandons, double varianceFactor) {
        if (n < 0 || abandons < 1 || !(varianceFactor > 0)) {
            throw new IllegalArgumentException("n >= 0, abandons >= 1 and varianceFactor > 0");
        }
        double worst = 0;
        for (int i = 0; i < newDialLive.length; i++) {
            double d = newDialLive[i];
            double mean = supplyMean[i] - demandMean[i] - n * d;
            double var = varianceFactor * (supplyVar[i] + demandVar[i] + n * d * (1 - d));
            // supply - demand <= -abandons, with continuity correction
            double chance = var < 1e-9 ? (mean < 0.5 - abandons ? 1 : 0) : Gaussian.cdf((0.5 - abandons - mean) / Math.sqrt(var));
            worst = Math.max(worst, chance);
        }
        return worst;
    }

    /**
     * The largest n in [0, cap] whose {@link #chanceOfAbandons chance of a burst of at least {@code abandons}}
     * stays at most {@code chance}.
     */
    public int dialsKeepingBurstsUnder(int abandons, double chance, double varianceFactor, int cap) {
        int n = 0;
        while (n < cap && chanceOfAbandons(n + 1, abandons, varianceFactor) <= chance) {
            n++;
        }
        return n;
    }

    @Override
    public double expectedIdle(int n) {
        double idle = 0;
        for (int i = 0; i < answerWeight.length; i++) {
            idle += answerWeight[i] * (supplyMean[i] - demandMean[i] - n * newDialLive[i]);
        }
        return idle;
    }
}
