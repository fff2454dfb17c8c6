package dialer.pacing.sim;

import dialer.pacing.Pacer;
import dialer.pacing.PacingConfig;
import dialer.pacing.PredictivePacer;
import dialer.pacing.ProgressivePacer;
import dialer.pacing.baseline.VicidialAdaptBaseline;

import java.util.function.Supplier;

/**
 * A pacer as entered in a simulation: its name, how often the simulator asks it to decide, a fresh
 * instance per run, the config its campaign statistics use, and, in blended scenarios, whether its driver
 * reports inbound callers to it ({@code seesInbound}; when not, agents on inbound calls look like agents on
 * any call, and their talk and wrap-up are fed as outbound ones: a dialer without blending logic).
 */
public record Contender(String name, long decisionIntervalMillis, Supplier<Pacer> pacer, PacingConfig config,
                        boolean seesInbound) {

    public Contender(String name, long decisionIntervalMillis, Supplier<Pacer> pacer, PacingConfig config) {
        this(name, decisionIntervalMillis, pacer, config, true);
    }

    /** The same pacer with a driver that does not report inbound callers, named {@code NAME-naive}. */
    public Contender ignoringInbound() {
        return new Contender(name + "-naive", decisionIntervalMillis, pacer, config, false);
    }

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
