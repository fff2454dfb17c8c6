package dialer.compliance;

import com.zaxxer.hikari.HikariDataSource;
import dialer.compliance.rules.EvaluationContext;
import dialer.compliance.rules.RuleSet;
import dialer.compliance.rules.RuleSetRegistry;
import dialer.compliance.zone.CalleeZoneResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * preview, reserve and the pure evaluation of the context the guard reads agree (verdict, failing
 * rules, next allowed instant) at every step of random runs against PostgreSQL, and no granted
 * reservation breaks a rule ({@link RuleOracle}). A run: one debtor of one preset's country, a clock
 * moving by random steps (seconds to days), random calls through the guard ending in random outcomes,
 * released, left to lapse or left in progress, consumer requests and inbound conversations recorded
 * on the way. Fewer tries than the pure {@link GuardPropertiesTest}: each step is three round trips.
 */
class GuardPropertiesIT {

    static final int RUNS = Integer.getInteger("guard.props.runs", 12);
    static final int STEPS = Integer.getInteger("guard.props.steps", 40);
    static HikariDataSource ds;

    @BeforeAll
    static void database() {
        ds = TestDatabases.migrated("guard_properties", 4);
    }

    @AfterAll
    static void close() {
        ds.close();
    }

    @Test
    void previewReserveAndThePureEvaluationAgree() throws Exception {
        long base = Long.getLong("guard.props.seed", 7_000L);
        CalleeZoneResolver zones = new CalleeZoneResolver();
        int granted = 0;
        for (int run = 0; run < RUNS; run++) {
            long seed = base + run;
            RandomWorld w = new RandomWorld(seed, "P" + seed);
            RuleSet rules = w.country.rules();
            MutableClock clock = new MutableClock(w.now);
            ComplianceGuard guard = ComplianceGuard.builder(ds).clock(clock)
                    .ruleSets(new RuleSetRegistry().assign("C1", rules).assign("C2", rules)).build();
            for (int step = 0; step < STEPS; step++) {
                String at = "seed " + seed + " step " + step;
                clock.advance(Duration.ofSeconds(w.pick(5L, 90L, 400L, 3_600L, 6 * 3_600L, 86_400L, 2 * 86_400L)));
                Instant now = clock.instant();
                if (w.rnd.nextInt(6) == 0) {
                    guard.recordConsumerRequest(w.debtor, w.debts(), w.phone(), now.plusSeconds(w.rnd.nextLong(-600, 2_400)),
                            now.minusSeconds(w.rnd.nextLong(0, 9 * 86_400L)), "agent", "disposition " + step);
                }
                if (w.rnd.nextInt(10) == 0) {
                    guard.recordInboundConversation(w.debtor, w.debts(), w.phone(), now.minusSeconds(30));
                }
                CallRequest req = w.request(now);
                Decision preview = guard.preview(req);
                EvaluationContext ctx;
                try (Connection c = ds.getConnection()) {
                    ctx = ComplianceGuard.context(c, req, now.minus(rules.lookback()), null, now)
                            .evaluation(req, now, zones.resolve(req, rules.fallbackZones()));
                }
                Decision pure = rules.evaluate(ctx);
                Reservation r = guard.reserve(req);
                for (Decision d : List.of(pure, r.decision())) {
                    assertThat(d.verdict()).as("verdict; %s; preview %s", at, preview.failures()).isEqualTo(preview.verdict());
                    assertThat(d.failures().stream().map(f -> f.ruleId()).toList()).as("failing rules; %s", at)
                            .isEqualTo(preview.failures().stream().map(f -> f.ruleId()).toList());
                    assertThat(d.nextAllowedAt()).as("next allowed; %s", at).isEqualTo(preview.nextAllowedAt());
                }
                assertThat(r.granted()).isEqualTo(preview.allowed());
                if (!r.granted()) {
                    continue;
                }
                granted++;
                assertThat(RuleOracle.brokenBy(rules, ctx)).as("a granted reservation breaks no rule; %s: %s", at, req).isEmpty();
                switch (w.rnd.nextInt(6)) {
                    case 0 -> guard.release(r.id(), "not dialed");
                    case 1 -> { } // never dialed: lapses after its validity
                    case 2 -> guard.markDialed(r.id()); // left in progress
                    default -> {
                        guard.markDialed(r.id());
                        clock.advance(Duration.ofSeconds(w.rnd.nextInt(1, 600)));
                        guard.complete(r.id(), w.pick(CallOutcome.values()));
                    }
                }
                if (w.rnd.nextInt(8) == 0) {
                    clock.advance(Duration.ofHours(2));
                    guard.recoverStale(Duration.ofHours(1));
                }
            }
        }
        System.out.printf("guard properties (database): %d runs x %d steps, %d reservations granted%n", RUNS, STEPS, granted);
        assertThat(granted).as("the runs must grant some calls to mean something").isGreaterThan(RUNS);
    }
}
