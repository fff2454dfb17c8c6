package dialer.pacing.sim;

import dialer.pacing.Pacer;
import dialer.pacing.PacingConfig;
import dialer.pacing.PredictivePacer;
import dialer.pacing.ProgressivePacer;
import dialer.pacing.baseline.VicidialAdaptBaseline;

import java.util.function.Supplier;

/**
 * A pacer as entered in a simulation: its name, how often the simulator asks it to decide, a fresh
 * instance per run, and the config its campaign statistics use.
 */
public record Contender(String name, long decisionIntervalMillis, Supplier<Pacer> pacer, PacingConfig config) {

    public static Contender predictive() {
        return predictive(PacingConfig.defaults());
    }

    public static Contender predictive(PacingConfig config) {
        return new Contender("predictive", 1_000, PredictivePacer::new, config);
    }

    /**
     * Predictive pacing told to expect answering-machine false positives at {@code amdFalsePositiveRate} of
     * the people who answer ({@link PacingConfig#amdFalsePositiveRate()}), as an AMD benchmark or audit
     * would tell a campaign; named {@code predictive-amd}.
     */
    public static Contender predictiveExpectingAmdFalsePositives(double amdFalsePositiveRate) {
        return new Contender("predictive-amd", 1_000, PredictivePacer::new,
                PacingConfig.defaults().toBuilder().amdFalsePositiveRate(amdFalsePositiveRate).build());
    }

    public static Contender progressive() {
        return new Contender("progressive", 1_000, ProgressivePacer::new, PacingConfig.defaults());
    }

    /** VICIdial's adaptive method with its defaults; it is asked every 0.5 s and keeps its own 1 s / 15 s / 2.5 s rhythm. */
    public static Contender vicidial(VicidialAdaptBaseline.Method method) {
        String name = method == VicidialAdaptBaseline.Method.ADAPT_HARD_LIMIT ? "vicidial-hard" : "vicidial-avg";
        return new Contender(name, 500,
                () -> new VicidialAdaptBaseline(VicidialAdaptBaseline.Settings.defaults(method)), PacingConfig.defaults());
    }
}
