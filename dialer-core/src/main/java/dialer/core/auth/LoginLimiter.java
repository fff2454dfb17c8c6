package dialer.core.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Failed sign-ins are counted per user name and per address over a window; past a limit, sign-in
 * is refused without even checking the password, until the window moves on. Stored in the
 * database, so it holds across nodes.
 */
public final class LoginLimiter {

    static final Duration WINDOW = Duration.ofMinutes(15);
    static final int PER_USERNAME = 5;
    static final int PER_ADDRESS = 20;

    private static final String FAILURES_BY_USERNAME_SQL = """
            select count(*), min(at) from login_failure where username = ? and at > ?""";

    private static final String FAILURES_BY_ADDRESS_SQL = """
            select count(*), min(at) from login_failure where address = ? and at > ?""";

    private static final String INSERT_FAILURE_SQL = """
            insert into login_failure (username, address, at) values (?,?,?)""";

    private static final String DELETE_FAILURES_SQL = """
            delete from login_failure where username = ?""";

    /** Null when sign-in may be tried; otherwise how long to wait. */
    public Duration blockedFor(Connection c, String username, String address, Instant now) throws SQLException {
        Instant from = now.minus(WINDOW);
        Instant oldest = null;
        record Limit(String sql, String value, int max) {
        }
        for (Limit limit : List.of(new Limit(FAILURES_BY_USERNAME_SQL, username, PER_USERNAME),
                new Limit(FAILURES_BY_ADDRESS_SQL, address, PER_ADDRESS))) {
            try (PreparedStatement ps = c.prepareStatement(limit.sql())) {
                ps.setString(1, limit.value());
                ps.setTimestamp(2, Timestamp.from(from));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) >= limit.max()) {
                        Instant first = rs.getTimestamp(2).toInstant();
                        oldest = oldest == null || first.isBefore(oldest) ? first : oldest;
                    }
                }
            }
        }
        return oldest == null ? null : Duration.between(now, oldest.plus(WINDOW));
    }

    public void failed(Connection c, String username, String address, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_FAILURE_SQL)) {
            ps.setString(1, username);
            ps.setString(2, address);
            ps.setTimestamp(3, Timestamp.from(now));
            ps.executeUpdate();
        }
    }

    public void succeeded(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(DELETE_FAILURES_SQL)) {
            ps.setString(1, username);
            ps.executeUpdate();
        }
    }
}
