package dialer.compliance.bench;

import com.zaxxer.hikari.HikariDataSource;
import dialer.compliance.TestDatabases;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's code path on a small data set: checks correctness of both implementations, not timing. */
class GuardBenchmarkIT {

    @Test
    void smallRunKeepsEveryLimitForGuardAndBaseline() throws Exception {
        try (HikariDataSource ds = TestDatabases.migrated("bench_smoke", 6)) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
            long rows = GuardBenchmark.load(ds, 2_000, 3, 7, out);
            assertThat(rows).isEqualTo(6_000);
            GuardBenchmark.Config cfg = new GuardBenchmark.Config(2_000, 3, 300, new int[] {2}, 40, 7);
            List<GuardBenchmark.Stats> stats = GuardBenchmark.run(ds, cfg, out);
            assertThat(stats).extracting(GuardBenchmark.Stats::phase)
                    .contains("preview", "reserve+complete", "decide only (no DB)", "hot 40 debtors");
            assertThat(stats).allSatisfy(s -> assertThat(s.allowed() + s.blocked()).isEqualTo(s.ops()));
            assertThat(stats).filteredOn(s -> s.phase().equals("reserve+complete")).allSatisfy(s -> assertThat(s.allowed()).isPositive());
            assertThat(buf.toString(StandardCharsets.UTF_8)).contains("p99 ms").contains("baseline (SERIALIZABLE+retry)");

            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                assertThat(scalar(s, "select count(*) from compliance.attempt where state in ('RESERVED', 'DIALED')"))
                        .as("every reservation of the run was completed").isZero();
                assertThat(scalar(s, "select coalesce(max(n), 0) from (select count(*) n from compliance.attempt "
                        + "where state <> 'RELEASED' group by debtor_id having max(reserved_at) >= '" + GuardBenchmark.BASE + "') g"))
                        .as("Reg F: at most 7 calls per debtor and debt in 7 days").isLessThanOrEqualTo(7);
                assertThat(scalar(s, "select count(*) from compliance.attempt a join compliance.attempt b on a.debtor_id = b.debtor_id "
                        + "and b.reserved_at > a.reserved_at and b.reserved_at < a.reserved_at + interval '6 days' "
                        + "where a.state = 'COMPLETED' and a.outcome = 'RIGHT_PARTY_CONTACT' and b.state <> 'RELEASED' "
                        + "and b.reserved_at >= '" + GuardBenchmark.BASE + "'")) // the loaded history is synthetic, not rule-abiding
                        .as("no call within the 7-day cool-down after a conversation").isZero();
                assertThat(scalar(s, "select count(*) from compliance.attempt a join compliance.list_entry l "
                        + "on l.phone_e164 = a.phone_e164 and l.kind = 'DO_NOT_CALL' where a.reserved_at >= '" + GuardBenchmark.BASE + "'"))
                        .as("no call to a number on the do-not-call list").isZero();
                assertThat(scalar(s, "select count(*) from compliance.attempt a where a.reserved_at >= '" + GuardBenchmark.BASE
                        + "' and not exists (select 1 from compliance.decision d where d.reservation_id = a.id and d.verdict = 'ALLOW')"))
                        .as("every reservation has its decision").isZero();
            }
        }
    }

    private static long scalar(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
