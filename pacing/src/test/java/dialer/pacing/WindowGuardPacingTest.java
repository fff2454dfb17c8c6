package dialer.pacing;

import dialer.pacing.predictive.WindowGuard;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The trailing-window guard on a constructed half hour: 20 live answers a minute, abandons where the test puts them. */
class WindowGuardPacingTest {

    private static final long START = 600_000;
    private static final long NOW = START + 1_800_000 - 1;

    private static PacingConfig guarded() {
        return PacingConfig.defaults().toBuilder().shortWindowGuardLevel(0.05).longWindowGuardLevel(0.04)
                .windowGuardMinAbandons(2).build();
    }

    /** A warmed-up campaign, then 600 live answers over half an hour, the last {@code abandons} of the last 8 minutes abandoned. */
    private static CampaignStatistics halfHour(PacingConfig config, int abandons) {
        CampaignStatistics stats = PacersTest.warmedUp(config);
        List<Long> abandonedAt = new ArrayList<>();
        for (int i = 0; i < abandons; i++) {
            abandonedAt.add(NOW - 400_000 + i * 30_000L);
        }
        for (long t = START + 1_500; t < NOW; t += 3_000) {
            long at = t;
            if (abandonedAt.stream().anyMatch(a -> Math.abs(a - at) < 1_500)) {
                stats.liveAbandoned(t, 2_000);
            } else {
                stats.liveConnected(t, 0);
            }
        }
        return stats;
    }

    private static PacingDecision decide(CampaignStatistics stats) {
        List<AgentView> agents = new ArrayList<>(Collections.nCopies(10, AgentView.ready(0)));
        agents.addAll(Collections.nCopies(10, AgentView.wrapUp(9_000, 80_000)));
        return new PredictivePacer().decide(new PacingSnapshot(NOW, agents, List.of(), stats));
    }

    @Test
    void roomCountsTheTrailingWindowsFromTheObservations() {
        assertThat(halfHour(guarded(), 0).windowGuardRoom(NOW)).isCloseTo(0.05 * 200, within(1e-9));
        // 8 abandons of the 200 answers in the last ten minutes: 5% leaves 2; the 30 minutes (4% of 600) 16
        assertThat(halfHour(guarded(), 8).windowGuardRoom(NOW)).isCloseTo(2, within(1e-9));
        assertThat(halfHour(guarded(), 11).windowGuardRoom(NOW)).isCloseTo(-1, within(1e-9));
        PacingConfig off = PacingConfig.defaults().toBuilder().shortWindowGuardLevel(0).longWindowGuardLevel(0).build();
        assertThat(halfHour(off, 11).windowGuardRoom(NOW)).isEqualTo(WindowGuard.UNLIMITED);
        // the defaults (4.5% / 3.7%, windows of 12 abandons or more): the 10 minutes' 200 answers hold only 9,
        // so only the 30 minutes are guarded, with 3.7% of 600 less the 11 abandons
        assertThat(halfHour(PacingConfig.defaults(), 11).windowGuardRoom(NOW)).isCloseTo(0.037 * 600 - 11, within(1e-9));
        assertThat(halfHour(guarded().toBuilder().windowGuardMinAbandons(25).build(), 11).windowGuardRoom(NOW))
                .isEqualTo(WindowGuard.UNLIMITED);
    }

    @Test
    void aFullWindowHoldsThePacerBackToWhatCannotBurstButNeverBelowProgressive() {
        PacingDecision free = decide(halfHour(PacingConfig.defaults(), 11));
        PacingDecision full = decide(halfHour(guarded(), 11));
        assertThat(full.callsToPlace()).isLessThan(free.callsToPlace()).isGreaterThanOrEqualTo(10);
        assertThat(full.reason()).contains("window guard");
        assertThat(free.reason()).doesNotContain("window guard");
        // the more room the windows have, the larger the burst it takes to fill it, the less the guard holds back
        int some = decide(halfHour(guarded(), 8)).callsToPlace();
        int empty = decide(halfHour(guarded(), 0)).callsToPlace();
        assertThat(some).isBetween(full.callsToPlace(), decide(halfHour(PacingConfig.defaults(), 8)).callsToPlace());
        assertThat(empty).isBetween(some, decide(halfHour(PacingConfig.defaults(), 0)).callsToPlace());
        // with too few answers to guard, the pacer is the unguarded one
        CampaignStatistics few = halfHour(guarded().toBuilder().windowGuardMinAbandons(25).build(), 11);
        assertThat(decide(few).callsToPlace()).isEqualTo(free.callsToPlace());
    }
}
