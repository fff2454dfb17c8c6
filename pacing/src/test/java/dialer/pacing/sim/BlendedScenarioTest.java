package dialer.pacing.sim;

import dialer.pacing.PacingConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Blended pacing in virtual time: the shipped {@code S1-blended} scenario (ten agents who also take a
 * caller a minute), first two hours of the shift, seeds 1-3, the same leads and callers for both drivers.
 * The blending pacer holds the outbound cap and the inbound service level in every run (about 200 live
 * answers each: one abandon is half a point); the same pacer whose driver does not report inbound callers
 * (a dialer without blending logic) does not. A few seconds.
 */
class BlendedScenarioTest {

    private static final Scenario S1_BLENDED = ScenarioLoader.loadShipped("S1-blended").withShiftMillis(2 * 3_600_000);
    private static final int SEEDS = 3;

    @Test
    void theBlendedScenarioIsShippedWithItsInboundStream() {
        InboundTraffic in = S1_BLENDED.inbound();
        assertThat(in).isNotNull();
        assertThat(in.perHour()).isEqualTo(60);
        assertThat(in.talk().meanSeconds()).isEqualTo(180);
        assertThat(ScenarioLoader.loadShipped("S1").inbound()).isNull();
    }

    @Test
    void blendingHoldsTheOutboundCapAndTheInboundServiceLevelWhereIgnoringInboundDoesNot() {
        PacingConfig config = PacingConfig.defaults();
        assertThat(config.inboundServiceLevel()).isEqualTo(0.80);
        assertThat(config.inboundServiceMillis()).isEqualTo(20_000);

        List<SimulationResult> blended = BlendedBenchmark.runs(S1_BLENDED, Contender.predictive(config), SEEDS);
        for (SimulationResult r : blended) {
            assertThat(r.inboundOffered()).isGreaterThan(40);
            assertThat(r.abandonRate()).as("blended outbound abandonment").isLessThanOrEqualTo(config.targetAbandonRate());
            assertThat(r.inboundServiceLevel()).as("blended inbound service level").isGreaterThanOrEqualTo(config.inboundServiceLevel());
        }
        List<SimulationResult> naive = BlendedBenchmark.runs(S1_BLENDED, Contender.predictive(config).ignoringInbound(), SEEDS);
        SimulationResult pooledNaive = SimulationResult.pool(naive);
        SimulationResult pooledBlended = SimulationResult.pool(blended);
        assertThat(pooledNaive.inboundOffered()).isEqualTo(pooledBlended.inboundOffered()); // the same callers
        boolean naiveMisses = pooledNaive.abandonRate() > config.targetAbandonRate()
                || pooledNaive.inboundServiceLevel() < config.inboundServiceLevel();
        assertThat(naiveMisses).as("ignoring inbound misses the cap or the service level (pooled: %.2f%%, %.1f%%)",
                100 * pooledNaive.abandonRate(), 100 * pooledNaive.inboundServiceLevel()).isTrue();
        System.out.printf(Locale.ROOT, "S1-blended 2 h x %d seeds: blended %.2f%% outbound abandoned, %.1f%% inbound in 20 s,"
                        + " occupancy %.1f%%; ignoring inbound %.2f%%, %.1f%%, %.1f%%%n", SEEDS,
                100 * pooledBlended.abandonRate(), 100 * pooledBlended.inboundServiceLevel(), 100 * pooledBlended.occupancy(),
                100 * pooledNaive.abandonRate(), 100 * pooledNaive.inboundServiceLevel(), 100 * pooledNaive.occupancy());
    }

    @Test
    void inboundCallersComeFirstAndAreCountedInTheResult() {
        // progressive dialling with every agent's call known in advance: a caller who finds no agent waits,
        // and the agent who comes free takes them before any outbound callee
        SimulationResult r = new Simulator(S1_BLENDED).run(Contender.progressive(), 3);
        assertThat(r.inboundAnswered() + r.inboundAbandoned()).isLessThanOrEqualTo(r.inboundOffered());
        assertThat(r.inboundOffered() - r.inboundAnswered() - r.inboundAbandoned()).isLessThanOrEqualTo(3);
        assertThat(r.inboundAnsweredWithin()).isLessThanOrEqualTo(r.inboundAnswered());
        assertThat(r.inboundServiceLevel()).isBetween(0.5, 1.0);
        // outbound-only scenarios have no inbound figures
        SimulationResult plain = new Simulator(ScenarioLoader.loadShipped("S1").withShiftMillis(600_000)).run(Contender.progressive(), 1);
        assertThat(plain.inboundOffered()).isZero();
        assertThat(plain.inboundServiceLevel()).isNaN();
    }
}
