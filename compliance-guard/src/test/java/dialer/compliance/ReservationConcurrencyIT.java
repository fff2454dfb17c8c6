package dialer.compliance;

import com.zaxxer.hikari.HikariDataSource;
import dialer.postgres.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many threads in this JVM and in two more JVMs (one of them killed mid-run, as a crash) reserve
 * against one PostgreSQL for the same few debtors and numbers. Afterwards, read straight from the
 * tables: no limit is exceeded, every reservation has its ALLOW decision, and after recovery no
 * reservation is left pending — the crashed process's reservations are counted, not freed.
 */
class ReservationConcurrencyIT {

    static final Instant NOW = Instant.parse("2024-01-09T12:00:00Z");

    @Test
    void noLimitIsExceededAndNoReservationLeaksAcrossThreadsAndProcesses() throws Exception {
        EmbeddedPostgres pg = TestDatabases.server();
        try (HikariDataSource ds = TestDatabases.migrated("race_it", 10)) {
            ComplianceGuard guard = RaceWorker.guard(ds, NOW);
            String url = pg.jdbcUrl("race_it");

            Process second = spawn(url, pg.user(), 4, 2, 150, 0);
            Process victim = spawn(url, pg.user(), 2, 3, 100_000, 2_000);
            long local = RaceWorker.runThreads(guard, 6, 1, 150, 0);
            // kill the third JVM in the middle of its work: whatever it reserved stays reserved
            victim.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            assertThat(second.waitFor(120, TimeUnit.SECONDS)).as("second JVM finished").isTrue();
            String out = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(second.exitValue()).as("second JVM output:\n" + out).isZero();
            long remote = Long.parseLong(out.lines().filter(l -> l.startsWith("GRANTED ")).findFirst()
                    .orElseThrow(() -> new AssertionError("second JVM printed no result:\n" + out)).substring(8));

            // a node starting later recovers what the crashed callers left behind
            ComplianceGuard later = RaceWorker.guard(ds, NOW.plus(Duration.ofHours(1)));
            int expired = later.recoverStale(Duration.ofMinutes(30));

            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                assertThat(scalar(s, "select count(*) from compliance.attempt where state in ('RESERVED','DIALED')"))
                        .as("no reservation left pending").isZero();
                assertThat(expired).as("the crashes left pending reservations that recovery counted").isPositive();
                assertThat(scalar(s, "select count(*) from compliance.attempt where state = 'EXPIRED'")).isEqualTo(expired);
                assertThat(maxGroup(s, "debtor_id", "true")).as("attempts per debtor").isLessThanOrEqualTo(RaceWorker.MAX_PER_DEBTOR);
                assertThat(maxGroup(s, "phone_e164", "true")).as("attempts per number").isLessThanOrEqualTo(RaceWorker.MAX_PER_NUMBER);
                assertThat(maxGroup(s, "debtor_id", "outcome in ('MACHINE','ANSWERED','ABANDONED','CONVERSATION',"
                        + "'RIGHT_PARTY_CONTACT','UNKNOWN')")).as("connected per debtor")
                        .isLessThanOrEqualTo(RaceWorker.MAX_CONNECTED_PER_DEBTOR);
                assertThat(scalar(s, "select count(*) from compliance.attempt a where not exists (select 1 from compliance.decision d "
                        + "where d.reservation_id = a.id and d.verdict = 'ALLOW' and d.kind = 'RESERVE')"))
                        .as("every reservation has its ALLOW decision").isZero();
                assertThat(scalar(s, "select count(*) from compliance.decision where verdict = 'ALLOW'"))
                        .isEqualTo(scalar(s, "select count(*) from compliance.attempt"));
                long allowedByCallers = local + remote;
                assertThat(scalar(s, "select count(*) from compliance.attempt")).as("the killed JVM's reservations are in here too")
                        .isGreaterThanOrEqualTo(allowedByCallers);
                // the test really raced for the last slots
                assertThat(maxGroup(s, "debtor_id", "true")).isEqualTo(RaceWorker.MAX_PER_DEBTOR);
                assertThat(scalar(s, "select count(*) from compliance.decision where verdict = 'BLOCK' and "
                        + "'race.debtor' = any(failed_rules)")).isPositive();
                assertThat(scalar(s, "select count(distinct debtor_id) from compliance.attempt where state = 'COMPLETED'"))
                        .isGreaterThan(RaceWorker.DEBTORS / 2);
            }
        }
    }

    private static Process spawn(String url, String user, int threads, long seed, int iterations, long pauseMicros) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                RaceWorker.class.getName(), url, user, NOW.toString(), Integer.toString(threads), Long.toString(seed),
                Integer.toString(iterations), Long.toString(pauseMicros)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (pauseMicros > 0) {
            // wait until the victim is really reserving, then give it two seconds of work
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null && !line.equals("READY")) {
                // logs before readiness
            }
            Thread.sleep(2000);
        }
        assertThat(Files.exists(java)).isTrue();
        return p;
    }

    private static long scalar(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long maxGroup(Statement s, String column, String filter) throws Exception {
        return scalar(s, "select coalesce(max(n), 0) from (select count(*) n from compliance.attempt where state <> 'RELEASED' and "
                + filter + " group by " + column + ") g");
    }
}
