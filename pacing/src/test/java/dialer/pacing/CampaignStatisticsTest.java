package dialer.pacing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CampaignStatisticsTest {

    @Test
    void aCalleeConnectedAfterTheGraceTimeCountsAsAbandoned() {
        CampaignStatistics stats = new CampaignStatistics(PacingConfig.defaults());
        stats.liveConnected(1_000, 1_999);
        stats.liveConnected(2_000, 2_001);
        stats.liveAbandoned(3_000, 2_000);
        stats.machineFalsePositive(4_000);
        assertThat(stats.calendarDay(5_000).liveAnswered()).isEqualTo(4);
        assertThat(stats.calendarDay(5_000).abandoned()).isEqualTo(3);
        assertThat(stats.rollingWindow(5_000).abandonRate()).isEqualTo(0.75, within(1e-12));
    }

    @Test
    void theAimApproachesItsCeilingAsTheDaysVolumeGrows() {
        CampaignStatistics stats = new CampaignStatistics(PacingConfig.defaults());
        double early = stats.aim(0);
        for (int i = 0; i < 20_000; i++) {
            stats.liveConnected(1_000, 0);
        }
        assertThat(early).isEqualTo(0.015, within(1e-12)); // half the target while nothing is known
        assertThat(stats.aim(2_000)).isEqualTo(0.028, within(1e-12));
    }

    @Test
    void theRiskThresholdDropsWhileTheDayRunsOverTheAim() {
        PacingConfig config = PacingConfig.defaults();
        CampaignStatistics stats = new CampaignStatistics(config);
        double before = stats.riskThreshold(0);
        for (int i = 0; i < 100; i++) {
            stats.liveConnected(1_000, 0);
        }
        for (int i = 0; i < 10; i++) {
            stats.liveAbandoned(1_000, 2_000);
        }
        assertThat(stats.riskThreshold(2_000)).isLessThan(before).isGreaterThanOrEqualTo(config.minRiskThreshold());
    }

    @Test
    void warmsUpOnlyAfterEnoughOutcomesAndCalls() {
        CampaignStatistics stats = new CampaignStatistics(PacingConfig.defaults());
        assertThat(stats.warmedUp()).isFalse();
        assertThat(stats.forecasts(0)).isNull();
        for (int i = 0; i < 200; i++) {
            stats.dialResolved(i, i % 4 == 0 ? DialOutcome.LIVE : DialOutcome.MACHINE, 10_000);
        }
        assertThat(stats.warmedUp()).isFalse(); // no call has gone through talk and wrap-up yet
        for (int i = 0; i < 10; i++) {
            stats.talkCompleted(i, 60_000);
            stats.wrapCompleted(i, 10_000, 60_000);
        }
        assertThat(stats.warmedUp()).isTrue();
        assertThat(stats.liveAnswerRate()).isEqualTo(0.25, within(0.01));
        assertThat(stats.forecasts(1_000)).isNotNull();
    }
}
