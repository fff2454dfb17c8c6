package dialer.pacing;

import dialer.pacing.estimate.Tally;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The abandonment budget with answering-machine false positives the dialer cannot see (issue 14). */
class AbandonmentBudgetTest {

    private static final long NOON = 12 * 3_600_000L;

    @Test
    void thePacersOwnAimIsTheAimLessTheFalsePositivesOnTheLiveAnswersItSees() {
        AbandonmentBudget b = AbandonmentBudget.of(0.03, 0.01, 0.028);
        // per live answer the dialer sees: (0.028 - 0.01) / (1 - 0.01), not 0.028 - 0.01
        assertThat(b.pacerAim()).isEqualTo(0.018 / 0.99, within(1e-15));
        assertThat(b.target()).isEqualTo(0.03);
        assertThat(b.aim()).isEqualTo(0.028);
        assertThat(b.amdFalsePositiveRate()).isEqualTo(0.01);
    }

    @Test
    void atThePacersOwnAimTheRegulatorsCountIsExactlyTheAim() {
        // 10 000 people answer; AMD hangs up on 100 of them; the dialer sees 9 900 live answers
        AbandonmentBudget b = AbandonmentBudget.of(0.03, 0.01, 0.028);
        long seen = 9_900;
        double own = b.pacerAim() * seen;                          // the pacer's own abandons at its aim: 180
        assertThat(own).isEqualTo(180, within(1e-9));
        assertThat(b.peopleAnswered(seen)).isEqualTo(10_000, within(1e-9));
        double regulator = (own + 100) / 10_000;                   // abandoned / people, false positives on both sides
        assertThat(regulator).isEqualTo(0.028, within(1e-15));
        Tally measured = new Tally(50_000, seen, 180);
        assertThat(b.expectedFalsePositives(measured)).isEqualTo(100, within(1e-9));
        assertThat(b.expectedRate(measured)).isEqualTo(0.028, within(1e-15));
    }

    @Test
    void theNaiveSubtractionWouldLeaveBudgetUnused() {
        // steering the seen rate to aim - f leaves the regulator's count under the aim: the seen answers are fewer
        AbandonmentBudget b = AbandonmentBudget.of(0.10, 0.05, 0.10);
        double naive = 0.10 - 0.05;
        assertThat(b.expectedRate(new Tally(0, 1_000, Math.round(naive * 1_000)))).isEqualTo(0.0975, within(1e-12));
        assertThat(b.pacerAim()).isEqualTo(0.05 / 0.95, within(1e-15));
        assertThat(b.expectedRate(new Tally(0, 950, 50))).isEqualTo(0.10, within(1e-12));
    }

    @Test
    void withoutFalsePositivesTheBudgetIsTheAim() {
        AbandonmentBudget b = AbandonmentBudget.of(0.03, 0, 0.028);
        assertThat(b.pacerAim()).isEqualTo(0.028);
        assertThat(b.expectedRate(new Tally(100, 50, 1))).isEqualTo(0.02, within(1e-15));
        assertThat(b.expectedFalsePositives(new Tally(100, 50, 1))).isZero();
    }

    @Test
    void falsePositivesThatTakeTheWholeAimLeaveThePacerNothing() {
        assertThat(AbandonmentBudget.of(0.03, 0.02, 0.015).pacerAim()).isZero();
        assertThat(AbandonmentBudget.of(0.03, 0.015, 0.015).pacerAim()).isZero();
    }

    @Test
    void nothingAnsweredIsNothingExpected() {
        assertThat(AbandonmentBudget.of(0.03, 0.01, 0.028).expectedRate(Tally.ZERO)).isZero();
    }

