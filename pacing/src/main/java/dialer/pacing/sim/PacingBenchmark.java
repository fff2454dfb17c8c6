package dialer.pacing.sim;

import dialer.pacing.baseline.VicidialAdaptBaseline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the shipped scenarios with predictive pacing, the VICIdial baselines and progressive pacing, on the
 * same leads (same seeds), and prints a table.
 *
 * <pre>
 * mvn -q -pl pacing exec:java -Dexec.mainClass=dialer.pacing.sim.PacingBenchmark [-Dexec.args="--seeds 3"]
 * java -cp pacing/target/classes dialer.pacing.sim.PacingBenchmark [--seeds N] [--hours H]
 *      [--scenarios S1,S2,...] [--dir path/to/own/scenarios]
 * </pre>
 */
public final class PacingBenchmark {

    private PacingBenchmark() {
    }

    public static void main(String[] args) {
        int seeds = 3;
        Double hours = null;
        List<String> names = List.of("S1", "S2", "S3", "S4");
        ScenarioLoader loader = ScenarioLoader.shipped();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seeds" -> seeds = Integer.parseInt(args[++i]);
                case "--hours" -> hours = Double.parseDouble(args[++i]);
                case "--scenarios" -> names = List.of(args[++i].split(","));
                case "--dir" -> loader = ScenarioLoader.directory(Path.of(args[++i]));
                default -> {
                    System.err.println("usage: PacingBenchmark [--seeds N] [--hours H] [--scenarios S1,S2] [--dir DIR]");
                    System.exit(2);
                }
            }
        }
        List<Contender> contenders = List.of(Contender.predictive(),
                Contender.vicidial(VicidialAdaptBaseline.Method.ADAPT_HARD_LIMIT),
                Contender.vicidial(VicidialAdaptBaseline.Method.ADAPT_AVERAGE),
                Contender.progressive());
        ResultTable table = new ResultTable();
        long started = System.nanoTime();
        for (String name : names) {
            Scenario scenario = loader.load(name.trim());
            if (hours != null) {
                scenario = scenario.withShiftMillis(Math.round(hours * 3_600_000));
            }
            for (Contender contender : contenders) {
                table.add(runSeeds(scenario, contender, seeds));
            }
        }
        System.out.printf(Locale.ROOT, "Pacing benchmark: %d seed(s) x %s per scenario, same leads for every pacer%n%n",
                seeds, hours == null ? "the scenario's shift" : hours + " h");
        System.out.print(table.render());
        System.out.printf(Locale.ROOT, "%noccupancy = (talk + wrap) / logged-in time; abandon = abandoned / live answered "
                + "(no agent within 2 s); lines/a = calls ringing or waiting per agent.%n(%.1f s)%n",
                (System.nanoTime() - started) / 1e9);
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
