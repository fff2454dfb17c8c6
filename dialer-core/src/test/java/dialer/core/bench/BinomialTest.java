package dialer.core.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BinomialTest {

    @Test
    void upperTailsAgainstValuesComputedByHand() {
        // 50 live answers at a 3% cap: 1 - sum_{i<k} C(50,i) 0.03^i 0.97^(50-i)
        assertThat(Binomial.tail(50, 0, 0.03)).isEqualTo(1.0);
        assertThat(Binomial.tail(50, 1, 0.03)).isCloseTo(1 - Math.pow(0.97, 50), within(1e-12));
        assertThat(Binomial.tail(50, 2, 0.03)).isCloseTo(0.4447, within(1e-4));
        assertThat(Binomial.tail(50, 5, 0.03)).isCloseTo(0.0168, within(1e-4));
        assertThat(Binomial.tail(50, 6, 0.03)).isCloseTo(0.0037, within(1e-4));
        assertThat(Binomial.tail(3, 4, 0.5)).isEqualTo(0.0);
    }
}
