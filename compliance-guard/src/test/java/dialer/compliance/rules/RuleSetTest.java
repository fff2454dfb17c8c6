package dialer.compliance.rules;

import dialer.compliance.CallOutcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleSetTest {

    @Test
    void theVersionIsAHashOfTheDefinitionSoEveryNodeAgrees() {
        RuleSet a = RuleSet.basedOn(Presets.US, "camp").add(FrequencyLimit.of("x", "s", Scope.DEBTOR, Counted.ATTEMPTS, 3,
                CountWindow.localDays(7))).build();
        RuleSet b = RuleSet.basedOn(Presets.US, "camp").add(FrequencyLimit.of("x", "s", Scope.DEBTOR, Counted.ATTEMPTS, 3,
                CountWindow.localDays(7))).build();
        RuleSet c = RuleSet.basedOn(Presets.US, "camp").add(FrequencyLimit.of("x", "s", Scope.DEBTOR, Counted.ATTEMPTS, 4,
                CountWindow.localDays(7))).build();
        assertThat(a.version()).isEqualTo(b.version()).isNotEqualTo(c.version());
        assertThat(a.basedOnId()).isEqualTo("US@" + Presets.US.version());
        assertThat(a.rules()).hasSize(Presets.US.rules().size() + 1);
    }

    @Test
    void everyPresetCarriesASourceForEveryRule() {
        for (String code : Presets.codes()) {
            RuleSet p = Presets.byCode(code);
            assertThat(p.rules()).allSatisfy(r -> assertThat(r.source()).isNotBlank());
            assertThat(p.fallbackZones()).isNotEmpty();
        }
        assertThatThrownBy(() -> Presets.byCode("FR")).hasMessageContaining("unknown preset 'FR'").hasMessageContaining("US-MA");
    }

    @Test
    void loosenRequiresAnExistingRuleAndIsPartOfTheVersion() {
        LooseningOverride o = new LooseningOverride("uk.ofcom.abandoned-72h",
                CoolDown.after("uk.ofcom.abandoned-72h", "Ofcom: with a guaranteed live operator", Scope.PHONE,
                        CountWindow.rolling(Duration.ofHours(72)), CallOutcome.ABANDONED).exemptingAgentOnLine(),
                "jane.doe", "Ofcom allows redial with a guaranteed live operator", Instant.parse("2024-01-01T00:00:00Z"));
        RuleSet loosened = RuleSet.basedOn(Presets.UK, "uk-agent-redial").loosen(o).build();
        assertThat(loosened.description()).contains("override of uk.ofcom.abandoned-72h by jane.doe");
        assertThat(loosened.overrides()).containsExactly(o);
        assertThat(loosened.rule("uk.ofcom.abandoned-72h")).isInstanceOf(CoolDown.class);
        assertThatThrownBy(() -> RuleSet.basedOn(Presets.UK, "x").loosen(new LooseningOverride("nope", null, "a", "b",
                Instant.EPOCH))).hasMessageContaining("has no rule nope");
    }

    @Test
    void aCampaignCanCloseExtraDatesByAddingAWindow() {
        CallingWindow closures = CallingWindow.daily("camp.closures", "campaign", CallingWindow.Hours.of("00:00", "00:00"),
                HolidayCalendar.dates(Map.of(LocalDate.of(2024, 7, 4), "Independence Day")));
        RuleSet rs = RuleSet.basedOn(Presets.US, "camp").add(closures).build();
        assertThat(rs.rule("camp.closures").describe()).contains("2024-07-04");
        assertThat(AustralianNationalHolidays.easterSunday(2024)).isEqualTo(LocalDate.of(2024, 3, 31));
        assertThat(AustralianNationalHolidays.easterSunday(2025)).isEqualTo(LocalDate.of(2025, 4, 20));
        assertThat(AustralianNationalHolidays.easterSunday(2000)).isEqualTo(LocalDate.of(2000, 4, 23));
        assertThatThrownBy(() -> CallingWindow.Hours.of("22:00", "08:00")).hasMessageContaining("split a window");
    }
}
