package dialer.core.auth;

import dialer.core.db.Database;
import dialer.core.db.Sql;
import dialer.postgres.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sign-in limiter on a real PostgreSQL: per (user name, address) pair with back-off, per
 * address, atomic under parallel guesses, cleared by an administrator. (Over HTTP: AccessIT.)
 */
class LoginLimiterIT {

    private static Database db;
    private final LoginLimiter limiter = new LoginLimiter();

    @BeforeAll
    static void start() {
        EmbeddedPostgres pg = dialer.core.testing.MigratedPostgres.startThrowaway();
        db = Database.open(pg.jdbcUrl("dialer"), pg.user(), "", pg);
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    private LoginLimiter.Refusal guess(String user, String address, Instant at) throws Exception {
        return Sql.inTransaction(db.dataSource(), c -> limiter.reserve(c, user, address, at));
    }

    @Test
    void aPairIsSlowedDownAndOtherAddressesAreNot() throws Exception {
        Instant t = Instant.parse("2026-11-22T09:00:00Z");
        for (int i = 0; i < LoginLimiter.FREE_GUESSES; i++) {
            assertThat(guess("admin", "203.0.113.9", t)).as("guess " + i).isNull();
        }
        LoginLimiter.Refusal refused = guess("admin", "203.0.113.9", t.plusSeconds(1));
        assertThat(refused).isNotNull();
        assertThat(refused.address()).isFalse();
        assertThat(refused.waitFor()).isEqualTo(Duration.ofSeconds(59));
        // the same account from the floor's address is not locked
        assertThat(guess("admin", "10.1.2.3", t.plusSeconds(2))).isNull();
        // after the back-off, one more guess, then twice as long
        assertThat(guess("admin", "203.0.113.9", t.plusSeconds(61))).isNull();
        assertThat(guess("admin", "203.0.113.9", t.plusSeconds(62)).waitFor()).isEqualTo(Duration.ofSeconds(119));
        // an administrator clears it
        int cleared = Sql.inTransaction(db.dataSource(), c -> limiter.clear(c, "admin"));
        assertThat(cleared).isEqualTo(2);
        assertThat(guess("admin", "203.0.113.9", t.plusSeconds(63))).isNull();
    }

    @Test
    void aSuccessStartsThePairAgain() throws Exception {
        Instant t = Instant.parse("2026-11-22T10:00:00Z");
        for (int i = 0; i < LoginLimiter.FREE_GUESSES - 1; i++) {
            assertThat(guess("agent7", "198.51.100.7", t)).isNull();
        }
        Sql.inTransaction(db.dataSource(), c -> {
            limiter.succeeded(c, "agent7", "198.51.100.7");
            return null;
        });
        for (int i = 0; i < LoginLimiter.FREE_GUESSES; i++) {
            assertThat(guess("agent7", "198.51.100.7", t.plusSeconds(1))).isNull();
        }
        assertThat(guess("agent7", "198.51.100.7", t.plusSeconds(2))).isNotNull();
    }

    @Test
    void oneAddressGuessingManyUserNamesIsStoppedByTheAddressLimit() throws Exception {
        Instant t = Instant.parse("2026-11-22T11:00:00Z");
        for (int i = 0; i < LoginLimiter.PER_ADDRESS; i++) {
            assertThat(guess("user" + i, "192.0.2.50", t)).isNull();
        }
        LoginLimiter.Refusal refused = guess("someone-else", "192.0.2.50", t.plusSeconds(5));
        assertThat(refused).isNotNull();
        assertThat(refused.address()).isTrue();
        assertThat(guess("someone-else", "192.0.2.51", t.plusSeconds(5))).isNull();
        // the window moves on
        assertThat(guess("someone-else", "192.0.2.50", t.plus(LoginLimiter.WINDOW).plusSeconds(1))).isNull();
    }

    @Test
    void fortyParallelGuessesLetNoMoreThanTheLimitThrough() throws Exception {
        Instant t = Instant.parse("2026-11-22T12:00:00Z");
        ExecutorService pool = Executors.newFixedThreadPool(40);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return guess("supervisor", "203.0.113.77", t) == null;
                }));
            }
            go.countDown();
            int through = 0;
            for (Future<Boolean> r : results) {
                through += r.get() ? 1 : 0;
            }
            assertThat(through).isEqualTo(LoginLimiter.FREE_GUESSES);
        } finally {
            pool.shutdownNow();
        }
    }
}
