package dialer.pacing.estimate;

/**
 * The feedback half of predictive pacing: the accepted risk that a live answer finds no agent, corrected
 * by measured abandonment.
 *
 * <p>A stochastic-approximation (integral) controller on the log of the threshold: each live answer that
 * reached an agent raises it by {@code gain * aim}, each abandon (or answering-machine false positive)
 * lowers it by {@code gain * (1 - aim)}. So the log threshold moves with the abandonment budget
 * {@code aim * answered - abandoned}: it can only stay level while abandonment runs at the aim, whatever
 * the model's bias. Clamping stops it from hoarding unused budget (which would later allow a burst of
 * abandons) and from sinking without bound when nothing can be done.
 */
public final class RiskThresholdController {

    private final double gain;
    private final double logMin;
    private final double logMax;
    private double logThreshold;

    public RiskThresholdController(double gain, double initial, double min, double max) {
        if (!(min > 0 && min <= initial && initial <= max)) {
            throw new IllegalArgumentException("need 0 < min <= initial <= max");
        }
        this.gain = gain;
        this.logMin = Math.log(min);
        this.logMax = Math.log(max);
        this.logThreshold = Math.log(initial);
    }

    /** A live answer resolved, while the campaign steers abandonment to {@code aim}. */
    public void liveResolved(boolean abandoned, double aim) {
        move(abandoned ? -(1 - aim) : aim);
    }

    /** An answering-machine false positive: counts as an answered, abandoned call. */
    public void machineFalsePositive(double aim) {
        move(-(1 - aim));
    }

    private void move(double budgetChange) {
        logThreshold = Math.max(logMin, Math.min(logMax, logThreshold + gain * budgetChange));
    }

    /**
     * The accepted risk in force is capped at {@code ceiling} (the small-team safe mode): the threshold
     * tracks that cap instead of climbing above it (anti-windup). Above the cap it would count, as unused
     * budget, connections that say nothing about a higher risk, and the pacer leaving the cap (the team
     * growing) would start from a risk it never tried. Never lowers it under its floor.
     */
    public void limitTo(double ceiling) {
        logThreshold = Math.min(logThreshold, Math.max(logMin, Math.log(ceiling)));
    }

    public double threshold() {
        return Math.exp(logThreshold);
    }
}
