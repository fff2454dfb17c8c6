package dialer.core.lead;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneNormalizerTest {

    @ParameterizedTest
    @CsvSource({
            "'(212) 555-0121', US, +12125550121",
            "'212.555.0121', US, +12125550121",
            "'+44 20 7946 0958', US, +442079460958",
            "'020 7946 0958', GB, +442079460958",
            "'+86 138 0013 8000', US, +8613800138000"})
    void writesDialableNumbersInE164(String raw, String region, String e164) {
        PhoneNormalizer.Result r = PhoneNormalizer.normalize(raw, region);
        assertThat(r.problem()).isNull();
        assertThat(r.e164()).isEqualTo(e164);
    }

    @ParameterizedTest
    @CsvSource({
            "'', phone is empty",
            "'12345', not a valid number for region US",
            "'call me', not a number",
            "'+1 900 555 0199', premium rate",
            "'+1 800 555 0199', toll free"})
    void saysWhyANumberCannotBeDialed(String raw, String problem) {
        PhoneNormalizer.Result r = PhoneNormalizer.normalize(raw, "US");
        assertThat(r.ok()).isFalse();
        assertThat(r.problem()).contains(problem);
    }
}
