package dialer.compliance.zone;

import dialer.compliance.CallRequest;
import dialer.compliance.PhoneType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class CalleeZoneResolverTest {

    private final CalleeZoneResolver resolver = new CalleeZoneResolver();

    @ParameterizedTest(name = "{0} {1} {2} {3} -> {4}")
    @CsvSource(delimiter = ';', nullValues = "-", value = {
            // phone; country; state; postal; expected zones (| separated); fallback
            "+12125550123; US; NY; 10001; America/New_York; false",
            "+13175550123; US; IN; -; America/Chicago|America/Indiana/Indianapolis|America/New_York; false",
            "+13175550123; US; IN; 46204; America/Indiana/Indianapolis|America/New_York; false",
            // area codes 219 and 850 span Central and Eastern (AreaCodeZones); with the address both stay
            "+12195550123; US; IN; 46402; America/Chicago|America/New_York; false",
            "+19155550123; US; TX; 79901; America/Denver; false",
            "+19155550123; US; TX; 79830; America/Chicago|America/Denver; false",
            "+18505550123; US; FL; 32501; America/Chicago|America/New_York; false",
            "+13125550123; US; FL; 32501; America/Chicago; false",
            "+18505550123; US; FL; 32456; America/Chicago|America/New_York; false",
            // every zone of the area code (AreaCodeZones): 208's prefixes include Mountain (America/Denver) and
            // 907's Juneau and, for 907-581 (Unalaska), Honolulu in libphonenumber's data
            "+12085550123; US; ID; 83814; America/Boise|America/Denver|America/Los_Angeles; false",
            "+19075550123; US; AK; -; America/Adak|America/Anchorage|America/Juneau|Pacific/Honolulu; false",
            // a split area code with no address: both zones (libphonenumber alone said Eastern for 850-555)
            "+18505550123; -; -; -; America/Chicago|America/New_York; false",
            "+14485550123; -; -; -; America/Chicago|America/New_York; false",
            // a foreign number of a US debtor brings its country's zones, even from a range libphonenumber cannot type
            "+447700900123; US; TX; 78701; America/Chicago|Europe/London; false",
            "+447911123456; US; TX; 78701; America/Chicago|Europe/Guernsey|Europe/Isle_of_Man|Europe/Jersey|Europe/London; false",
            "+16025550123; US; AZ; 86515; America/Denver|America/Phoenix; false",
            "+12125550123; US; CA; -; America/Los_Angeles|America/New_York; false",
            "+12125550123; US; AL; 32501; America/Chicago|America/New_York; false",
            "+61291234567; AU; NSW; 2880; Australia/Broken_Hill|Australia/Sydney; false",
            "+61291234567; AU; NSW; 2000; Australia/Sydney; false",
            // an Australian 04 mobile has no area: libphonenumber gives every Australian zone, Cocos Islands
            // (UTC+6:30) to Lord Howe (UTC+11 in summer), which would leave no hour of the ACCC/ASIC guideline's
            // 7:30-21:00 in the debtor's location before noon in Sydney. The address places the callee; without
            // one the number gets the zones of the states and territories (compliance-guard/README.md)
            "+61412345678; AU; NSW; 2000; Australia/Sydney; false",
            "+61412345678; AU; WA; -; Australia/Eucla|Australia/Perth; false",
            "+61412345678; AU; -; -; Australia/Adelaide|Australia/Brisbane|Australia/Darwin|Australia/Hobart|Australia/Melbourne|Australia/Perth|Australia/Sydney; false",
            "+61412345678; AU; XYZ; -; Australia/Adelaide|Australia/Broken_Hill|Australia/Brisbane|Australia/Darwin|Australia/Eucla|Australia/Hobart|Australia/Lord_Howe|Australia/Melbourne|Australia/Perth|Australia/Sydney; false",
            "+61412345678; -; -; -; Australia/Adelaide|Australia/Brisbane|Australia/Darwin|Australia/Hobart|Australia/Melbourne|Australia/Perth|Australia/Sydney; false",
            // a foreign address does not place an Australian mobile: both count
            "+61412345678; US; NY; 10001; America/New_York|Australia/Adelaide|Australia/Brisbane|Australia/Darwin|Australia/Hobart|Australia/Melbourne|Australia/Perth|Australia/Sydney; false",
            "+8613812345678; CN; -; -; Asia/Shanghai; false",
            "+447700900123; GB; -; -; Europe/London; false",
            "+80012345678; -; -; -; America/New_York|Asia/Tokyo; true",
    })
    void everySourceIsUnited(String phone, String country, String state, String postal, String expected, boolean fallback) {
        CallRequest r = CallRequest.builder().campaign("C").debtor("D").lead("L").phone(phone, PhoneType.HOME)
                .address(country, state, postal).build();
        CalleeZones z = resolver.resolve(r, Set.of(ZoneId.of("America/New_York"), ZoneId.of("Asia/Tokyo")));
        assertThat(new TreeSet<>(z.zones().stream().map(ZoneId::getId).collect(Collectors.toSet())))
                .as(z.describe()).isEqualTo(new TreeSet<>(Arrays.asList(expected.split("\\|"))));
        assertThat(z.fallback()).isEqualTo(fallback);
        assertThat(z.describe()).doesNotContain(phone);
    }
}
