package dialer.pacing.sim;

import dialer.pacing.PacingConfig;
import dialer.pacing.baseline.VicidialAdaptBaseline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the shipped scenarios with predictive pacing, the VICIdial baselines and progressive pacing, on the
 * same leads (same seeds), and prints a table. Scenarios whose traffic changes during the shift get a
 * second table: the worst 10- and 30-minute abandonment windows after the change (and before it, as the
 * steady-state reference).
 *
 * <pre>
 * mvn -q -o -pl pacing compile exec:java -Dexec.mainClass=dialer.pacing.sim.PacingBenchmark [-Dexec.args="--seeds 3"]
 * java -cp pacing/target/classes dialer.pacing.sim.PacingBenchmark [--seeds N] [--hours H]
 *      [--scenarios S1,S2,...|all] [--dir path/to/own/scenarios] [--pacers predictive,progressive,...]
 *      [--agents 1-5]
 * </pre>
 * {@code --agents 1-5} runs each scenario once per team size (named {@code S1@3} and so on), for the
 * small-team figures; the "worst run" column is the highest abandonment of any single run. The pacer
 * {@code predictive-amd} is predictive pacing told the scenario's AMD false-positive rate, and
 * {@code predictive-aim=1.5} predictive pacing aiming at 1.5% instead of 2.8%, {@code predictive-guard} predictive
 * pacing with the trailing-window guard at 4.5% (10 minutes) and 3.7% (30 minutes) (the default since issue 14),
 * {@code predictive-guard=4} the same guarding windows that hold 4 abandons or more (12 by default),
 * {@code predictive-noguard} predictive pacing without the guard; scenarios with
 * false positives get a table of the pacer's own abandons beside the false positives and their total.
 */
public final class PacingBenchmark {

    /** Every shipped scenario, for {@code --scenarios all}. */
    public static final List<String> SHIPPED = List.of("S1", "S2", "S3", "S4", "S2-answer-jump", "S2-answer-drop",
            "S4-answer-jump", "S4-answer-doubling", "S4-talk-jump", "S2-staffing", "S1-small-team", "S1-amd-false-positives", "S2-amd-false-positives");

    private PacingBenchmark() {
    }

