package dialer.core.auth;

import dialer.core.db.Database;
import dialer.core.db.Sql;
import dialer.postgres.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Sessions end when unused, when old, at sign-out and when the account is switched off; only a hash is stored. */
class SessionsIT {

    private static Database db;

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-11-22T09:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

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

    private static long user(String name) throws Exception {
        return Sql.inTransaction(db.dataSource(), c -> new UserStore().create(c, new UserStore.Draft(name, name,
                "a-long-enough-password", Role.SUPERVISOR, null, Set.of())).id());
    }

    private static String open(Sessions sessions, long userId) throws Exception {
        return Sql.inTransaction(db.dataSource(), c -> sessions.open(c, userId));
    }

    @Test
    void aSessionInUseLastsAndAnUnusedOneEndsAfterThirtyMinutes() throws Exception {
        MovingClock clock = new MovingClock();
        Sessions sessions = new Sessions(db.dataSource(), clock);
        String token = open(sessions, user("idle-user"));
        for (int i = 0; i < 6; i++) {
            clock.advance(Duration.ofMinutes(20));
            assertThat(sessions.user(token)).as("used every 20 minutes, check " + i).isPresent();
        }
        clock.advance(Sessions.IDLE.plusMinutes(1));
        assertThat(sessions.user(token)).isEmpty();
    }

    @Test
    void evenASessionAlwaysInUseEndsAfterTwelveHours() throws Exception {
        MovingClock clock = new MovingClock();
        Sessions sessions = new Sessions(db.dataSource(), clock);
        String token = open(sessions, user("busy-user"));
        Instant opened = clock.instant();
        while (clock.instant().isBefore(opened.plus(Sessions.LIFETIME).minus(Duration.ofMinutes(10)))) {
            clock.advance(Duration.ofMinutes(10));
            assertThat(sessions.user(token)).isPresent();
        }
        clock.advance(Duration.ofMinutes(11));
        assertThat(sessions.user(token)).isEmpty();
    }

    @Test
    void signOutAndASwitchedOffAccountEndTheSession() throws Exception {
        MovingClock clock = new MovingClock();
        Sessions sessions = new Sessions(db.dataSource(), clock);
        long userId = user("leaving-user");
        String first = open(sessions, userId);
        String second = open(sessions, userId);
        assertThat(sessions.user(first)).isPresent();
        Sql.inTransaction(db.dataSource(), c -> {
            sessions.close(c, first);
            return null;
        });
        assertThat(sessions.user(first)).isEmpty();
        assertThat(sessions.user(second)).isPresent();
        Sql.inTransaction(db.dataSource(), c -> {
            new UserStore().setActive(c, userId, false);
            return null;
        });
        sessions.forgetCache();
        assertThat(sessions.user(second)).isEmpty();
    }

    @Test
    void onlyAHashOfTheTokenIsStored() throws Exception {
        Sessions sessions = new Sessions(db.dataSource(), new MovingClock());
        String token = open(sessions, user("hashed-user"));
        boolean stored = Sql.inTransaction(db.dataSource(), c -> {
            try (var ps = c.prepareStatement("select count(*) from user_session where token_hash = ?")) {
                ps.setString(1, token);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) > 0;
                }
            }
        });
        assertThat(stored).isFalse();
        assertThat(token).hasSizeGreaterThanOrEqualTo(40);
    }
}
