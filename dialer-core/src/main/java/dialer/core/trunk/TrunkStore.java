package dialer.core.trunk;

import dialer.core.NotFound;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The trunks in table {@code trunk}. */
public final class TrunkStore {

    private static final String COLUMNS = "name, host, port, transport, username, password, register, from_domain, "
            + "caller_id_policy, fixed_caller_id, max_calls, calls_per_second, codecs, external_media_address, rtp_timeout, "
            + "qualify_frequency";
    private static final String SELECT = "select id, " + COLUMNS + ", created_by, created_at, updated_at from trunk ";

    public List<Trunk> list(Connection c) throws SQLException {
        List<Trunk> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT + "order by name"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(read(rs));
            }
        }
        return out;
    }

    public Trunk get(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + "where id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFound("trunk " + id);
                }
                return read(rs);
            }
        }
    }

    /** Whether a trunk of that name exists. */
    public boolean exists(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from trunk where name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public Trunk create(Connection c, TrunkDraft d, String by, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into trunk (" + COLUMNS + ", created_by, created_at, updated_at) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id")) {
            int i = bind(ps, d);
            ps.setString(i++, by);
            ps.setTimestamp(i++, Timestamp.from(at));
            ps.setTimestamp(i, Timestamp.from(at));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return get(c, rs.getLong(1));
            }
        }
    }

    public Trunk update(Connection c, long id, TrunkDraft d, Instant at) throws SQLException {
        String set = String.join(" = ?, ", COLUMNS.split(", ")) + " = ?";
        try (PreparedStatement ps = c.prepareStatement("update trunk set " + set + ", updated_at = ? where id = ?")) {
            int i = bind(ps, d);
            ps.setTimestamp(i++, Timestamp.from(at));
            ps.setLong(i, id);
            if (ps.executeUpdate() == 0) {
                throw new NotFound("trunk " + id);
            }
        }
        return get(c, id);
    }

    public void delete(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from trunk where id = ?")) {
            ps.setLong(1, id);
            if (ps.executeUpdate() == 0) {
                throw new NotFound("trunk " + id);
            }
        }
    }

    private static int bind(PreparedStatement ps, TrunkDraft d) throws SQLException {
        int i = 1;
        ps.setString(i++, d.name());
        ps.setString(i++, d.host());
        ps.setInt(i++, d.port());
        ps.setString(i++, d.transport());
        nullable(ps, i++, d.username());
        nullable(ps, i++, d.password());
        ps.setBoolean(i++, d.register());
        ps.setString(i++, d.fromDomain());
        ps.setString(i++, d.callerIdPolicy());
        nullable(ps, i++, d.fixedCallerId());
        ps.setInt(i++, d.maxCalls());
        ps.setInt(i++, d.callsPerSecond());
        ps.setString(i++, d.codecs());
        nullable(ps, i++, d.externalMediaAddress());
        ps.setInt(i++, d.rtpTimeout());
        ps.setInt(i++, d.qualifyFrequency());
        return i;
    }

    private static void nullable(PreparedStatement ps, int i, String value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, value);
        }
    }

    private static Trunk read(ResultSet rs) throws SQLException {
        return new Trunk(rs.getLong("id"), rs.getString("name"), rs.getString("host"), rs.getInt("port"), rs.getString("transport"),
                rs.getString("username"), rs.getString("password"), rs.getBoolean("register"), rs.getString("from_domain"),
                rs.getString("caller_id_policy"), rs.getString("fixed_caller_id"), rs.getInt("max_calls"),
                rs.getInt("calls_per_second"), rs.getString("codecs"), rs.getString("external_media_address"),
                rs.getInt("rtp_timeout"), rs.getInt("qualify_frequency"), rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
