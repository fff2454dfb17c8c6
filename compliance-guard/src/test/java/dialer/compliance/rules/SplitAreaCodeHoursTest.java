package dialer.compliance.rules;

import dialer.compliance.CallPath;
import dialer.compliance.CallRequest;
import dialer.compliance.Decision;
import dialer.compliance.PhoneType;
import dialer.compliance.RuleResult;
import dialer.compliance.Verdict;
import dialer.compliance.zone.CalleeZoneResolver;
import dialer.compliance.zone.CalleeZones;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * US calling hours (12 CFR 1006.6(b)(1)(i): 8 a.m. to 9 p.m. at the consumer's location) for numbers
 * of area codes that span two zones, with and without an address: every zone of the area code counts
 * (the CFPB's commentary to 1006.6(b)(1)(i): with conflicting or ambiguous location information, a time
 * convenient in every location the information points to), so the window is 09:00-21:00 Eastern for
 * an 850 number wherever the address puts the debtor. Tuesday 12 March 2024 (US DST since 10 March).
 */
class SplitAreaCodeHoursTest {

    private static final CalleeZoneResolver ZONES = new CalleeZoneResolver();

    @ParameterizedTest(name = "{0} {1}-{2} {3} at {4} {5}: {6} (next {7}); {8}")
    @CsvSource(delimiter = ';', nullValues = "-", value = {
            // phone; country; state; postal; local time; zone of the time; verdict; next allowed (same zone); source
            "+18505550123; -; -; -; 2024-03-12T08:59:59; America/New_York; BLOCK; 2024-03-12T09:00; 850 is CT+ET (generated table): 07:59 in Pensacola",
            "+18505550123; -; -; -; 2024-03-12T09:00; America/New_York; ALLOW; -; 850: 08:00 in Pensacola, 09:00 in Tallahassee",
            "+18505550123; -; -; -; 2024-03-12T20:59:59; America/New_York; ALLOW; -; 850: last second before 21:00 Eastern",
            "+18505550123; -; -; -; 2024-03-12T21:00; America/New_York; BLOCK; 2024-03-13T09:00; 850: 21:00 Eastern closes it although Central is at 20:00",
            // with an address in the Central part of the area code the number's Eastern zone still counts
            "+18505550123; US; FL; 32501; 2024-03-12T08:59:59; America/New_York; BLOCK; 2024-03-12T09:00; 850 + FL 325 (Central): union",
            "+18505550123; US; FL; 32501; 2024-03-12T09:00; America/New_York; ALLOW; -; 850 + FL 325",
            "+18505550123; US; FL; 32501; 2024-03-12T21:00; America/New_York; BLOCK; 2024-03-13T09:00; 850 + FL 325",
            // an Eastern address does not drop Central either
            "+18505550123; US; FL; 32301; 2024-03-12T20:59:59; America/New_York; ALLOW; -; 850 + FL 323 (mixed)",
            "+18505550123; US; FL; 32301; 2024-03-12T21:00; America/New_York; BLOCK; 2024-03-13T09:00; 850 + FL 323",
            // the overlay 448 covers the same ground (supplement row)
            "+14485550123; -; -; -; 2024-03-12T08:59:59; America/New_York; BLOCK; 2024-03-12T09:00; 448 overlays 850 (supplement)",
            // 208 Idaho: Mountain and Pacific: 08:00 Pacific = 09:00 Mountain, 21:00 Mountain = 20:00 Pacific
            "+12085550123; -; -; -; 2024-03-12T08:59:59; America/Boise; BLOCK; 2024-03-12T09:00; 208 is MT+PT",
            "+12085550123; -; -; -; 2024-03-12T21:00; America/Boise; BLOCK; 2024-03-13T09:00; 208 is MT+PT",
            "+12085550123; US; ID; 83702; 2024-03-12T20:59:59; America/Boise; ALLOW; -; 208 + ID 837 (Boise): union",
            // a single-zone area code keeps the plain 08:00-21:00 (control)
            "+12125550123; US; NY; 10001; 2024-03-12T08:00; America/New_York; ALLOW; -; 212 is ET only",
            "+19155550123; US; TX; 79901; 2024-03-12T08:00; America/Denver; ALLOW; -; 915 is MT only (generated table)",
            // a foreign number of a US debtor brings its own country's zone: +44 07700 900xxx (a range libphonenumber
            // cannot type) gets the zones of country code 44; London is UTC+0 until 31 March, Central UTC-5
            "+447700900123; US; TX; 78701; 2024-03-12T15:59:59; America/Chicago; ALLOW; -; +44: 20:59 in London",
            "+447700900123; US; TX; 78701; 2024-03-12T16:00; America/Chicago; BLOCK; 2024-03-13T08:00; +44: 21:00 in London",
            "+447911123456; US; TX; 78701; 2024-03-12T16:00; America/Chicago; BLOCK; 2024-03-13T08:00; +44 7911 mobile: British Isles zones",
    })
    void hoursAtTheEdges(String phone, String country, String state, String postal, String local, String zone, Verdict verdict,
                         String next, String source) {
        CallRequest request = CallRequest.builder().campaign("C1").debtor("D1").debts("A1").lead("L1")
                .phone(phone, PhoneType.HOME).address(country, state, postal).path(CallPath.AUTOMATIC).build();
        Instant now = LocalDateTime.parse(local).atZone(ZoneId.of(zone)).toInstant();
        CalleeZones zones = ZONES.resolve(request, Presets.US.fallbackZones());
        Decision d = Presets.US.evaluate(new EvaluationContext(request, now, zones, List.of(), List.of()));
        assertThat(d.verdict()).as("%s; zones %s; failures %s", source, d.zoneSources(), d.failures()).isEqualTo(verdict);
        if (verdict == Verdict.BLOCK) {
            assertThat(d.failures()).extracting(RuleResult::ruleId).containsExactly("us.hours");
            assertThat(d.nextAllowedAt()).as(source).isEqualTo(LocalDateTime.parse(next).atZone(ZoneId.of(zone)).toInstant());
        }
        assertThat(zones.fallback()).isFalse();
    }
}
