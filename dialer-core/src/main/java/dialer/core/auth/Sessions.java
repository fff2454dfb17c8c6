package dialer.core.auth;

import dialer.core.db.Sql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Sessions in PostgreSQL (so every dialer node knows them): a random token handed to the browser,
 * only its hash stored. A session ends after {@link #IDLE} without use or {@link #LIFETIME} in all,
 * or at sign-out. Looked-up sessions are cached for a few seconds so a page's requests don't each
 * cost a query, and for {@link #OUTAGE_GRACE} while the database cannot be reached.
 */
public final class Sessions {

    public static final Duration IDLE = Duration.ofMinutes(30);
    public static final Duration LIFETIME = Duration.ofHours(12);
    private static final Duration CACHE = Duration.ofSeconds(5);
    /**
     * While the database cannot be reached, a session checked this recently is taken on trust (an
     * agent can still save the outcome of their call); a sign-out or a disabled account then takes
     * effect when the database is back.
     */
    static final Duration OUTAGE_GRACE = Duration.ofMinutes(5);
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String INSERT_SQL = """
            insert into user_session (token_hash, user_id, created_at, last_seen_at, expires_at)
            values (?,?,?,?,?)""";

    private static final String LIVE_SESSION_SQL = """
            select user_id, last_seen_at from user_session
            where token_hash = ? and expires_at > ? and last_seen_at > ?""";

    private static final String TOUCH_SQL = """
            update user_session set last_seen_at = ? where token_hash = ?""";

    private static final String DELETE_SQL = """
            delete from user_session where token_hash = ?""";

    private record Cached(User user, Instant checkedAt, Instant touchedAt) {
    }

    private final DataSource dataSource;
    private final UserStore users = new UserStore();
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public Sessions(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Opens a session for the user; returns its token. */
    public String open(Connection c, long userId) throws SQLException {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        try (PreparedStatement ps = c.prepareStatement(INSERT_SQL)) {
            ps.setString(1, hash(token));
            ps.setLong(2, userId);
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setTimestamp(5, Timestamp.from(now.plus(LIFETIME)));
            ps.executeUpdate();
        }
        return token;
    }

    /** The user of a live session, or empty. Blocking (call it off the event loop). */
    public Optional<User> user(String token) throws Exception {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Cached cached = cache.get(token);
        if (cached != null && cached.checkedAt().plus(CACHE).isAfter(now)) {
            return Optional.of(cached.user());
        }
        try {
            return lookUp(token, now, cached);
        } catch (Exception e) {
            if (Sql.unreachable(e) && cached != null && cached.checkedAt().plus(OUTAGE_GRACE).isAfter(now)) {
                // the database is down: a session checked a moment ago stays good until it is back (or the grace ends)
                return Optional.of(cached.user());
            }
            throw e;
        }
    }

    private Optional<User> lookUp(String token, Instant now, Cached cached) throws Exception {
        return Sql.inTransaction(dataSource, c -> {
            Long userId = null;
            Instant lastSeen = null;
            try (PreparedStatement ps = c.prepareStatement(LIVE_SESSION_SQL)) {
                ps.setString(1, hash(token));
                ps.setTimestamp(2, Timestamp.from(now));
                ps.setTimestamp(3, Timestamp.from(now.minus(IDLE)));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        userId = rs.getLong(1);
                        lastSeen = rs.getTimestamp(2).toInstant();
                    }
                }
            }
            if (userId == null) {
                cache.remove(token);
                return Optional.empty();
            }
            User user = users.get(c, userId);
            if (!user.active()) {
                return Optional.empty();
            }
            Instant touched = cached == null ? lastSeen : cached.touchedAt();
            if (touched.plus(TOUCH_EVERY).isBefore(now)) {
                try (PreparedStatement ps = c.prepareStatement(TOUCH_SQL)) {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setString(2, hash(token));
                    ps.executeUpdate();
                }
                touched = now;
            }
            cache.put(token, new Cached(user, now, touched));
            return Optional.of(user);
        });
    }

    /** Like {@link #user}, but read from the database now, not from the few seconds' cache. */
    public Optional<User> userNow(String token) throws Exception {
        if (token != null) {
            cache.remove(token);
        }
        return user(token);
    }

    public void close(Connection c, String token) throws SQLException {
        cache.remove(token);
        try (PreparedStatement ps = c.prepareStatement(DELETE_SQL)) {
            ps.setString(1, hash(token));
            ps.executeUpdate();
        }
    }

    /** Forgets cached sessions (after a password or role change). */
    public void forgetCache() {
        cache.clear();
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
