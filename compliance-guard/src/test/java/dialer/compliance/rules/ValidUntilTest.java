package dialer.compliance.rules;

import dialer.compliance.CallPath;
import dialer.compliance.CallRequest;
import dialer.compliance.PhoneType;
import dialer.compliance.zone.CalleeZoneResolver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Until when a granted reservation may be marked dialed: the configured validity, cut at the first
 * close of a calling window that applies to the callee (in any of the callee's zones). Each row
 * names the window's source.
 */
class ValidUntilTest {

    private static final CalleeZoneResolver ZONES = new CalleeZoneResolver();

    @ParameterizedTest(name = "{0} {2} {3} + {4} s -> {5} ({6})")
    @CsvSource(delimiter = '|', textBlock = """
            US | +12125550123   | America/New_York    | 2024-01-09T12:00:00 | 60 | 2024-01-09T12:01:00 | validity alone
            US | +12125550123   | America/New_York    | 2024-01-09T20:59:30 | 60 | 2024-01-09T21:00:00 | 12 CFR 1006.6(b)(1)(i): 9 p.m.
            US | +12125550123   | America/New_York    | 2024-01-09T20:58:00 | 60 | 2024-01-09T20:59:00 | closes after the validity
            IN | +919876543210  | Asia/Kolkata        | 2024-01-09T18:59:50 | 60 | 2024-01-09T19:00:00 | RBI DOR.ORG.REC.65/21.04.158/2022-23: 7 p.m.
            CN | +8613812345678 | Asia/Shanghai       | 2024-01-09T21:59:45 | 60 | 2024-01-09T22:00:00 | CN convention: no calls after 22:00
            UK | +447700900123  | Europe/London       | 2024-01-09T20:59:59 | 60 | 2024-01-09T21:00:00 | house default 21:00 (FCA CONC 7.9.4)
            AU | +61291234567   | Australia/Sydney    | 2024-01-09T20:59:30 | 60 | 2024-01-09T21:00:00 | ACCC/ASIC guideline part 2 s4: 9 pm
            AU | +61291234567   | Australia/Sydney    | 2024-01-25T23:59:30 | 60 | 2024-01-25T23:59:30 | closed already: never valid beyond now
            """)
    void validityEndsAtTheEarlierOfItsLengthAndTheWindowsClose(String preset, String phone, String zone, String localNow,
                                                              int seconds, String localUntil, String source) {
        RuleSet rules = Presets.byCode(preset);
        CallRequest r = CallRequest.builder().campaign("C").debtor("D").lead("L").phone(phone, PhoneType.HOME)
                .path(CallPath.MANUAL).build();
        Instant now = LocalDateTime.parse(localNow).atZone(ZoneId.of(zone)).toInstant();
        Instant expected = LocalDateTime.parse(localUntil).atZone(ZoneId.of(zone)).toInstant();
        Instant until = rules.validUntil(now, Duration.ofSeconds(seconds), ZONES.resolve(r, rules.fallbackZones()), r.phoneType());
        assertThat(until).as(source).isEqualTo(expected);
    }
}
