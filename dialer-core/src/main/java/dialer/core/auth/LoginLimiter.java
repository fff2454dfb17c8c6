package dialer.core.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * Limits password guesses without letting anyone lock others out.
 *
 * <ul>
 * <li>Per (user name, address) pair: {@link #FREE_GUESSES} guesses, then each further guess waits
 * an exponential back-off ({@link #FIRST_BACKOFF}, doubled per guess, at most {@link #MAX_BACKOFF}).
 * A wrong password from one address does not slow the same account down from another.</li>
 * <li>Per address: at most {@link #PER_ADDRESS} failed sign-ins (any user names) per {@link #WINDOW}.</li>
 * </ul>
 *
 * A guess is counted before the password is checked ({@link #reserve}), under the rows' locks
 * ({@code SELECT ... FOR UPDATE}), so parallel requests cannot all slip under the limit: of any
 * number of parallel guesses at most {@link #FREE_GUESSES} reach the password check. A success
 * forgets the pair's guesses and gives the address its guess back. Stored in the database, so it
 * holds across nodes; an administrator clears an account's back-off with {@link #clear}.
 */
public final class LoginLimiter {

    public static final int FREE_GUESSES = 5;
    public static final Duration FIRST_BACKOFF = Duration.ofMinutes(1);
    public static final Duration MAX_BACKOFF = Duration.ofMinutes(15);
    /** A pair quiet this long starts again from zero; so does an address's count. */
    public static final Duration WINDOW = Duration.ofMinutes(15);
    public static final int PER_ADDRESS = 30;

    private static final String ENSURE_PAIR_SQL = """
            insert into login_throttle (username, address, guesses, last_at) values (?, ?, 0, ?)
            on conflict (username, address) do nothing""";
    private static final String LOCK_PAIR_SQL = """
            select guesses, last_at, blocked_until from login_throttle where username = ? and address = ? for update""";
    private static final String UPDATE_PAIR_SQL = """
            update login_throttle set guesses = ?, last_at = ?, blocked_until = ? where username = ? and address = ?""";
    private static final String ENSURE_ADDRESS_SQL = """
            insert into login_address_throttle (address, failures, window_start) values (?, 0, ?)
            on conflict (address) do nothing""";
    private static final String LOCK_ADDRESS_SQL = """
            select failures, window_start from login_address_throttle where address = ? for update""";
    private static final String UPDATE_ADDRESS_SQL = """
            update login_address_throttle set failures = ?, window_start = ? where address = ?""";
    private static final String SUCCEEDED_PAIR_SQL = """
            delete from login_throttle where username = ? and address = ?""";
    private static final String SUCCEEDED_ADDRESS_SQL = """
            update login_address_throttle set failures = greatest(failures - 1, 0) where address = ?""";
    private static final String CLEAR_SQL = """
            delete from login_throttle where username = ?""";
    private static final String FORGET_OLD_SQL = """
            delete from login_throttle where last_at < ? and (blocked_until is null or blocked_until < ?)""";

    /** Why a guess may not be tried now, and for how long. */
    public record Refusal(Duration waitFor, boolean address) {
    }

    /** How long a pair waits after its {@code guesses}-th guess; zero while under the free guesses. */
    static Duration backoff(int guesses) {
        if (guesses < FREE_GUESSES) {
            return Duration.ZERO;
        }
        int doublings = Math.min(guesses - FREE_GUESSES, 20);
        Duration d = FIRST_BACKOFF.multipliedBy(1L << doublings);
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    /**
     * Counts a guess for the pair and the address if both may guess now, and returns null; otherwise
     * counts nothing and says how long to wait. Run it in its own transaction, committed before the
     * password is checked (so the row locks are held only for this).
     */
    public Refusal reserve(Connection c, String username, String address, Instant now) throws SQLException {
        exec(c, ENSURE_PAIR_SQL, username, address, Timestamp.from(now));
        int guesses;
        Instant last;
        Instant blockedUntil;
        try (PreparedStatement ps = c.prepareStatement(LOCK_PAIR_SQL)) {
            ps.setString(1, username);
            ps.setString(2, address);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                guesses = rs.getInt(1);
                last = rs.getTimestamp(2).toInstant();
                blockedUntil = rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant();
            }
        }
        if (blockedUntil != null && blockedUntil.isAfter(now)) {
            return new Refusal(Duration.between(now, blockedUntil), false);
        }
        exec(c, ENSURE_ADDRESS_SQL, address, Timestamp.from(now));
        int failures;
        Instant windowStart;
        try (PreparedStatement ps = c.prepareStatement(LOCK_ADDRESS_SQL)) {
            ps.setString(1, address);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                failures = rs.getInt(1);
                windowStart = rs.getTimestamp(2).toInstant();
            }
        }
        if (!windowStart.plus(WINDOW).isAfter(now)) {
            failures = 0;
            windowStart = now;
        }
        if (failures >= PER_ADDRESS) {
            return new Refusal(Duration.between(now, windowStart.plus(WINDOW)), true);
        }
        int counted = last.plus(WINDOW).isBefore(now) ? 1 : guesses + 1;
        Duration wait = backoff(counted);
        exec(c, UPDATE_PAIR_SQL, counted, Timestamp.from(now), wait.isZero() ? null : Timestamp.from(now.plus(wait)),
                username, address);
        exec(c, UPDATE_ADDRESS_SQL, failures + 1, Timestamp.from(windowStart), address);
        if (Math.floorMod(now.getNano(), 100) == 0) {
            Instant old = now.minus(Duration.ofDays(1));
            exec(c, FORGET_OLD_SQL, Timestamp.from(old), Timestamp.from(now));
        }
        return null;
    }

    /** The password was right: the pair starts again from zero, the address gets its guess back. */
    public void succeeded(Connection c, String username, String address) throws SQLException {
        exec(c, SUCCEEDED_PAIR_SQL, username, address);
        exec(c, SUCCEEDED_ADDRESS_SQL, address);
    }

    /** An administrator lifts an account's back-off from every address; returns how many pairs were blocked or counting. */
    public int clear(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CLEAR_SQL)) {
            ps.setString(1, username);
            return ps.executeUpdate();
        }
    }

    private static void exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }
}