    @Test
    void theConfiguredRateIsValidated() {
        PacingConfig defaults = PacingConfig.defaults();
        assertThat(defaults.amdFalsePositiveRate()).isZero();
        assertThat(defaults.toBuilder().amdFalsePositiveRate(0.01).build().amdFalsePositiveRate()).isEqualTo(0.01);
        assertThatThrownBy(() -> defaults.toBuilder().amdFalsePositiveRate(-0.001).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("amdFalsePositiveRate");
        assertThatThrownBy(() -> defaults.toBuilder().amdFalsePositiveRate(0.03).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("amdFalsePositiveRate");
        assertThatThrownBy(() -> defaults.toBuilder().amdFalsePositiveRate(Double.NaN).build())
                .isInstanceOf(IllegalArgumentException.class);
        // a target lowered under the configured rate is refused too
        assertThatThrownBy(() -> defaults.toBuilder().amdFalsePositiveRate(0.02).targetAbandonRate(0.01)
                .aimAbandonRate(0.009).build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theStatisticsSteerThePacerToItsOwnAimAndShowTheBudget() {
        PacingConfig config = PacingConfig.defaults().toBuilder().amdFalsePositiveRate(0.01).build();
        CampaignStatistics stats = new CampaignStatistics(config);
        CampaignStatistics plain = new CampaignStatistics(PacingConfig.defaults());
        for (CampaignStatistics s : new CampaignStatistics[] {stats, plain}) {
            for (int i = 0; i < 20_000; i++) {
                s.liveConnected(NOON, 0);
            }
        }
        AbandonmentBudget budget = stats.abandonmentBudget(NOON + 1);
        assertThat(budget.aim()).isEqualTo(0.028, within(1e-12));
        assertThat(budget.pacerAim()).isEqualTo(0.018 / 0.99, within(1e-12));
        assertThat(stats.pacerAim(NOON + 1)).isEqualTo(budget.pacerAim());
        assertThat(new PacingSnapshot(NOON + 1, java.util.List.of(), java.util.List.of(), stats).abandonmentBudget())
                .isEqualTo(budget);
        assertThat(plain.pacerAim(NOON + 1)).isEqualTo(plain.aim(NOON + 1));

        // 2.5% of the live answers seen abandoned: under the plain aim, over the aim left after false positives
        for (int i = 0; i < 513; i++) {
            stats.liveAbandoned(NOON, 3_000);
            plain.liveAbandoned(NOON, 3_000);
        }
        assertThat(plain.overAim(NOON + 1)).isFalse();
        assertThat(stats.overAim(NOON + 1)).isTrue();
        assertThat(stats.riskThreshold(NOON + 1)).isLessThan(plain.riskThreshold(NOON + 1));
        // what a dashboard shows: 1% expected false positives beside 2.5% measured, 3.5% as the regulator counts
        double measured = stats.calendarDay(NOON + 1).abandonRate();
        assertThat(measured).isEqualTo(513.0 / 20_513, within(1e-12));
        assertThat(budget.expectedRate(stats.calendarDay(NOON + 1))).isEqualTo(0.01 + 0.99 * measured, within(1e-12));
    }

    @Test
    void theMarginIsTakenOverThePeopleWhoAnsweredNotOnlyTheLiveAnswersSeen() {
        PacingConfig config = PacingConfig.defaults().toBuilder().amdFalsePositiveRate(0.02).build();
        CampaignStatistics stats = new CampaignStatistics(config);
        for (int i = 0; i < 98; i++) {
            stats.liveConnected(NOON, 0);
        }
        // 98 live answers seen are 100 people: margin 0.5 * sqrt(0.03 * 0.97 / 100)
        assertThat(stats.aim(NOON + 1)).isEqualTo(0.03 - 0.5 * Math.sqrt(0.03 * 0.97 / 100), within(1e-12));
    }

    @Test
    void aRetargetKeepsTheRateOrSetsANewOne() {
        CampaignStatistics stats = new CampaignStatistics(PacingConfig.defaults().toBuilder().amdFalsePositiveRate(0.01).build());
        stats.retarget(0.03, 0.025, 2_000, ZoneId.of("Europe/London"));
        assertThat(stats.config().amdFalsePositiveRate()).isEqualTo(0.01);
        stats.retarget(0.03, 0.025, 2_000, ZoneId.of("Europe/London"), 0.005);
        assertThat(stats.config().amdFalsePositiveRate()).isEqualTo(0.005);
        assertThat(stats.abandonmentBudget(NOON).amdFalsePositiveRate()).isEqualTo(0.005);
        assertThatThrownBy(() -> stats.retarget(0.004, 0.003, 2_000, ZoneId.of("Europe/London")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("amdFalsePositiveRate");
    }
}
