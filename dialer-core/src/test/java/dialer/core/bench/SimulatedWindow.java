package dialer.core.bench;

import dialer.pacing.Pacer;
import dialer.pacing.PacingConfig;
import dialer.pacing.PacingDecision;
import dialer.pacing.PredictivePacer;
import dialer.pacing.sim.Contender;
import dialer.pacing.sim.Scenario;
import dialer.pacing.sim.SimulationResult;
import dialer.pacing.sim.Simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's figures over the same window as a live run's: each seed's shift simulated to the end of
 * the warm-up and, with the same seed, to the end of the window; the simulation is deterministic, so the
 * longer run is the shorter one continued, and their difference is the window alone. Seeds are pooled.
 * The pacer is the live dialer's (predictive, with the campaign's pacing config, asked as often as the
 * engine asks it), timed.
 */
final class SimulatedWindow {

    /** The engine's pacing loop asks the pacer every 250 ms ({@code PacingLoop.TICK_MILLIS}). */
    static final long DECISION_INTERVAL_MILLIS = 250;

    /**
     * The window's figures, pooled over seeds; and the abandonment from the start of the shift to the end of
     * the window ({@code runLiveAnswered}, {@code runAbandoned}), as a regulator's day so far counts it.
     */
    record Figures(int seeds, long loggedInMillis, long talkMillis, long wrapMillis, long dials, long liveAnswered,
                   long abandoned, double lineMillis, double[] decisionMicros, long runLiveAnswered, long runAbandoned) {

        double occupancy() {
            return loggedInMillis == 0 ? 0 : (double) (talkMillis + wrapMillis) / loggedInMillis;
        }

        double abandonRate() {
            return liveAnswered == 0 ? 0 : (double) abandoned / liveAnswered;
        }

        double linesPerAgent() {
            return loggedInMillis == 0 ? 0 : lineMillis / loggedInMillis;
        }
    }

    private SimulatedWindow() {
    }

    /**
     * {@code scenario} (its shift length ignored) simulated over [warmupMillis, warmupMillis + windowMillis)
     * with seeds 1..seeds.
     */
    static Figures run(Scenario scenario, PacingConfig config, long warmupMillis, long windowMillis, int seeds) {
        List<SimulationResult> warm = new ArrayList<>();
        List<SimulationResult> whole = new ArrayList<>();
        List<Double> micros = new ArrayList<>();
        for (long seed = 1; seed <= seeds; seed++) {
            if (warmupMillis > 0) {
                warm.add(new Simulator(scenario.withShiftMillis(warmupMillis)).run(contender(config, warmupMillis, null), seed));
            }
            whole.add(new Simulator(scenario.withShiftMillis(warmupMillis + windowMillis))
                    .run(contender(config, warmupMillis, micros), seed));
        }
        SimulationResult w = SimulationResult.pool(whole);
        // before the window: nothing when there is no warm-up
        SimulationResult b = warm.isEmpty() ? null : SimulationResult.pool(warm);
        return new Figures(seeds, w.loggedInMillis() - (b == null ? 0 : b.loggedInMillis()),
                w.talkMillis() - (b == null ? 0 : b.talkMillis()), w.wrapMillis() - (b == null ? 0 : b.wrapMillis()),
                w.dials() - (b == null ? 0 : b.dials()), w.liveAnswered() - (b == null ? 0 : b.liveAnswered()),
                w.abandoned() - (b == null ? 0 : b.abandoned()), w.lineMillis() - (b == null ? 0 : b.lineMillis()),
                micros.stream().mapToDouble(Double::doubleValue).sorted().toArray(), w.liveAnswered(), w.abandoned());
    }

    /** The live dialer's pacer; its decisions from {@code fromMillis} on timed into {@code micros} (when given). */
    private static Contender contender(PacingConfig config, long fromMillis, List<Double> micros) {
        return new Contender("predictive", DECISION_INTERVAL_MILLIS, () -> {
            Pacer pacer = new PredictivePacer();
            if (micros == null) {
                return pacer;
            }
            return snapshot -> {
                long start = System.nanoTime();
                PacingDecision d = pacer.decide(snapshot);
                if (snapshot.nowMillis() >= fromMillis) {
                    micros.add((System.nanoTime() - start) / 1_000.0);
                }
                return d;
            };
        }, config);
    }
}
