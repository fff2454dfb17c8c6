package dialer.pacing;

import dialer.pacing.estimate.Tally;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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

    @Test
    void countsFromBeforeARestartFillTheRegulatoryWindowsAndPullTheRiskDown() {
        PacingConfig config = PacingConfig.defaults().toBuilder().zone(ZoneId.of("America/New_York")).build();
        long now = ZonedDateTime.of(2026, 3, 10, 15, 0, 0, 0, config.zone()).toInstant().toEpochMilli();
        long hour = 3_600_000L;
        long day = 24 * hour;
        CampaignStatistics fresh = new CampaignStatistics(config);
        CampaignStatistics restarted = new CampaignStatistics(config);
        restarted.recordPast(now - 3 * hour, new Tally(400, 100, 6));   // this morning: 6%
        restarted.recordPast(now - 2 * day, new Tally(800, 200, 2));    // two days ago
        restarted.recordPast(now - 31 * day, new Tally(900, 300, 30));  // out of the window

        assertThat(restarted.calendarDay(now)).isEqualTo(new Tally(400, 100, 6));
        assertThat(restarted.rollingWindow(now)).isEqualTo(new Tally(1_200, 300, 8));
        // the day already ran over the cap: the restarted pacer accepts less risk than a fresh one
        assertThat(restarted.riskThreshold(now)).isLessThan(fresh.riskThreshold(now));
        // what it learns live adds to what came before
        restarted.liveConnected(now, 0);
        assertThat(restarted.calendarDay(now + 1).liveAnswered()).isEqualTo(101);
    }

    @Test
    void pastCountsMustBeConsistent() {
        CampaignStatistics stats = new CampaignStatistics(PacingConfig.defaults());
        assertThatThrownBy(() -> stats.recordPast(0, new Tally(10, 2, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("abandoned <= live answered");
    }

    @Test
    void aRetargetedCampaignSteersToItsNewTargetAtOnceAndKeepsWhatItCounted() {
        PacingConfig config = PacingConfig.defaults();
        CampaignStatistics stats = new CampaignStatistics(config);
        long now = ZonedDateTime.of(2026, 3, 10, 2, 0, 0, 0, ZoneId.of("UTC")).toInstant().toEpochMilli();
        for (int i = 0; i < 20_000; i++) {
            stats.liveConnected(now, 0);
        }
        stats.liveAbandoned(now, 3_000);
        assertThat(stats.aim(now + 1)).isEqualTo(0.028, within(1e-12));
        double before = stats.riskThreshold(now + 1);

        stats.retarget(0.01, 0.009, 1_500, ZoneId.of("America/New_York"));

        assertThat(stats.config().targetAbandonRate()).isEqualTo(0.01);
        assertThat(stats.config().answerGraceMillis()).isEqualTo(1_500);
        assertThat(stats.aim(now + 1)).isEqualTo(0.009, within(1e-12));
        assertThat(stats.rollingWindow(now + 1)).isEqualTo(new Tally(0, 20_001, 1));
        // 02:00 UTC is the evening before in New York: the calls of 02:00 UTC belong to the New York day of
        // 9 March, which the window now counts as today
        assertThat(stats.calendarDay(now + 1).liveAnswered()).isEqualTo(20_001);
        assertThat(stats.calendarDay(now + 6 * 3_600_000L).liveAnswered()).isZero(); // 08:00 UTC: 10 March there
        // a waiting person is now abandoned after 1.5 s
        stats.liveConnected(now + 2, 1_600);
        assertThat(stats.rollingWindow(now + 3).abandoned()).isEqualTo(2);
        assertThat(stats.riskThreshold(now + 3)).isLessThanOrEqualTo(before);
    }
}
