package dialer.core.bench;

import dialer.pacing.sim.DurationSpec;
import dialer.pacing.sim.Scenario;
import dialer.pacing.sim.Traffic;

import java.util.List;

/**
 * A scenario's traffic with every time multiplied by a factor, so that a live run through Asterisk
 * sees in minutes what the scenario describes over a longer span; and the same traffic with the
 * times the live run could not scale (answering-machine detection, which Asterisk's AMD() spends in
 * real time) or had to round (the campaign's ring timeout is whole seconds) put back as measured.
 */
final class ScaledTraffic {

    private ScaledTraffic() {
    }

    /** Every duration and time of {@code t} multiplied by {@code factor}; shares unchanged. */
    static Traffic scaled(Traffic t, double factor) {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("the time scale must be positive, not " + factor);
        }
        return new Traffic(t.live(), t.machine(), t.busy(), t.invalid(), t.noAnswer(), t.rightPartyShare(),
                scaled(t.liveRing(), factor), t.liveAmdSeconds() * factor,
                scaled(t.machineRing(), factor), t.machineAmdSeconds() * factor,
                t.noAnswerTimeout() * factor, t.busySeconds() * factor, t.invalidSeconds() * factor,
                scaled(t.rightPartyTalk(), factor), scaled(t.rightPartyWrap(), factor),
                scaled(t.otherTalk(), factor), scaled(t.otherWrap(), factor), t.amdFalsePositive());
    }

    static DurationSpec scaled(DurationSpec d, double factor) {
        // the same shape: the mean scales, the coefficient of variation does not
        if (d instanceof DurationSpec.Lognormal l) {
            return new DurationSpec.Lognormal(l.mean() * factor, l.cv());
        }
        if (d instanceof DurationSpec.Uniform u) {
            return new DurationSpec.Uniform(u.min() * factor, u.max() * factor);
        }
        return new DurationSpec.Fixed(((DurationSpec.Fixed) d).seconds() * factor);
    }

    /**
     * {@code t} as the live run acted it out: answering-machine detection took {@code liveAmdSeconds} on
     * people and {@code machineAmdSeconds} on machines, unanswered calls were given up after
     * {@code noAnswerTimeout} (the campaign's ring timeout) and invalid numbers failed after
     * {@code invalidSeconds}.
     */
    static Traffic asActed(Traffic t, double liveAmdSeconds, double machineAmdSeconds, double noAnswerTimeout, double invalidSeconds) {
        return new Traffic(t.live(), t.machine(), t.busy(), t.invalid(), t.noAnswer(), t.rightPartyShare(),
                t.liveRing(), liveAmdSeconds, t.machineRing(), machineAmdSeconds, noAnswerTimeout, t.busySeconds(),
                invalidSeconds, t.rightPartyTalk(), t.rightPartyWrap(), t.otherTalk(), t.otherWrap(), t.amdFalsePositive());
    }

    /**
     * A scenario of {@code agents} agents, all logged in from the start, under {@code traffic} for the whole
     * {@code shiftMillis}: what a live run of one traffic and a fixed team is (the scenario's own phases and
     * staffing changes are not acted out live).
     */
    static Scenario steady(Scenario of, Traffic traffic, int agents, long shiftMillis) {
        return new Scenario(of.name() + "@" + agents, of.description(), agents, shiftMillis,
                List.of(new Scenario.Phase(0, traffic)), List.of());
    }

    /** The campaign's ring timeout for a scaled no-answer timeout: whole seconds, within what a campaign accepts. */
    static int ringTimeoutSeconds(double noAnswerTimeout) {
        return (int) Math.max(5, Math.min(120, Math.round(noAnswerTimeout)));
    }
}
