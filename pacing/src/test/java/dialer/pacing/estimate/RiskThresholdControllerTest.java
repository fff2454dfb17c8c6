package dialer.pacing.estimate;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RiskThresholdControllerTest {

    @Test
    void abandonsLowerTheThresholdAndConnectionsRaiseIt() {
        RiskThresholdController c = new RiskThresholdController(0.1, 0.05, 0.001, 0.5);
        c.liveResolved(true, 0.025);
        assertThat(c.threshold()).isEqualTo(0.05 * Math.exp(-0.1 * 0.975), within(1e-12));
        c.liveResolved(false, 0.025);
        assertThat(c.threshold()).isEqualTo(0.05 * Math.exp(-0.1 * 0.975 + 0.1 * 0.025), within(1e-12));
        c.machineFalsePositive(0.025);
        assertThat(c.threshold()).isLessThan(0.05);
    }

    @Test
    void thresholdIsLevelExactlyWhenAbandonmentRunsAtTheAim() {
        RiskThresholdController c = new RiskThresholdController(0.1, 0.05, 0.001, 0.5);
        for (int i = 0; i < 40; i++) {
            c.liveResolved(i == 0, 0.025); // 1 in 40 = 2.5%
        }
        assertThat(c.threshold()).isEqualTo(0.05, within(1e-9));
    }

    @Test
    void staysWithinItsBounds() {
        RiskThresholdController c = new RiskThresholdController(0.5, 0.05, 0.01, 0.2);
        for (int i = 0; i < 100; i++) {
            c.liveResolved(true, 0.025);
        }
        assertThat(c.threshold()).isEqualTo(0.01, within(1e-12));
        for (int i = 0; i < 10_000; i++) {
            c.liveResolved(false, 0.025);
        }
        assertThat(c.threshold()).isEqualTo(0.2, within(1e-12));
    }

    @Test
    void aCapInForceHoldsTheThresholdThereInsteadOfLettingItWindUp() {
        // the small-team safe mode caps the accepted risk at 1%: connections under the cap must not bank
        // budget above it, or a team growing out of safe mode starts from a risk it never tried
        RiskThresholdController c = new RiskThresholdController(0.1, 0.02, 0.001, 0.2);
        for (int i = 0; i < 500; i++) {
            c.liveResolved(false, 0.028);
            c.limitTo(0.01);
        }
        assertThat(c.threshold()).isEqualTo(0.01, within(1e-12));
        c.liveResolved(true, 0.028);
        c.limitTo(0.01);
        assertThat(c.threshold()).isEqualTo(0.01 * Math.exp(-0.1 * 0.972), within(1e-12));
        c.limitTo(1e-6);
        assertThat(c.threshold()).as("never under its floor").isEqualTo(0.001, within(1e-12));
    }

    @Test
    void aSystemWhoseAbandonmentGrowsWithTheThresholdIsDrivenToTheAim() {
        // fake plant: abandonment probability = threshold / 3
        RiskThresholdController c = new RiskThresholdController(0.05, 0.2, 0.001, 0.5);
        SplittableRandom random = new SplittableRandom(3);
        int abandoned = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            boolean a = random.nextDouble() < c.threshold() / 3;
            if (a) {
                abandoned++;
            }
            c.liveResolved(a, 0.025);
        }
        assertThat((double) abandoned / n).isEqualTo(0.025, within(0.001));
        assertThat(c.threshold()).isEqualTo(0.075, within(0.03));
    }
}
