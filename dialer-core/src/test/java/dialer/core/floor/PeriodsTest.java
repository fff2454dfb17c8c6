package dialer.core.floor;

import dialer.core.Invalid;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeriodsTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void daysRunFromLocalMidnightToLocalMidnightAndADstDayIs25Hours() {
        List<Periods.Period> days = Periods.of(LocalDate.of(2026, 10, 31), LocalDate.of(2026, 11, 2), Periods.Grouping.DAY, NEW_YORK);
        assertThat(days).extracting(Periods.Period::first)
                .containsExactly(LocalDate.of(2026, 10, 31), LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 2));
        assertThat(days.get(0).start()).isEqualTo(Instant.parse("2026-10-31T04:00:00Z"));
        // clocks go back on 1 November 2026 in New York
        assertThat(Duration.between(days.get(1).start(), days.get(1).end())).isEqualTo(Duration.ofHours(25));
        assertThat(days.get(1).end()).isEqualTo(days.get(2).start());
        assertThat(days.get(2).next()).isEqualTo(LocalDate.of(2026, 11, 3));
    }

    @Test
    void weeksAreWholeMondayToSundayWeeksAroundTheDatesAsked() {
        // Wednesday 2 December to Tuesday 8 December: the weeks of 30 November and 7 December
        List<Periods.Period> weeks = Periods.of(LocalDate.of(2026, 12, 2), LocalDate.of(2026, 12, 8), Periods.Grouping.WEEK, ZoneId.of("UTC"));
        assertThat(weeks).extracting(Periods.Period::first).containsExactly(LocalDate.of(2026, 11, 30), LocalDate.of(2026, 12, 7));
        assertThat(weeks.get(1).next()).isEqualTo(LocalDate.of(2026, 12, 14));
        assertThat(Duration.between(weeks.get(0).start(), weeks.get(0).end())).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void aRangeBackwardsOrTooLongIsRefusedNamingTheField() {
        assertThatThrownBy(() -> Periods.of(LocalDate.of(2026, 12, 2), LocalDate.of(2026, 12, 1), Periods.Grouping.DAY, NEW_YORK))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.problems().get(0).field()).isEqualTo("to"));
        assertThatThrownBy(() -> Periods.of(LocalDate.of(2020, 1, 1), LocalDate.of(2026, 1, 1), Periods.Grouping.DAY, NEW_YORK))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.getMessage()).contains("more than 400 days"));
        assertThat(Periods.of(LocalDate.of(2020, 1, 1), LocalDate.of(2026, 1, 1), Periods.Grouping.WEEK, NEW_YORK)).hasSize(314);
    }
}
