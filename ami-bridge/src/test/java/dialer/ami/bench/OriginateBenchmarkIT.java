package dialer.ami.bench;

import dialer.ami.testing.AsteriskForTests;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's code path on a small load through the real Asterisk: results, not timings. */
class OriginateBenchmarkIT {

    @Test
    void everyCallOfBothClientsIsAccountedForAndTheBridgeReportsEachOutcomeRight() throws Exception {
        List<OriginateBenchmark.Result> results = OriginateBenchmark.run(AsteriskForTests.ami(), 60, 20);

        assertThat(results).extracting(OriginateBenchmark.Result::client)
                .containsExactly("baseline (bare AMI socket)", "bridge (Asterisk-Java + CallTracker)");
        for (OriginateBenchmark.Result r : results) {
            assertThat(r.calls()).isEqualTo(60);
            assertThat(r.accounted()).as("calls whose end %s saw", r.client()).isEqualTo(60);
            assertThat(r.lagP50Micros()).isPositive().isLessThanOrEqualTo(r.lagP99Micros());
            assertThat(r.lagP99Micros()).isLessThanOrEqualTo(r.lagMaxMicros());
        }
        assertThat(results.get(1).outcomesRight()).as("bridge outcomes equal to the callees' behaviour").isEqualTo(60);
    }
}
