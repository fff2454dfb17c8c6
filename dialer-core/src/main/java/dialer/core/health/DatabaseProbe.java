package dialer.core.health;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Whether the database answers, for {@code /health}. */
public final class DatabaseProbe {

    static final String PING = """
            select 1
            """;

    /** Runs a trivial query; throws if the database does not answer. */
    public boolean ping(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(PING);
        }
        return true;
    }
}
