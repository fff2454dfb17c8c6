package dialer.compliance.rules;

import dialer.compliance.CallPath;
import dialer.compliance.CallRequest;
import dialer.compliance.Decision;
import dialer.compliance.History;
import dialer.compliance.PhoneType;
import dialer.compliance.RuleResult;
import dialer.compliance.Verdict;
import dialer.compliance.zone.CalleeZoneResolver;
import dialer.compliance.zone.CalleeZones;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static dialer.compliance.CallOutcome.NO_ANSWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A US debtor's state brings its rules into any rule set based on US, whatever preset the campaign
 * chose. Each row: the campaign's rule set, the debtor's address, past unanswered calls (local times
 * in the debtor's zone, "|" separated, each "type@time"), the instant, the verdict, the failing rules
 * and the rule set the decision names. Monday 8 January 2024.
 */
class StateOverlayTableTest {

    private static final CalleeZoneResolver ZONES = new CalleeZoneResolver();
    private static final RuleSet CAMPAIGN = RuleSet.basedOn(Presets.US, "camp-7")
            .add(FrequencyLimit.of("camp-7.5-per-week", "house", Scope.DEBT, Counted.ATTEMPTS, 5,
                    CountWindow.rolling(java.time.Duration.ofDays(7))))
            .build();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', nullValues = "-", value = {
            // name (source); rule set; country; state; phone; type; zone; past calls; now; verdict; failing; decision's rule set
            "MA home: 3rd call in 7 days (940 CMR 7.04(1)(f)); US; US; MA; +16175550123; HOME; America/New_York; HOME@2024-01-08T10:00|HOME@2024-01-09T10:00; 2024-01-10T12:00; BLOCK; us-ma.2in7.dates|us-ma.2in7.rolling; US+MA",
            "MA home: 2nd call in 7 days (940 CMR 7.04(1)(f)); US; US; MA; +16175550123; HOME; America/New_York; HOME@2024-01-08T10:00; 2024-01-10T12:00; ALLOW; -; US+MA",
            "MA mobile counts with home (940 CMR 7.04(1)(f): residence, cell or other personal number); US; US; MA; +16175550123; OWN_MOBILE; America/New_York; HOME@2024-01-08T10:00|HOME@2024-01-09T10:00; 2024-01-10T12:00; BLOCK; us-ma.2in7.dates|us-ma.2in7.rolling|us.tcpa.consent; US+MA",
            "MA work: 3rd call in 30 days (940 CMR 7.04(1)(f): other than personal numbers); US; US; MA; +16175550199; WORK; America/New_York; WORK@2024-01-01T10:00|WORK@2024-01-15T10:00; 2024-01-25T12:00; BLOCK; us-ma.2in30.other; US+MA",
            "MA address with no country: read as US (the overlay only tightens); US; -; MA; +16175550123; HOME; America/New_York; HOME@2024-01-08T10:00|HOME@2024-01-09T10:00; 2024-01-10T12:00; BLOCK; us-ma.2in7.dates|us-ma.2in7.rolling; US+MA",
            "TX home: 3rd call in 7 days, no state overlay (Reg F's 7 in 7 only, 12 CFR 1006.14(b)(2)); US; US; TX; +15125550123; HOME; America/Chicago; HOME@2024-01-08T10:00|HOME@2024-01-09T10:00; 2024-01-10T12:00; ALLOW; -; US",
            "TX home: 8th call in 7 days (12 CFR 1006.14(b)(2)(i)(A)); US; US; TX; +15125550123; HOME; America/Chicago; HOME@2024-01-04T10:00|HOME@2024-01-05T10:00|HOME@2024-01-06T10:00|HOME@2024-01-07T10:00|HOME@2024-01-08T10:00|HOME@2024-01-09T10:00|HOME@2024-01-10T09:00; 2024-01-10T12:00; BLOCK; us.regf.7in7.dates|us.regf.7in7.rolling; US",
            "WA: 4th call in a week, any of the debtor's numbers (RCW 19.16.250, 3 in a single week); US; US; WA; +12065550123; HOME; America/Los_Angeles; HOME@2024-01-08T10:00|OWN_MOBILE@2024-01-09T10:00|WORK@2024-01-09T15:00; 2024-01-10T12:00; BLOCK; us-wa.3-per-week; US+WA",
            "WA: 3rd call in a week (RCW 19.16.250); US; US; WA; +12065550123; HOME; America/Los_Angeles; HOME@2024-01-08T10:00|OWN_MOBILE@2024-01-09T10:00; 2024-01-10T12:00; ALLOW; -; US+WA",
            "WA work: 2nd call at work in a week (RCW 19.16.250, once a week at the place of employment); US; US; WA; +12065550199; WORK; America/Los_Angeles; WORK@2024-01-08T10:00; 2024-01-10T12:00; BLOCK; us-wa.work.1-per-week; US+WA",
            "WA hours 7:30 are looser than the federal 8:00, which stands (12 CFR 1006.6(b)(1)(i)); US; US; WA; +12065550123; HOME; America/Los_Angeles; -; 2024-01-10T07:45; BLOCK; us.hours; US+WA",
            "AU WA (Western Australia) is not US-WA: overlays are keyed by country and state; US; AU; WA; +61892345678; HOME; Australia/Perth; HOME@2024-01-08T10:00|OWN_MOBILE@2024-01-09T10:00|HOME@2024-01-09T15:00; 2024-01-10T12:00; ALLOW; -; US",
            "a campaign's rule set based on US keeps the overlays (940 CMR 7.04(1)(f)); camp-7; US; MA; +16175550123; HOME; America/New_York; HOME@2024-01-08T10:00|HOME@2024-01-09T10:00; 2024-01-10T12:00; BLOCK; us-ma.2in7.dates|us-ma.2in7.rolling; camp-7+MA",
            "preset US-MA still applies 940 CMR 7.04(1)(f) to a TX debtor (alias that forces the MA overlay); US-MA; US; TX; +15125550123; HOME; America/Chicago; HOME@2024-01-08T10:00|HOME@2024-01-09T10:00; 2024-01-10T12:00; BLOCK; us-ma.2in7.dates|us-ma.2in7.rolling; US-MA",
            "preset US-MA with an MA debtor: the overlay is not applied twice; US-MA; US; MA; +16175550123; HOME; America/New_York; HOME@2024-01-08T10:00; 2024-01-10T12:00; ALLOW; -; US-MA",
            "preset US-MA with a WA debtor gets WA's overlay too (RCW 19.16.250); US-MA; US; WA; +12065550123; HOME; America/Los_Angeles; HOME@2024-01-08T10:00|HOME@2024-01-09T10:00|HOME@2024-01-09T15:00; 2024-01-10T12:00; BLOCK; us-ma.2in7.dates|us-ma.2in7.rolling|us-wa.3-per-week; US-MA+WA",
    })
    void theDebtorsStateDecides(String name, String ruleSet, String country, String state, String phone, PhoneType type,
                                String zone, String past, String now, Verdict verdict, String failing, String decidedBy) {
        RuleSet rules = switch (ruleSet) {
            case "camp-7" -> CAMPAIGN;
            default -> Presets.byCode(ruleSet);
        };
        CallRequest request = CallRequest.builder().campaign("C1").debtor("D1").debts("A1").lead("L1")
                .phone(phone, type).address(country, state, null).path(CallPath.AUTOMATIC).build();
        History h = History.in(zone);
        if (past != null) {
            for (String call : past.split("\\|")) {
                String[] p = call.split("@");
                PhoneType t = PhoneType.valueOf(p[0]);
                String number = t == PhoneType.WORK ? phone.substring(0, phone.length() - 2) + "99"
                        : t == PhoneType.OWN_MOBILE ? phone.substring(0, phone.length() - 2) + "77" : phone.substring(0, phone.length() - 2) + "23";
                h.call(p[1], "D1", number, t, NO_ANSWER, "A1");
            }
        }
        Instant at = h.at(now);
        CalleeZones zones = ZONES.resolve(request, rules.fallbackZones());
        Decision d = rules.evaluate(new EvaluationContext(request, at, zones, h.list(), List.of()));
        Set<String> expected = failing == null ? Set.of() : new TreeSet<>(Arrays.asList(failing.split("\\|")));
        assertThat(new TreeSet<>(d.failures().stream().map(RuleResult::ruleId).toList())).as("%s: %s", name, d.failures())
                .isEqualTo(expected);
        assertThat(d.verdict()).isEqualTo(verdict);
        assertThat(d.ruleSetId()).as("the decision names the overlay").isEqualTo(decidedBy);
        RuleSet decided = rules.forRequest(request);
        assertThat(decided.id()).isEqualTo(decidedBy);
        assertThat(d.ruleSetVersion()).isEqualTo(decided.version());
        assertThat(d.results()).hasSize(decided.rules().size());
        if (verdict == Verdict.BLOCK && d.nextAllowedAt() != null && !expected.contains("us.tcpa.consent")) {
            Decision then = rules.evaluate(new EvaluationContext(request, d.nextAllowedAt(), zones, h.list(), List.of()));
            assertThat(then.verdict()).as("at the next allowed instant: %s", then.failures()).isEqualTo(Verdict.ALLOW);
        }
    }

    @Test
    void overlaysOnlyTightenAndCannotBeShadowed() {
        // every rule of the preset stays in the rule set with the overlay applied
        RuleSet ma = Presets.US.forRequest(CallRequest.builder().campaign("C").debtor("D").lead("L")
                .phone("+16175550123", PhoneType.HOME).address("US", "MA", null).build());
        assertThat(ma.rules()).containsAll(Presets.US.rules());
        assertThat(ma.base()).isSameAs(Presets.US);
        assertThat(ma.basedOnId()).isEqualTo("US@" + Presets.US.version());
        assertThat(Presets.presetOf(ma)).isSameAs(Presets.US);
        // a campaign cannot take an overlay rule's id for a looser rule of its own
        assertThatThrownBy(() -> RuleSet.basedOn(Presets.US, "camp-8").add(FrequencyLimit.of("us-ma.2in7.dates", "looser",
                Scope.DEBT, Counted.ATTEMPTS, 5, CountWindow.localDays(7))).build())
                .hasMessageContaining("overlay US-MA");
        // the overlays are part of the definition: adding one changes the version
        assertThat(Presets.US.description()).contains("overlay US-MA:").contains("overlay US-WA:");
        assertThat(Presets.US_MA.description()).contains("overlay US-MA always applied");
    }
}
