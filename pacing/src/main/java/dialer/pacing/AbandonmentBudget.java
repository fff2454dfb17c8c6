package dialer.pacing;

import dialer.pacing.estimate.Tally;

/**
 * How a campaign's abandonment target is shared out now, between the answering-machine detection's false
 * positives, which the dialer cannot see, and the predictive pacer's own abandons.
 *
 * <p>The denominators: the regulators' rate (TCPA 47 CFR 64.1200(a)(7), Ofcom) is abandoned calls over the
 * calls a person answered, and a person whom AMD took for a machine and hung up on counts on both sides.
 * Of {@code P} people who answer, {@code f P} are such false positives ({@code f} =
 * {@link #amdFalsePositiveRate()}). The dialer sees them as machines; the live answers it counts are
 * {@code L = (1 - f) P}. If the pacer's own abandons {@code A} run at {@code r = A / L}, the regulator
 * counts {@code (A + f P) / P = f + (1 - f) r}. To keep that at the aim {@code a}, the pacer steers its
 * own rate to {@code (a - f) / (1 - f)} ({@link #pacerAim()}), not to {@code a - f}: its denominator is
 * the smaller one.
 *
 * @param target               the regulator's ceiling, abandoned / people who answered
 * @param amdFalsePositiveRate expected share of the people who answer whom AMD hangs up on
 *                             ({@link PacingConfig#amdFalsePositiveRate()})
 * @param aim                  the rate the regulator's count is steered to now: the target less the safety
 *                             margin ({@link CampaignStatistics#aim(long)}), false positives included
 * @param pacerAim             the rate of the pacer's own abandons per live answer it sees, that the
 *                             abandonment controller and the window guard steer to: {@code (aim - f) / (1 - f)},
 *                             0 when the false positives alone take the whole aim
 */
public record AbandonmentBudget(double target, double amdFalsePositiveRate, double aim, double pacerAim) {

    public AbandonmentBudget {
        if (!(amdFalsePositiveRate >= 0 && amdFalsePositiveRate < 1)) {
            throw new IllegalArgumentException("amdFalsePositiveRate in [0,1)");
        }
    }

    /** The budget that keeps the regulator's count at {@code aim} when AMD hangs up on {@code f} of the people. */
    public static AbandonmentBudget of(double target, double amdFalsePositiveRate, double aim) {
        double own = Math.max(0, (aim - amdFalsePositiveRate) / (1 - amdFalsePositiveRate));
        return new AbandonmentBudget(target, amdFalsePositiveRate, aim, own);
    }

    /**
     * The people who answered, estimated from the live answers the dialer counted ({@code L / (1 - f)}):
     * the regulator's denominator.
     */
    public double peopleAnswered(long liveAnswersSeen) {
        return liveAnswersSeen / (1 - amdFalsePositiveRate);
    }

    /** The false positives expected beside {@code measured}'s live answers: {@code f L / (1 - f)}. */
    public double expectedFalsePositives(Tally measured) {
        return amdFalsePositiveRate * peopleAnswered(measured.liveAnswered());
    }

    /**
     * The regulator's rate to expect for a window the dialer measured at {@code measured.abandonRate()}:
     * {@code f + (1 - f) r}, counting the false positives it could not see (0 when nobody answered).
     */
    public double expectedRate(Tally measured) {
        if (measured.liveAnswered() == 0) {
            return 0;
        }
        return amdFalsePositiveRate + (1 - amdFalsePositiveRate) * measured.abandonRate();
    }
}
