package dialer.core.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How many calls one PBX may take: its caps, and its own limit while it is slow. */
class PbxGovernorTest {

    private final PbxGovernor governor = new PbxGovernor("local", new PbxLimits(100, 10));

    @Test
    void theCapsHoldCallsUpAndCallsPerSecond() {
        assertThat(governor.room(95, 0, 0, 0)).as("5 below the cap on calls up").isEqualTo(5);
        assertThat(governor.room(0, 0, 0, 0)).as("10 a second").isEqualTo(10);
        governor.placing(10);
        assertThat(governor.room(10, 10, 0, 0)).isZero();
        assertThat(governor.room(10, 10, 0, 500)).as("half a second later").isEqualTo(5);
        assertThat(governor.room(10, 10, 0, 5_000)).as("never more than a second's worth at once").isEqualTo(10);
        assertThat(governor.throttled()).isNull();
    }

    @Test
    void aSlowPbxHalvesItsCallsAndDialsProgressivelyUntilItIsCalmAgain() {
        governor.room(60, 60, 20, 0);
        governor.acknowledged("a redirect", 150, 100);
        assertThat(governor.throttled()).as("150 ms is not slow").isNull();

        governor.acknowledged("a redirect", 1_400, 1_000);
        assertThat(governor.throttled()).contains("throttled to 30 call(s)", "a redirect acknowledged after 1400 ms");
        assertThat(governor.limit()).isEqualTo(30);
        // calls up above the limit: nothing new; and progressive: no more calls in flight than ready agents
        assertThat(governor.room(60, 60, 20, 1_100)).isZero();
        assertThat(governor.room(25, 18, 20, 1_200)).as("2 ready agents without a call").isEqualTo(2);

        governor.connected(2_500, 1_500);
        assertThat(governor.limit()).as("one slow moment seen through several calls cuts once").isEqualTo(30);
        governor.room(25, 18, 20, 4_000);
        governor.unanswered("an originate", 4_000);
        assertThat(governor.limit()).as("within 5 s of the cut: the same slow moment").isEqualTo(30);
        governor.room(25, 18, 20, 6_000);
        governor.unanswered("an originate", 6_100);
        assertThat(governor.limit()).as("cut again after the spacing, from the calls up then").isEqualTo(12);

        assertThat(governor.room(0, 0, 20, 6_100 + PbxGovernor.CALM_MILLIS - 1)).as("not calm yet").isLessThanOrEqualTo(12);
        assertThat(governor.limit()).isEqualTo(12);
        long t = 6_100 + PbxGovernor.CALM_MILLIS;
        for (int i = 0; i < 5; i++, t += 1_000) {
            governor.room(0, 0, 20, t);
        }
        assertThat(governor.limit()).as("a tenth (at least one call) more each second, up to 80% of the 25 where it was slow")
                .isEqualTo(17);
        governor.room(0, 0, 20, t);
        governor.room(0, 0, 20, t + 1_000);
        governor.room(0, 0, 20, t + 2_000);
        assertThat(governor.limit()).isEqualTo(20);
        assertThat(governor.throttled()).as("predictive again near that level, the limit held").startsWith("PBX local held to 20")
                .contains("slow at 25");
        assertThat(governor.room(0, 0, 0, t + 2_000)).as("no agent needed per call").isPositive();
        t += 2_000;
        int seconds = 0;
        for (; governor.limit() <= 25 && seconds < 100; seconds++, t += 1_000) {
            governor.room(0, 0, 20, t);
        }
        assertThat(seconds).as("one call every 3 s from 20 past 25, where it was slow").isBetween(16, 19);
        for (seconds = 0; governor.throttled() != null && seconds < 100; seconds++, t += 1_000) {
            governor.room(0, 0, 20, t);
        }
        assertThat(seconds).as("one call every 3 s on to 32 (1.25 times 25), then a tenth a second to the cap of 100").isBetween(28, 40);
        assertThat(governor.limit()).isEqualTo(100);
        assertThat(governor.room(0, 0, 0, t)).as("predictive again: no agent needed per call").isEqualTo(10);
    }

    @Test
    void slowAgainNearWhereItWasSlowCutsAndTheProbingStartsLower() {
        long t = 0;
        governor.room(80, 60, 20, t);
        governor.acknowledged("a redirect", 900, t);
        assertThat(governor.limit()).isEqualTo(40);
        t += PbxGovernor.CALM_MILLIS;
        for (int i = 0; i < 6; i++, t += 1_000) {
            governor.room(40, 30, 20, t);
        }
        assertThat(governor.limit()).as("fast up to 80% of the 80 calls up where it was slow").isEqualTo(64);
        t += 10_000;
        governor.room(66, 50, 20, t);
        governor.connected(600, t);
        assertThat(governor.limit()).as("slow again at 66 calls up (one probe up, to 65): half of 65").isEqualTo(32);
        assertThat(governor.throttled()).contains("progressive", "600 ms after being sent there");
    }

    @Test
    void aStrainedPbxStopsClimbingBeforeItIsSlow() {
        long t = 0;
        governor.room(40, 40, 20, t);
        governor.acknowledged("an originate", 150, t);
        assertThat(governor.throttled()).as("150 ms: busy, not strained").isNull();
        governor.connected(250, t);
        assertThat(governor.throttled()).as("held where it is, predictive").startsWith("PBX local held to 40 call(s) up at once: strained")
                .doesNotContain("progressive");
        assertThat(governor.room(40, 30, 0, t + 100)).as("no more calls up than now").isZero();
        assertThat(governor.room(35, 30, 0, t + 200)).as("room below the level, no agent needed per call").isEqualTo(5);
        governor.engineLate(300, t + 3_000);
        assertThat(governor.room(30, 20, 0, t + 3_000 + PbxGovernor.STRAIN_CALM_MILLIS - 1)).isEqualTo(10);
        t += 3_000 + PbxGovernor.STRAIN_CALM_MILLIS;
        int seconds = 0;
        for (; governor.throttled() != null && seconds < 100; seconds++, t += 1_000) {
            governor.room(30, 20, 0, t);
        }
        assertThat(seconds).as("eased: back to the cap by a tenth a second").isBetween(5, 12);
    }

    @Test
    void aPersonAbandonedOnTheWayAndALateEngineThreadAreSignsToo() {
        governor.room(40, 40, 20, 0);
        governor.engineLate(200, 100);
        assertThat(governor.throttled()).as("200 ms late is a busy moment, not starvation").isNull();
        governor.connected(150, 200);
        assertThat(governor.throttled()).as("150 ms to the bridge is still healthy").isNull();
        governor.abandonedOnTheWay(1_000);
        assertThat(governor.throttled()).contains("throttled to 20 call(s)", "abandoned on the way to their agent");
        governor.room(20, 20, 20, 3_500);
        governor.engineLate(700, 3_600);
        assertThat(governor.throttled()).as("the same slow moment").contains("throttled to 20 call(s)");
        governor.room(20, 20, 20, 6_000);
        governor.engineLate(700, 6_100);
        assertThat(governor.throttled()).contains("throttled to 10 call(s)", "the dialer's own thread ran 700 ms late");
        governor.room(10, 10, 20, 11_500);
        governor.connected(450, 11_500);
        assertThat(governor.throttled()).contains("bridge 450 ms after being sent there");
    }

    @Test
    void theCapsAreChecked() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PbxLimits(0, 10)).hasMessageContaining("maximum calls");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PbxLimits(10, 0)).hasMessageContaining("per second");
    }
}
