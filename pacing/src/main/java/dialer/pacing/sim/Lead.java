package dialer.pacing.sim;

import dialer.pacing.DialOutcome;

import java.util.random.RandomGenerator;

/**
 * What will happen when a lead is dialled: drawn when the dial is placed, known only to the simulator.
 * The pacer never sees it; it learns the outcome when the call resolves, like a real dialer.
 *
 * @param outcome        how the dial resolves as the dialer sees it
 * @param falsePositive  a person whom answering-machine detection took for a machine (outcome MACHINE)
 * @param rightParty     the debtor answered (long call)
 * @param answerMillis   from dial to the answer, for a call a person or a machine picks up (answering-machine
 *                       detection then screens it until {@code resolveMillis}); -1 for a call never answered
 * @param resolveMillis  from dial to resolution (live answer, machine detected, busy, ...)
 * @param talkMillis     talk time if it reaches an agent
 * @param wrapMillis     wrap-up after that talk
 */
public record Lead(DialOutcome outcome, boolean falsePositive, boolean rightParty,
                   long answerMillis, long resolveMillis, long talkMillis, long wrapMillis) {

    /** Whether the call is answered, then screened, at {@link #answerMillis()}. */
    public boolean answered() {
        return answerMillis >= 0;
    }

    /**
     * Draws a lead from its own random stream, always in the same order, so that the k-th lead of a run
     * is the same for every pacer dialling under the same traffic (and a live benchmark's simulated callee
     * behaves as the simulator's would).
     */
    public static Lead draw(RandomGenerator random, Traffic t) {
        double u = random.nextDouble();
        double uFalsePositive = random.nextDouble();
        double uRightParty = random.nextDouble();
        boolean rightParty = uRightParty < t.rightPartyShare();
        long talk = millis((rightParty ? t.rightPartyTalk() : t.otherTalk()).sampleSeconds(random));
        long wrap = millis((rightParty ? t.rightPartyWrap() : t.otherWrap()).sampleSeconds(random));
        DialOutcome outcome;
        double resolveSeconds;
        double answerSeconds = -1;
        boolean falsePositive = false;
        if (u < t.live()) {
            double ring = t.liveRing().sampleSeconds(random);
            falsePositive = uFalsePositive < t.amdFalsePositive();
            outcome = falsePositive ? DialOutcome.MACHINE : DialOutcome.LIVE;
            answerSeconds = ring;
            resolveSeconds = ring + t.liveAmdSeconds();
        } else if (u < t.live() + t.machine()) {
            outcome = DialOutcome.MACHINE;
            double ring = t.machineRing().sampleSeconds(random);
            answerSeconds = ring;
            resolveSeconds = ring + t.machineAmdSeconds();
        } else if (u < t.live() + t.machine() + t.busy()) {
            outcome = DialOutcome.BUSY;
            resolveSeconds = t.busySeconds();
        } else if (u < t.live() + t.machine() + t.busy() + t.invalid()) {
            outcome = DialOutcome.INVALID;
            resolveSeconds = t.invalidSeconds();
        } else {
            outcome = DialOutcome.NO_ANSWER;
            resolveSeconds = t.noAnswerTimeout();
        }
        long resolve = millis(resolveSeconds);
        long answer = answerSeconds < 0 ? -1 : Math.min(resolve, millis(answerSeconds));
        return new Lead(outcome, falsePositive, rightParty, answer, resolve, Math.max(1_000, talk), Math.max(0, wrap));
    }

    private static long millis(double seconds) {
        return Math.round(seconds * 1_000);
    }
}
