package dialer.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MaskedTest {

    @Test
    void logsShowNeitherFullNumbersNorNames() {
        assertThat(Masked.phone("+12125550110")).isEqualTo("+1212***0110").doesNotContain("5550");
        assertThat(Masked.name("Maria  Gonzalez")).isEqualTo("M. G.");
        assertThat(Masked.name(null)).isEqualTo("?");
    }
}
