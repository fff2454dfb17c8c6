package dialer.core.floor;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class FloorCsvTest {

    private static AgentFloorReport.Row row(String name, double loggedIn, long rpc, long promises, long kept, long broken) {
        Map<String, Double> reasons = new TreeMap<>(Map.of("lunch", 600.0, "", 30.25));
        return new AgentFloorReport.Row(LocalDate.of(2026, 12, 6), 4, name, loggedIn, 1000, 0, 1200, 300, 630.25, 5.5, reasons, 12,
                9, rpc, promises, new BigDecimal("350.00"), kept + broken + 1, kept, broken, new BigDecimal("120.50"));
    }

    @Test
    void aRowHasAValueForEveryColumnWithRatesPerLoggedInHour() {
        String line = FloorCsv.line(row("Ann Lee", 7200, 6, 3, 3, 1));
        String[] values = line.trim().split(",", -1);
        assertThat(values).hasSize(FloorCsv.AGENT_HEADER.trim().split(",").length);
        assertThat(line).startsWith("2026-12-06,4,\"Ann Lee\",7200.0,1000.0,0.0,1200.0,300.0,630.3,5.5,\"(none)=30.3;lunch=600.0\",12,9,6,3.00,3,1.50,350.00,5,3,1,0.7500,120.50");
    }

    @Test
    void noLoggedInTimeAndNoDecidedPromisesLeaveTheRatesEmpty() {
        String[] values = FloorCsv.line(row("Bo", 0, 2, 1, 0, 0)).trim().split(",", -1);
        assertThat(values[14]).as("rpc per hour").isEmpty();
        assertThat(values[16]).as("promises per hour").isEmpty();
        assertThat(values[21]).as("kept rate").isEmpty();
    }

    @Test
    void namesAreQuotedAndFormulasDefused() {
        assertThat(FloorCsv.quote("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(FloorCsv.quote("-1+2")).isEqualTo("\"'-1+2\"");
        assertThat(FloorCsv.quote(null)).isEqualTo("\"\"");
    }

    @Test
    void aBucketLineCountsWhereItsAccountsWent() {
        RollMatrix m = new RollMatrix();
        m.add("M1", "M2", 1, new BigDecimal("100.00"), new BigDecimal("25.00"));
        m.add("M1", null, 1, new BigDecimal("100.00"), new BigDecimal("100.00"));
        assertThat(FloorCsv.line(m.lines().get(0))).isEqualTo("M1,2,200.00,1,1,0,1,0.5000,125.00,0.6250,0,1,0,0,0,0,1\n");
        assertThat(FloorCsv.BUCKET_HEADER.split(",")).hasSize(FloorCsv.line(m.lines().get(0)).split(",").length);
    }

    @Test
    void ratesRoundHalfUp() {
        assertThat(Rates.perHour(1, 2400)).isEqualByComparingTo("1.50");
        assertThat(Rates.share(2, 3)).isEqualByComparingTo("0.6667");
        assertThat(Rates.share(BigDecimal.ONE, BigDecimal.ZERO)).isNull();
    }
}
