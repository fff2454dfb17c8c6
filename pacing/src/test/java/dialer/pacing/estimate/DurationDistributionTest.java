package dialer.pacing.estimate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DurationDistributionTest {

    /** Uniform over 0..10 s. */
    private final DurationDistribution uniform = DurationDistribution.ofBinWeights(1_000, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);

    @Test
    void cdfIsLinearInsideBins() {
        assertThat(uniform.cdf(0)).isZero();
        assertThat(uniform.cdf(2_500)).isEqualTo(0.25, within(1e-12));
        assertThat(uniform.cdf(10_000)).isEqualTo(1.0, within(1e-12));
        assertThat(uniform.cdf(99_000)).isEqualTo(1.0);
        assertThat(uniform.meanMillis()).isEqualTo(5_000, within(1e-9));
        assertThat(uniform.quantileMillis(0.5)).isEqualTo(5_000, within(1e-9));
    }

    @Test
    void endsWithinConditionsOnWhatHasAlreadyElapsed() {
        assertThat(uniform.endsWithin(0, 5_000)).isEqualTo(0.5, within(1e-12));
        assertThat(uniform.endsWithin(5_000, 2_500)).isEqualTo(0.5, within(1e-12));
        assertThat(uniform.endsWithin(8_000, 5_000)).isEqualTo(1.0, within(1e-12));
        assertThat(uniform.endsWithin(3_000, 0)).isZero();
    }

    @Test
    void beyondEverythingObservedTheRemainingTimeIsMemoryless() {
        double p = uniform.endsWithin(60_000, 5_000);
        assertThat(p).isStrictlyBetween(0.0, 1.0);
        assertThat(uniform.endsWithin(60_000, 10_000)).isGreaterThan(p);
    }

    @Test
    void mixWeighsTheTwoDistributions() {
        DurationDistribution early = DurationDistribution.ofBinWeights(1_000, 1, 0, 0, 0);
        DurationDistribution late = DurationDistribution.ofBinWeights(1_000, 0, 0, 0, 1);
        DurationDistribution mixed = DurationDistribution.mix(early, 3, late, 1);
        assertThat(mixed.cdf(2_000)).isEqualTo(0.75, within(1e-12));
    }
}
