package dialer.pacing.sim;

import dialer.pacing.PacingConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Blended campaigns: runs the blended scenarios with the predictive pacer told of the inbound callers
 * ({@code predictive}: the look-ahead counts them and a reserve of idle agents is kept for the inbound
 * service level) and the same pacer whose driver does not report them ({@code predictive-naive}: agents on
 * inbound calls look like agents on any call), on the same leads and the same inbound callers (same seeds),
 * and prints them side by side: outbound abandonment against its cap, the inbound service level against
 * its target, inbound abandonment and occupancy.
 *
 * <pre>
 * java -cp pacing/target/classes dialer.pacing.sim.BlendedBenchmark [--seeds N] [--hours H]
 *      [--scenarios S2-blended,...] [--dir path/to/own/scenarios] [--pacers predictive,predictive-noreserve,predictive-naive,progressive]
 *      [--sl 80/20]
 * </pre>
 */
public final class BlendedBenchmark {

    /** The shipped blended scenarios. */
    public static final List<String> SHIPPED = List.of("S2-blended", "S1-blended");

    private BlendedBenchmark() {
    }

    public static void main(String[] args) {
        int seeds = 3;
        Double hours = null;
        List<String> names = SHIPPED;
        List<String> pacers = List.of("predictive", "predictive-naive", "progressive");
        PacingConfig config = PacingConfig.defaults();
        ScenarioLoader loader = ScenarioLoader.shipped();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seeds" -> seeds = Integer.parseInt(args[++i]);
                case "--hours" -> hours = Double.parseDouble(args[++i]);
                case "--scenarios" -> names = List.of(args[++i].split(","));
                case "--dir" -> loader = ScenarioLoader.directory(Path.of(args[++i]));
                case "--pacers" -> pacers = List.of(args[++i].split(","));
                case "--sl" -> {
                    String[] sl = args[++i].split("/");
                    config = config.toBuilder().inboundServiceLevel(Double.parseDouble(sl[0]) / 100)
                            .inboundServiceMillis(Math.round(Double.parseDouble(sl[1]) * 1_000)).build();
                }
                default -> {
                    System.err.println("usage: BlendedBenchmark [--seeds N] [--hours H] [--scenarios S2-blended,...] [--dir DIR]"
                            + " [--pacers predictive,predictive-noreserve,predictive-naive,progressive] [--sl 80/20]");
                    System.exit(2);
                }
            }
        }
        long started = System.nanoTime();
        StringBuilder out = new StringBuilder();
        String header = String.format(Locale.ROOT, "%-12s %-17s %4s %9s %10s | %8s %9s | %8s %9s %8s %7s | %s",
                "scenario", "pacer", "runs", "occupancy", "talk min/h", "out aban", "worst run",
                "in SL", "worst run", "in aban", "in/h", "both met every run?");
        out.append(header).append('\n').append("-".repeat(header.length())).append('\n');
        String previous = null;
        for (String name : names) {
            Scenario scenario = loader.load(name.trim());
            if (hours != null) {
                scenario = scenario.withShiftMillis(Math.round(hours * 3_600_000));
            }
            for (String pacer : pacers) {
                Contender contender = contender(pacer.trim(), config);
                List<SimulationResult> runs = runs(scenario, contender, seeds);
                SimulationResult pooled = SimulationResult.pool(runs);
                double worstAbandon = runs.stream().mapToDouble(SimulationResult::abandonRate).max().orElse(0);
                double worstSl = runs.stream().mapToDouble(SimulationResult::inboundServiceLevel).min().orElse(Double.NaN);
                boolean both = worstAbandon <= config.targetAbandonRate() && worstSl >= config.inboundServiceLevel();
                if (previous != null && !previous.equals(scenario.name())) {
                    out.append('\n');
                }
                previous = scenario.name();
                out.append(String.format(Locale.ROOT, "%-12s %-17s %4d %8.1f%% %10.1f | %7.2f%% %8.2f%% | %7.1f%% %8.1f%% %7.1f%% %7.1f | %s%n",
                        scenario.name(), contender.name(), pooled.runs(), 100 * pooled.occupancy(),
                        pooled.talkMinutesPerAgentHour(), 100 * pooled.abandonRate(), 100 * worstAbandon,
                        100 * pooled.inboundServiceLevel(), 100 * worstSl, 100 * pooled.inboundAbandonRate(),
                        pooled.inboundOffered() / (pooled.shiftMillis() / 3_600_000.0) / pooled.runs(),
                        both ? "yes" : "NO"));
            }
        }
        System.out.printf(Locale.ROOT, "Blended benchmark: %d seed(s) x %s per scenario, same leads and inbound callers for every pacer;"
                        + "%noutbound abandonment cap %.1f%%, inbound service level %.0f%% answered within %d s%n%n",
                seeds, hours == null ? "the scenario's shift" : hours + " h", 100 * config.targetAbandonRate(),
                100 * config.inboundServiceLevel(), config.inboundServiceMillis() / 1_000);
        System.out.print(out);
        System.out.printf(Locale.ROOT, "%noccupancy = (talk + wrap, inbound and outbound) / logged-in time; out aban = outbound"
                + " abandoned / live answered (no agent within 2 s);%nin SL = inbound answered within the time / inbound"
                + " answered or abandoned (abandons count as missed); worst run = the worst single run.%n(%.1f s)%n",
                (System.nanoTime() - started) / 1e9);
    }

    /**
     * {@code predictive} (blending), {@code predictive-noreserve} (inbound callers in the look-ahead, no agent
     * kept idle for the service level: its target set to 1% for the pacer, the run still judged against the
     * real one), {@code predictive-naive} (inbound not reported), {@code progressive} (reported).
     */
    static Contender contender(String name, PacingConfig config) {
        return switch (name) {
            case "predictive" -> Contender.predictive(config);
            case "predictive-noreserve" -> {
                Contender c = Contender.predictive(config.toBuilder().inboundServiceLevel(0.01).build());
                yield new Contender("pred-noreserve", c.decisionIntervalMillis(), c.pacer(), c.config(), true);
            }
            case "predictive-naive" -> Contender.predictive(config).ignoringInbound();
            case "progressive" -> new Contender("progressive", 1_000, dialer.pacing.ProgressivePacer::new, config);
            default -> throw new IllegalArgumentException("unknown pacer " + name);
        };
    }

    /** Seeds 1..n, one result each. */
    public static List<SimulationResult> runs(Scenario scenario, Contender contender, int seeds) {
        Simulator simulator = new Simulator(scenario);
        List<SimulationResult> runs = new ArrayList<>();
        for (long seed = 1; seed <= seeds; seed++) {
            runs.add(simulator.run(contender, seed));
        }
        return runs;
    }
}
