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

    public Agent create(Connection c, AgentDraft d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into agent (name, extension, phone, pbx, simulated) "
                + "values (?,?,?,?,?) on conflict (extension) do nothing", Statement.RETURN_GENERATED_KEYS)) {
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
        return find(c, "id = ?", id).orElseThrow(() -> new NotFound("agent " + id));
    }

    public Optional<Agent> findByExtension(Connection c, String extension) throws SQLException {
        return find(c, "extension = ?", extension);
    }

    public List<Agent> list(Connection c) throws SQLException {
        List<Agent> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id, name, extension, phone, pbx, simulated from agent order by id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                all.add(read(rs));
            }
        }
        return all;
    }

    private Optional<Agent> find(Connection c, String where, Object value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select id, name, extension, phone, pbx, simulated from agent where " + where)) {
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
