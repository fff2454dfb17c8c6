package dialer.pacing.sim;

/**
 * How the dialled population behaves while a scenario phase lasts.
 *
 * @param live               share of dials a person answers
 * @param machine            share answered by a machine
 * @param busy               share busy
 * @param invalid            share invalid numbers
 * @param noAnswer           share nobody answers
 * @param rightPartyShare    share of live answers that reach the debtor (long calls)
 * @param liveRing           ring time before a person answers
 * @param liveAmdSeconds     answering-machine detection time on a person (added to the ring)
 * @param machineRing        ring time before a machine answers
 * @param machineAmdSeconds  answering-machine detection time on a machine
 * @param noAnswerTimeout    seconds before an unanswered dial is given up
 * @param busySeconds        seconds to learn the line is busy
 * @param invalidSeconds     seconds to learn the number is invalid
 * @param rightPartyTalk     talk time with the right party
 * @param rightPartyWrap     wrap-up after a right-party call
 * @param otherTalk          talk time with anyone else (wrong party, relative, ...)
 * @param otherWrap          wrap-up after such a call
 * @param amdFalsePositive   share of people whom answering-machine detection takes for a machine (hung up on,
 *                           counted as answered and abandoned)
 */
public record Traffic(double live, double machine, double busy, double invalid, double noAnswer,
                      double rightPartyShare,
                      DurationSpec liveRing, double liveAmdSeconds,
                      DurationSpec machineRing, double machineAmdSeconds,
                      double noAnswerTimeout, double busySeconds, double invalidSeconds,
                      DurationSpec rightPartyTalk, DurationSpec rightPartyWrap,
                      DurationSpec otherTalk, DurationSpec otherWrap,
                      double amdFalsePositive) {

    public Traffic {
        double sum = live + machine + busy + invalid + noAnswer;
        if (Math.abs(sum - 1) > 1e-6) {
            throw new IllegalArgumentException("the outcome mix must add up to 100%, not " + sum * 100 + "%");
        }
        for (double share : new double[] {live, machine, busy, invalid, noAnswer, rightPartyShare, amdFalsePositive}) {
            if (share < 0 || share > 1) {
                throw new IllegalArgumentException("shares are between 0 and 100%");
            }
        }
    }
}
