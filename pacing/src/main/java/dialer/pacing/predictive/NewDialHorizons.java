package dialer.pacing.predictive;

import dialer.pacing.estimate.DialOutcomeModel;

/**
 * What a dial placed now contributes at each forecast horizon: the chance it is answered live by
 * then ({@code fresh}), and the weight of each horizon as the moment its answer comes, from the
 * distribution of time to a live answer ({@code weight}; answers later than the last horizon are
 * judged at it, so the weights add up to 1). Shared by the normal-approximation and the exact
 * small-team forecasts.
 */
record NewDialHorizons(double[] fresh, double[] weight) {

    static NewDialHorizons of(DialOutcomeModel.Forecast dials, double[] horizonsMillis) {
        int k = horizonsMillis.length;
        double[] fresh = new double[k];
        double[] weight = new double[k];
        double previous = 0;
        for (int i = 0; i < k; i++) {
            fresh[i] = dials.newDialLiveWithin(horizonsMillis[i]);
            double c = dials.liveAfter().cdf(horizonsMillis[i]);
            weight[i] = c - previous;
            previous = c;
        }
        weight[k - 1] += 1 - dials.liveAfter().cdf(horizonsMillis[k - 1]);
        return new NewDialHorizons(fresh, weight);
    }
}
