package dialer.core.agent;

import dialer.core.Conflict;
import dialer.core.NotFound;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Registered agents in PostgreSQL. Each method runs in the caller's transaction. */
public final class AgentStore {

    private static final String INSERT_SQL = """
            insert into agent (name, extension, phone, pbx, simulated) values (?,?,?,?,?)
            on conflict (extension) do nothing""";

    private static final String SELECT_SQL = """
            select id, name, extension, phone, pbx, simulated from agent""";

    private static final String BY_ID_SQL = SELECT_SQL + " where id = ?";

    private static final String BY_EXTENSION_SQL = SELECT_SQL + " where extension = ?";

    private static final String LIST_SQL = SELECT_SQL + " order by id";

    public Agent create(Connection c, AgentDraft d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_SQL, Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, d.name());
            ps.setString(2, d.extension());
            ps.setString(3, d.phone());
            ps.setString(4, d.pbx());
            ps.setBoolean(5, d.simulated());
            if (ps.executeUpdate() == 0) {
                throw new Conflict("extension " + d.extension() + " already belongs to another agent");
            }
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return get(c, keys.getLong(1));
            }
        }
    }

    public Agent get(Connection c, long id) throws SQLException {
        return find(c, BY_ID_SQL, id).orElseThrow(() -> new NotFound("agent " + id));
    }

    public Optional<Agent> findByExtension(Connection c, String extension) throws SQLException {
        return find(c, BY_EXTENSION_SQL, extension);
    }

    public List<Agent> list(Connection c) throws SQLException {
        List<Agent> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(LIST_SQL);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                all.add(read(rs));
            }
        }
        return all;
    }

    /** {@code sql} is one of the SELECT_SQL queries with one parameter. */
    private Optional<Agent> find(Connection c, String sql, Object value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static Agent read(ResultSet rs) throws SQLException {
        return new Agent(rs.getLong("id"), rs.getString("name"), rs.getString("extension"), rs.getString("phone"),
                rs.getString("pbx"), rs.getBoolean("simulated"));
    }
}
