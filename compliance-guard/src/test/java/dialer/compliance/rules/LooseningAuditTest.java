package dialer.compliance.rules;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * No loosening by the back door (compliance-guard README, "Rule sets": removing or replacing a preset
 * rule only through an audited LooseningOverride). Each row: how a campaign's rule set was made, the
 * preset the campaign names (null: none), and whether the registry takes it.
 */
class LooseningAuditTest {

    record Row(String name, Supplier<RuleSet> rules, String namedPreset, String refusal) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final Instant AT = Instant.parse("2024-01-02T10:00:00Z");

    /** Every rule of {@code preset} except {@code dropped}, under {@code id}, built by hand. */
    static RuleSet byHand(String id, RuleSet preset, String dropped) {
        RuleSet.Builder b = RuleSet.builder(id);
        preset.rules().stream().filter(r -> !r.id().equals(dropped)).forEach(b::add);
        return b.fallbackZones(preset.fallbackZones().toArray(java.time.ZoneId[]::new)).build();
    }

    static FrequencyLimit tighter() {
        return FrequencyLimit.of("campaign.3-per-week", "campaign policy", Scope.DEBT, Counted.ATTEMPTS, 3,
                CountWindow.rolling(Duration.ofDays(7)));
    }

    static List<Row> rows() {
        return List.of(
                new Row("the preset itself", () -> Presets.US, "US", null),
                new Row("the preset itself, no preset named", () -> Presets.US, null, null),
                new Row("built on the preset, tightened", () -> RuleSet.basedOn(Presets.US, "campaign-1").add(tighter()).build(),
                        "US", null),
                new Row("built on the preset, a rule removed by an audited override",
                        () -> RuleSet.basedOn(Presets.US, "campaign-2").loosen(new LooseningOverride("min-gap.number", null,
                                "compliance-officer", "two attempts a minute apart allowed by counsel", AT)).build(), "US", null),
                new Row("built on US-MA, which keeps all of US, for a campaign naming US",
                        () -> RuleSet.basedOn(Presets.US_MA, "campaign-3").build(), "US", null),
                new Row("built by hand under its own id, no preset named", () -> byHand("house-rules", Presets.US, "us.hours"),
                        null, null),
                new Row("built by hand, reusing the preset's id, one rule dropped", () -> byHand("US", Presets.US, "us.hours"),
                        null, "reuses the id of preset US"),
                new Row("built by hand, reusing the preset's id in lower case", () -> byHand("us", Presets.US, "us.regf.7in7.dates"),
                        "US", "reuses the id of preset US"),
                new Row("built on the preset but under the preset's id (tighter, still not the preset)",
                        () -> RuleSet.basedOn(Presets.US, "US").add(tighter()).build(), "US", "reuses the id of preset US"),
                new Row("built by hand under its own id, weaker than the preset the campaign names",
                        () -> byHand("campaign-4", Presets.US, "us.regf.7in7.rolling"), "US", "is not built on preset US"),
                new Row("built by hand, every rule of the preset copied, still not through basedOn",
                        () -> byHand("campaign-5", Presets.US, "none"), "US", "is not built on preset US"),
                new Row("built on another preset than the campaign names", () -> RuleSet.basedOn(Presets.UK, "campaign-6").build(),
                        "US", "is not built on preset US"),
                new Row("built on the preset with a rule replaced by a weaker one through the override path",
                        () -> RuleSet.basedOn(Presets.IN, "campaign-7").loosen(new LooseningOverride("in.attempts.debtor.day",
                                FrequencyLimit.of("in.attempts.debtor.day", "campaign", Scope.DEBTOR, Counted.ATTEMPTS, 5,
                                        CountWindow.localDays(1)), "compliance-officer", "counsel's reading", AT)).build(), "IN", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void theRegistryTakesOnlyHonestRuleSets(Row row) {
        RuleSet rs = row.rules().get();
        RuleSetRegistry registry = new RuleSetRegistry();
        Runnable assign = row.namedPreset() == null ? () -> registry.assign("c", rs) : () -> registry.assign("c", row.namedPreset(), rs);
        if (row.refusal() == null) {
            assign.run();
            assertThat(registry.forCampaign("c")).isSameAs(rs);
            assertThat(rs.id()).as("a decision is logged under the rule set's own id").isEqualTo(registry.forCampaign("c").id());
        } else {
            assertThatThrownBy(assign::run).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(row.refusal());
            assertThatThrownBy(() -> registry.forCampaign("c")).hasMessageContaining("has no rule set");
        }
    }
}
