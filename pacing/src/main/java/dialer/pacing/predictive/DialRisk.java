package dialer.pacing.predictive;

/** A look-ahead's answer to "if the n-th dial placed now is answered live, how likely is it to find no agent?". */
public interface DialRisk {

    /** The probability that the n-th dial placed now (n >= 1), if answered live, finds no agent. */
    double riskOfDial(int n);

    /** The largest n in [0, cap] such that the n-th dial's risk is at most {@code threshold}. */
    default int dialsWithinRisk(double threshold, int cap) {
        int n = 0;
        while (n < cap && riskOfDial(n + 1) <= threshold) {
            n++;
        }
        return n;
    }
}
