package dialer.pacing.predictive;

import dialer.pacing.AgentActivity;
import dialer.pacing.AgentView;
import dialer.pacing.CallStage;
import dialer.pacing.CallView;
import dialer.pacing.CampaignStatistics.Forecasts;
import dialer.pacing.PacingSnapshot;
import dialer.pacing.estimate.DialOutcomeModel;

/**
 * The look-ahead of {@link ShortfallForecast} for small teams, computed exactly instead of with a normal
 * approximation, and crediting only agents off the phone (ready, or in wrap-up).
 *
 * <p>With one to five agents the normal approximation fails where it matters: an agent in wrap-up who is
 * free by then with probability 0.99 is a shortfall with probability 0.01, but a normal variable of mean
 * 0.99 and variance 0.0099 falls under 0.5 with probability 5e-7, so the pacer took such agents as certain
 * and abandoned calls at twice its accepted risk. Here supply and demand are Poisson-binomial
 * distributions, built by convolving each agent's and each call's Bernoulli, and the risk of the n-th dial
 * is, averaged over when it would be answered, P(demand(h) + (n - 1 other new dials live by h) >= supply(h +
 * grace)).
 */
public final class SmallTeamShortfall implements DialRisk {

    /** Per horizon: P(supply = s). */
    private final double[][] supply;
    /** Per horizon: P(demand = d), demand from the calls already placed. */
    private final double[][] demand;
    private final double[] newDialLive;
    private final double[] answerWeight;

    private SmallTeamShortfall(double[][] supply, double[][] demand, double[] newDialLive, double[] answerWeight) {
        this.supply = supply;
        this.demand = demand;
        this.newDialLive = newDialLive;
        this.answerWeight = answerWeight;
    }

    public static SmallTeamShortfall of(PacingSnapshot snapshot, Forecasts forecasts) {
        double[] h = forecasts.horizonsMillis();
        int k = h.length;
        double[][] supply = new double[k][];
        double[][] demand = new double[k][];
        for (int i = 0; i < k; i++) {
            supply[i] = new double[] {1};
            demand[i] = new double[] {1};
        }
        for (AgentView agent : snapshot.agents()) {
            if (agent.activity() == AgentActivity.TALKING) {
                continue;
            }
            double[] free = forecasts.freeWithin(agent);
            for (int i = 0; i < k; i++) {
                supply[i] = withBernoulli(supply[i], free[i]);
            }
        }
        DialOutcomeModel.Forecast dials = forecasts.dials();
        for (CallView call : snapshot.calls()) {
            for (int i = 0; i < k; i++) {
                double p = switch (call.stage()) {
                    case WAITING_FOR_AGENT -> 1;
                    case SCREENING -> dials.screeningLiveWithin(call.ringMillis(), call.elapsedMillis(), h[i]);
                    default -> dials.ringingLiveWithin(call.elapsedMillis(), h[i]);
                };
                demand[i] = withBernoulli(demand[i], p);
            }
        }
        double[] inbound = forecasts.inboundArrivalsWithin();
        for (int i = 0; i < k; i++) {
            demand[i] = shifted(withPoisson(demand[i], inbound[i]), snapshot.inboundWaiting());
        }
        NewDialHorizons fresh = NewDialHorizons.of(dials, h);
        return new SmallTeamShortfall(supply, demand, fresh.fresh(), fresh.weight());
    }

    @Override
    public double riskOfDial(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("dials are counted from 1");
        }
        double risk = 0;
        for (int i = 0; i < answerWeight.length; i++) {
            if (answerWeight[i] <= 0) {
                continue;
            }
            double[] d = demand[i];
            for (int other = 1; other < n; other++) {
                d = withBernoulli(d, newDialLive[i]);
            }
            risk += answerWeight[i] * probabilityAtLeast(d, supply[i]);
        }
        return Math.min(1, risk);
    }

    @Override
    public double expectedIdle(int n) {
        double idle = 0;
        for (int i = 0; i < answerWeight.length; i++) {
            idle += answerWeight[i] * (mean(supply[i]) - mean(demand[i]) - (n) * newDialLive[i]);
        }
        return idle;
    }

    private static double mean(double[] pmf) {
        double m = 0;
        for (int x = 1; x < pmf.length; x++) {
            m += x * pmf[x];
        }
        return m;
    }

    /** The distribution of X + c. */
    static double[] shifted(double[] pmf, int c) {
        if (c <= 0) {
            return pmf;
        }
        double[] next = new double[pmf.length + c];
        System.arraycopy(pmf, 0, next, c, pmf.length);
        return next;
    }

    /** The distribution of X + Y, Y a Poisson(mean) independent of X, Y's tail beyond 1e-12 dropped. */
    static double[] withPoisson(double[] pmf, double mean) {
        if (mean <= 0) {
            return pmf;
        }
        int top = (int) Math.ceil(mean + 12 * Math.sqrt(mean) + 12);
        double[] y = new double[top + 1];
        y[0] = Math.exp(-mean);
        for (int j = 1; j <= top; j++) {
            y[j] = y[j - 1] * mean / j;
        }
        double[] next = new double[pmf.length + top];
        for (int x = 0; x < pmf.length; x++) {
            if (pmf[x] == 0) {
                continue;
            }
            for (int j = 0; j <= top; j++) {
                next[x + j] += pmf[x] * y[j];
            }
        }
        return next;
    }

    /** P(D >= S) for independent D and S given by their distributions. */
    private static double probabilityAtLeast(double[] d, double[] s) {
        double[] tail = new double[d.length + 1]; // tail[x] = P(D >= x)
        for (int x = d.length - 1; x >= 0; x--) {
            tail[x] = tail[x + 1] + d[x];
        }
        double p = 0;
        for (int x = 0; x < s.length; x++) {
            p += s[x] * (x < tail.length ? tail[x] : 0);
        }
        return p;
    }

    /** The distribution of X + B, B a Bernoulli(p) independent of X. */
    static double[] withBernoulli(double[] pmf, double p) {
        if (p <= 0) {
            return pmf;
        }
        double[] next = new double[pmf.length + 1];
        for (int x = 0; x < pmf.length; x++) {
            next[x] += pmf[x] * (1 - p);
            next[x + 1] += pmf[x] * p;
        }
        return next;
    }
}
