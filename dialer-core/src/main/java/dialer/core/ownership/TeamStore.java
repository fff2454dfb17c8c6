package dialer.core.ownership;

import dialer.core.Invalid;
import dialer.core.NotFound;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Teams of agents, in PostgreSQL. Each method runs in the caller's transaction. */
public final class TeamStore {

    /** A team and its agents' ids. */
    public record Team(long id, String name, List<Long> agentIds) {
    }

    private static final String CREATE = "insert into team (name) values (?) returning id";
    private static final String LIST = """
            select t.id, t.name, coalesce(array_agg(a.id order by a.id) filter (where a.id is not null), '{}')
              from team t left join agent a on a.team_id = t.id group by t.id, t.name order by t.id""";
    private static final String SET_AGENT_TEAM = "update agent set team_id = ? where id = ?";
    private static final String EXISTS = "select 1 from team where id = ?";

    public Team create(Connection c, String name) throws SQLException {
        if (name == null || name.isBlank() || name.length() > 80) {
            throw Invalid.of("name", "is required, 1 to 80 characters");
        }
        try (PreparedStatement ps = c.prepareStatement(CREATE)) {
            ps.setString(1, name.trim());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Team(rs.getLong(1), name.trim(), List.of());
            }
        }
    }

    public List<Team> list(Connection c) throws SQLException {
        List<Team> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(LIST); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Long[] agents = (Long[]) rs.getArray(3).getArray();
                out.add(new Team(rs.getLong(1), rs.getString(2), Arrays.asList(agents)));
            }
        }
        return out;
    }

    /** Puts the agent in the team (null: in none). The debtors they own follow them into the new team. */
    public void setAgentTeam(Connection c, long agentId, Long teamId) throws SQLException {
        if (teamId != null) {
            requireTeam(c, teamId, "teamId");
        }
        try (PreparedStatement ps = c.prepareStatement(SET_AGENT_TEAM)) {
            if (teamId == null) {
                ps.setNull(1, Types.BIGINT);
            } else {
                ps.setLong(1, teamId);
            }
            ps.setLong(2, agentId);
            if (ps.executeUpdate() == 0) {
                throw new NotFound("agent " + agentId + " does not exist");
            }
        }
        try (PreparedStatement ps = c.prepareStatement("update debtor set owner_team_id = ? where owner_agent_id = ?")) {
            ps.setObject(1, teamId, Types.BIGINT);
            ps.setLong(2, agentId);
            ps.executeUpdate();
        }
    }

    static void requireTeam(Connection c, long teamId, String field) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(EXISTS)) {
            ps.setLong(1, teamId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw Invalid.of(field, "team " + teamId + " does not exist");
                }
            }
        }
    }
}
