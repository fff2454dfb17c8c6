package dialer.core.floor;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RollMatrixTest {

    @Test
    void rollRatesCountAccountsThatWentToAWorseBucketAndRecoveryIsCollectedOverTheStartBalance() {
        RollMatrix m = new RollMatrix();
        m.add("M1", "M1", 6, new BigDecimal("600.00"), new BigDecimal("50.00"));
        m.add("M1", "M2", 3, new BigDecimal("300.00"), BigDecimal.ZERO);
        m.add("M1", "M3", 1, new BigDecimal("100.00"), BigDecimal.ZERO);
        m.add("M2", "M1", 1, new BigDecimal("200.00"), new BigDecimal("200.00"));
        m.add("M2", null, 1, new BigDecimal("100.00"), new BigDecimal("100.00"));
        RollMatrix.Line m1 = m.lines().get(0);
        assertThat(m1.bucket()).isEqualTo("M1");
        assertThat(m1.accounts()).isEqualTo(10);
        assertThat(m1.rolledForward()).isEqualTo(4);
        assertThat(m1.rolledToNext()).isEqualTo(3);
        assertThat(m1.stayed()).isEqualTo(6);
        assertThat(m1.rollRate()).isEqualByComparingTo("0.4");
        assertThat(m1.balanceAtStart()).isEqualByComparingTo("1000");
        assertThat(m1.recoveryRate()).isEqualByComparingTo("0.05");
        assertThat(m1.toBucket()).containsEntry("M2", 3L).containsEntry("M3", 1L).containsEntry("M1", 6L);
        RollMatrix.Line m2 = m.lines().get(1);
        assertThat(m2.improved()).as("one back to M1, one cured").isEqualTo(2);
        assertThat(m2.rollRate()).isEqualByComparingTo("0");
        assertThat(m2.recoveryRate()).isEqualByComparingTo("1");
        assertThat(m2.toBucket()).containsEntry("CURED", 1L);
    }

    @Test
    void everyBucketHasALineAndAnEmptyOneHasNoRates() {
        RollMatrix.Line m6 = new RollMatrix().lines().get(5);
        assertThat(m6.bucket()).isEqualTo("M6+");
        assertThat(m6.accounts()).isZero();
        assertThat(m6.rollRate()).isNull();
        assertThat(m6.recoveryRate()).isNull();
        assertThat(new RollMatrix().lines()).hasSize(6);
    }

    @Test
    void m6IsTheWorstSoItCannotRollForward() {
        RollMatrix m = new RollMatrix();
        m.add("M6+", "M6+", 2, BigDecimal.TEN, BigDecimal.ZERO);
        assertThat(m.lines().get(5).stayed()).isEqualTo(2);
        assertThatThrownBy(() -> m.add("M7", "M1", 1, BigDecimal.ONE, BigDecimal.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
