package dialer.compliance;

import com.zaxxer.hikari.HikariDataSource;
import dialer.compliance.rules.Presets;
import dialer.compliance.rules.RuleSetRegistry;
import dialer.postgres.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node holding two reservations is killed (a second JVM, {@code destroyForcibly}): one reservation
 * never marked dialed, one marked dialed with its call in progress. Recovery on another node frees
 * the first debtor once its validity has passed (a reservation never dialed costs nothing) and counts
 * the second as exactly one call of unknown outcome: that debtor is callable again once the
 * recovery timeout has passed, with no 7-day conversation cool-down (12 CFR 1006.14(b)(2)(i)(B)
 * needs a conversation), and the call counts towards 7-in-7 (12 CFR 1006.14(b)(2)(i)(A)).
 */
class CrashRecoveryIT {

    /** Tuesday 2024-01-09 12:00 in New York. */
    static final Instant CRASH = Instant.parse("2024-01-09T17:00:00Z");

    @Test
    void aCrashedNodesReservationsCostNoMoreThanTheRulesRequire() throws Exception {
        EmbeddedPostgres pg = TestDatabases.server();
        try (HikariDataSource ds = TestDatabases.migrated("crash_it", 4)) {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process node = new ProcessBuilder(List.of(java.toString(), "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                    CrashWorker.class.getName(), pg.jdbcUrl("crash_it"), pg.user(), CRASH.toString(),
                    "CR-1", "+12125550701", "CR-2", "+12125550702")).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("HELD ") && !line.startsWith("REFUSED")) {
                // the node's logs
            }
            assertThat(line).as("the node took its reservations").startsWith("HELD ");
            String[] ids = line.split(" ");
            long neverDialed = Long.parseLong(ids[1]);
            long dialed = Long.parseLong(ids[2]);
            node.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            assertThat(node.isAlive()).isFalse();

            MutableClock clock = new MutableClock(CRASH.plusSeconds(10));
            ComplianceGuard other = ComplianceGuard.builder(ds).clock(clock)
                    .ruleSets(new RuleSetRegistry().assign("CRASH", Presets.US)).build();
            // while the dead node's reservations might still be in use, both debtors are blocked
            assertThat(other.preview(CrashWorker.request("CR-1", "+12125550701")).failures())
                    .extracting(RuleResult::ruleId).contains("one-call-at-a-time");
            assertThat(other.preview(CrashWorker.request("CR-2", "+12125550702")).failures())
                    .extracting(RuleResult::ruleId).contains("one-call-at-a-time");

            // the node's restart (or any node's periodic run) recovers, past the never-dialed one's validity
            clock.set(CRASH.plus(ComplianceGuard.DEFAULT_VALIDITY).plusSeconds(1));
            assertThat(other.recoverStale(Duration.ofMinutes(30))).isEqualTo(1);
            assertThat(other.state(neverDialed)).isEqualTo(AttemptState.EXPIRED);
            assertThat(other.state(dialed)).isEqualTo(AttemptState.DIALED);
            Reservation first = other.reserve(CrashWorker.request("CR-1", "+12125550701"));
            assertThat(first.granted()).as("never dialed, costs nothing: %s", first.decision().failures()).isTrue();
            assertThat(reason(first.decision(), "us.regf.7in7.rolling")).endsWith(": 0 counted");
            other.markDialed(first.id());
            other.complete(first.id(), CallOutcome.NO_ANSWER);
            Reservation tooEarly = other.reserve(CrashWorker.request("CR-2", "+12125550702"));
            assertThat(tooEarly.decision().failures()).as("the dialed call may still be going on")
                    .extracting(RuleResult::ruleId).contains("one-call-at-a-time");

            // after the recovery timeout (longer than any call) the dialed one counts as one call, and nothing more
            clock.set(CRASH.plus(Duration.ofMinutes(31)));
            assertThat(other.recoverStale(Duration.ofMinutes(30))).isEqualTo(1);
            assertThat(other.state(dialed)).isEqualTo(AttemptState.EXPIRED);
            Reservation second = other.reserve(CrashWorker.request("CR-2", "+12125550702"));
            assertThat(second.granted()).as("callable again after recovery: %s", second.decision().failures()).isTrue();
            assertThat(reason(second.decision(), "us.regf.7in7.rolling")).endsWith(": 1 counted");
            assertThat(reason(second.decision(), "us.regf.after-conversation")).contains("no trigger");
            try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*) from compliance.attempt where state in ('RESERVED', 'DIALED') "
                         + "and id in (" + neverDialed + ", " + dialed + ")")) {
                rs.next();
                assertThat(rs.getLong(1)).as("nothing of the dead node left pending").isZero();
            }
            // a late report of the real outcome still corrects the count (a conversation starts the cool-down)
            other.complete(second.id(), CallOutcome.NO_ANSWER);
            other.complete(dialed, CallOutcome.RIGHT_PARTY_CONTACT);
            clock.advance(Duration.ofMinutes(10));
            assertThat(other.preview(CrashWorker.request("CR-2", "+12125550702")).failures())
                    .extracting(RuleResult::ruleId).containsExactly("us.regf.after-conversation");
        }
    }

    private static String reason(Decision d, String ruleId) {
        return d.results().stream().filter(r -> r.ruleId().equals(ruleId)).findFirst().orElseThrow().reason();
    }
}
