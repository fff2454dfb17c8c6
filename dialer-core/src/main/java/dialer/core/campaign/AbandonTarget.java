package dialer.core.campaign;

/**
 * The abandonment target a supervisor may set for a campaign: never above the regulators' 3%,
 * and not so low that the dialer stops over-dialing altogether.
 */
public final class AbandonTarget {

    public static final double MIN = 0.005;
    public static final double MAX = 0.03;

    private AbandonTarget() {
    }

    public static boolean allowed(double rate) {
        return rate >= MIN && rate <= MAX;
    }
}
