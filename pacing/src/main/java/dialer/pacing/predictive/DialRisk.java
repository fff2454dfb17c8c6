package dialer.pacing.predictive;

/** A look-ahead's answer to "if the n-th dial placed now is answered live, how likely is it to find no agent?". */
public interface DialRisk {

    /** The probability that the n-th dial placed now (n >= 1), if answered live, finds no agent. */
    double riskOfDial(int n);

    /**
     * The agents expected idle, after every call placed (the n new dials included) and every inbound caller
     * expected has taken one, at the moment a new dial would be answered (averaged over when, like the risk).
     */
    double expectedIdle(int n);

    /**
     * The largest n in [0, cap] that leaves at least {@code idle} agents expected idle ({@link #expectedIdle(int)});
     * {@code cap} when {@code idle} is 0 or less.
     */
    default int dialsKeepingIdle(double idle, int cap) {
        if (idle <= 0) {
            return cap;
        }
        int n = 0;
        while (n < cap && expectedIdle(n + 1) >= idle) {
            n++;
        }
        return n;
    }

    /** The largest n in [0, cap] such that the n-th dial's risk is at most {@code threshold}. */
    default int dialsWithinRisk(double threshold, int cap) {
        int n = 0;
        while (n < cap && riskOfDial(n + 1) <= threshold) {
            n++;
        }
        return n;
    }
}