    public static void main(String[] args) {
        int seeds = 3;
        Double hours = null;
        List<String> names = List.of("S1", "S2", "S3", "S4");
        List<String> pacers = List.of("predictive", "vicidial-hard", "vicidial-avg", "progressive");
        int minAgents = 0;
        int maxAgents = 0;
        ScenarioLoader loader = ScenarioLoader.shipped();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seeds" -> seeds = Integer.parseInt(args[++i]);
                case "--hours" -> hours = Double.parseDouble(args[++i]);
                case "--scenarios" -> names = args[++i].equals("all") ? SHIPPED : List.of(args[i].split(","));
                case "--dir" -> loader = ScenarioLoader.directory(Path.of(args[++i]));
                case "--pacers" -> pacers = List.of(args[++i].split(","));
                case "--agents" -> {
                    String[] range = args[++i].split("-");
                    minAgents = Integer.parseInt(range[0]);
                    maxAgents = Integer.parseInt(range[range.length - 1]);
                }
                default -> {
                    System.err.println("usage: PacingBenchmark [--seeds N] [--hours H] [--scenarios S1,S2|all] [--dir DIR]"
                            + " [--pacers predictive,predictive-amd,predictive-aim=1.5,predictive-guard,predictive-guard=4,predictive-noguard,vicidial-hard,vicidial-avg,progressive] [--agents 1-5]");
                    System.exit(2);
                }
            }
        }
        List<Scenario> scenarios = new ArrayList<>();
        for (String name : names) {
            Scenario scenario = loader.load(name.trim());
            if (hours != null) {
                scenario = scenario.withShiftMillis(Math.round(hours * 3_600_000));
            }
            if (maxAgents == 0) {
                scenarios.add(scenario);
            }
            for (int agents = minAgents; agents <= maxAgents && maxAgents > 0; agents++) {
                scenarios.add(scenario.withAgents(agents));
            }
        }
        ResultTable table = new ResultTable();
        Map<SimulationResult, Long> changed = new LinkedHashMap<>();
        Map<SimulationResult, Double> falsePositives = new LinkedHashMap<>();
        long started = System.nanoTime();
        for (Scenario scenario : scenarios) {
            for (String pacer : pacers) {
                Contender contender = contender(pacer, scenario);
                SimulationResult result = runSeeds(scenario, contender, seeds);
                table.add(result);
                if (scenario.trafficChangeMillis() > 0) {
                    changed.put(result, scenario.trafficChangeMillis());
                }
                if (result.falsePositives() > 0 || contender.config().amdFalsePositiveRate() > 0) {
                    falsePositives.put(result, contender.config().amdFalsePositiveRate());
                }
            }
        }
        System.out.printf(Locale.ROOT, "Pacing benchmark: %d seed(s) x %s per scenario, same leads for every pacer%n%n",
                seeds, hours == null ? "the scenario's shift" : hours + " h");
        System.out.print(table.render());
        if (!changed.isEmpty()) {
            System.out.printf(Locale.ROOT, "%nWorst abandonment of any sliding 10- or 30-minute window (any run) starting in"
                    + " the first hour after the traffic changes (1st),%nany time after it (all), and between 30 min and the"
                    + " change (bef, the steady-state reference):%n%n");
            System.out.print(ResultTable.renderWindows(changed));
        }
        if (!falsePositives.isEmpty()) {
            System.out.printf(Locale.ROOT, "%nAnswering-machine false positives (people hung up on as machines; the pacer never sees"
                    + " which calls), per person who answered:%nown = the pacer's abandons, AMD fp = false positives, total ="
                    + " both, as the regulator counts; expects = the false-positive rate the pacer was configured with.%n%n");
            System.out.print(ResultTable.renderFalsePositives(falsePositives, PacingConfig.defaults().targetAbandonRate()));
        }
        System.out.printf(Locale.ROOT, "%noccupancy = (talk + wrap) / logged-in time; abandon = abandoned / live answered "
                + "(no agent within 2 s); worst run = highest abandonment of a single run;%n"
                + "lines/a = calls ringing or waiting per agent.%n(%.1f s)%n",
                (System.nanoTime() - started) / 1e9);
    }

    /**
     * The pacer of that name; {@code predictive-amd} is predictive pacing configured with the scenario's
     * answering-machine false-positive rate (its first phase's, as an AMD audit would give it).
     */
    private static Contender contender(String name, Scenario scenario) {
        if (name.trim().startsWith("predictive-aim=")) {
            // predictive steering to a lower abandonment aim (percent), for the price of a tighter window
            double percent = Double.parseDouble(name.trim().substring("predictive-aim=".length()));
            PacingConfig config = PacingConfig.defaults().toBuilder().aimAbandonRate(percent / 100).build();
            Contender c = Contender.predictive(config);
            return new Contender(String.format(Locale.ROOT, "pred-aim%.1f%%", percent), c.decisionIntervalMillis(), c.pacer(), config);
        }
        if (name.trim().equals("predictive-noguard")) {
            // predictive without the trailing-window guard (as before it was on by default)
            PacingConfig config = PacingConfig.defaults().toBuilder().shortWindowGuardLevel(0).longWindowGuardLevel(0).build();
            Contender c = Contender.predictive(config);
            return new Contender("pred-noguard", c.decisionIntervalMillis(), c.pacer(), config);
        }
        if (name.trim().startsWith("predictive-guard")) {
            // predictive with the trailing-window guard at issue 14's levels; "=N" guards windows holding N abandons
            PacingConfig.Builder b = PacingConfig.defaults().toBuilder().shortWindowGuardLevel(0.045).longWindowGuardLevel(0.037);
            String label = "pred-guard";
            if (name.trim().startsWith("predictive-guard=")) {
                double min = Double.parseDouble(name.trim().substring("predictive-guard=".length()));
                b.windowGuardMinAbandons(min);
                label = String.format(Locale.ROOT, "pred-guard%.0f", min);
            }
            PacingConfig config = b.build();
            Contender c = Contender.predictive(config);
            return new Contender(label, c.decisionIntervalMillis(), c.pacer(), config);
        }
        return switch (name.trim()) {
            case "predictive" -> Contender.predictive();
            case "predictive-amd" -> Contender.predictiveExpectingAmdFalsePositives(scenario.trafficAt(0).amdFalsePositive());
            case "vicidial-hard" -> Contender.vicidial(VicidialAdaptBaseline.Method.ADAPT_HARD_LIMIT);
            case "vicidial-avg" -> Contender.vicidial(VicidialAdaptBaseline.Method.ADAPT_AVERAGE);
            case "progressive" -> Contender.progressive();
            default -> throw new IllegalArgumentException("unknown pacer " + name);
        };
    }

    /** Runs seeds 1..n and pools them. */
    public static SimulationResult runSeeds(Scenario scenario, Contender contender, int seeds) {
        Simulator simulator = new Simulator(scenario);
        List<SimulationResult> runs = new ArrayList<>();
        for (long seed = 1; seed <= seeds; seed++) {
            runs.add(simulator.run(contender, seed));
        }
        return SimulationResult.pool(runs);
    }
}
