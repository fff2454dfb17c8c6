package dialer.core.auth;

import dialer.core.Conflict;
import dialer.core.Invalid;
import dialer.core.NotFound;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Accounts in PostgreSQL. Each method runs in the caller's transaction. */
public final class UserStore {

    static final String CREATE = """
            insert into app_user (username, display_name, password_hash, role, agent_id) values (?, ?, ?, ?, ?)
            on conflict (username) do nothing
            """;

    static final String CLEAR_CAMPAIGNS = """
            delete from user_campaign where user_id = ?
            """;

    static final String ADD_CAMPAIGN = """
            insert into user_campaign (user_id, campaign_id) values (?, ?)
            """;

    static final String SET_PASSWORD = """
            update app_user set password_hash = ? where id = ?
            """;

    static final String END_SESSIONS = """
            delete from user_session where user_id = ?
            """;

    static final String SET_ACTIVE = """
            update app_user set active = ? where id = ?
            """;

    static final String GET = """
            select id, username, display_name, role, agent_id, active,
                   coalesce((select array_agg(campaign_id) from user_campaign uc where uc.user_id = u.id), '{}')
            from app_user u where id = ?
            """;

    static final String CREDENTIALS = """
            select id, password_hash from app_user where username = ? and active
            """;

    static final String ALL_IDS = """
            select id from app_user order by id
            """;

    static final String ANY = """
            select exists (select 1 from app_user)
            """;

    /** An active account's id and password hash, for signing in. */
    public record Credentials(long userId, String passwordHash) {
    }

    /** An account to create, checked. */
    public record Draft(String username, String displayName, String password, Role role, Long agentId, Set<Long> campaigns) {

        public static Draft fromJson(JsonObject json) {
            Invalid.Collector problems = new Invalid.Collector();
            String username = json.getValue("username") instanceof String s ? s.trim().toLowerCase() : null;
            problems.check(username != null && username.matches("[a-z0-9._-]{3,40}"), "username",
                    "is required: 3-40 lower-case letters, digits, '.', '_' or '-'");
            String name = json.getValue("displayName") instanceof String s ? s.trim() : null;
            problems.check(name != null && !name.isEmpty() && name.length() <= 100, "displayName", "is required, at most 100 characters");
            String password = json.getValue("password") instanceof String s ? s : null;
            String weak = Passwords.weakness(password);
            problems.check(weak == null, "password", weak);
            Role role = null;
            try {
                role = Role.valueOf(String.valueOf(json.getValue("role")).toUpperCase());
            } catch (IllegalArgumentException e) {
                problems.add("role", "must be AGENT, SUPERVISOR or ADMIN");
            }
            Long agent = json.getValue("agentId") instanceof Number n ? n.longValue() : null;
            problems.check(role != Role.AGENT || agent != null, "agentId", "is required for an agent's account");
            Set<Long> campaigns = new HashSet<>();
            if (json.getValue("campaigns") instanceof JsonArray a) {
                for (Object o : a) {
                    if (o instanceof Number n) {
                        campaigns.add(n.longValue());
                    } else {
                        problems.add("campaigns", "must be campaign ids");
                    }
                }
            }
            problems.throwIfAny();
            return new Draft(username, name, password, role, role == Role.AGENT ? agent : null, campaigns);
        }
    }

    public User create(Connection c, Draft d) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement(CREATE, Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, d.username());
            ps.setString(2, d.displayName());
            ps.setString(3, Passwords.hash(d.password()));
            ps.setString(4, d.role().name());
            ps.setObject(5, d.agentId());
            if (ps.executeUpdate() == 0) {
                throw new Conflict("user name '" + dialer.core.Masked.excerpt(d.username()) + "' is taken");
            }
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new Conflict("agent " + d.agentId() + " already has an account");
            }
            if ("23503".equals(e.getSQLState())) {
                throw Invalid.of("agentId", "no agent " + d.agentId());
            }
            throw e;
        }
        setCampaigns(c, id, d.campaigns());
        return get(c, id);
    }

    public void setCampaigns(Connection c, long userId, Set<Long> campaigns) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CLEAR_CAMPAIGNS)) {
            ps.setLong(1, userId);
            ps.executeUpdate();
        }
        for (long campaign : campaigns) {
            try (PreparedStatement ps = c.prepareStatement(ADD_CAMPAIGN)) {
                ps.setLong(1, userId);
                ps.setLong(2, campaign);
                ps.executeUpdate();
            } catch (SQLException e) {
                if ("23503".equals(e.getSQLState())) {
                    throw Invalid.of("campaigns", "no campaign " + campaign);
                }
                throw e;
            }
        }
    }

    public void setPassword(Connection c, long userId, String password) throws SQLException {
        String weak = Passwords.weakness(password);
        if (weak != null) {
            throw Invalid.of("password", weak);
        }
        try (PreparedStatement ps = c.prepareStatement(SET_PASSWORD)) {
            ps.setString(1, Passwords.hash(password));
            ps.setLong(2, userId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(END_SESSIONS)) {
            ps.setLong(1, userId);
            ps.executeUpdate();
        }
    }

    public void setActive(Connection c, long userId, boolean active) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SET_ACTIVE)) {
            ps.setBoolean(1, active);
            ps.setLong(2, userId);
            if (ps.executeUpdate() == 0) {
                throw new NotFound("user " + userId);
            }
        }
        if (!active) {
            try (PreparedStatement ps = c.prepareStatement(END_SESSIONS)) {
                ps.setLong(1, userId);
                ps.executeUpdate();
            }
        }
    }

    public User get(Connection c, long id) throws SQLException {
        return find(c, id).orElseThrow(() -> new NotFound("user " + id));
    }

    /**
     * The active account's id and password hash, as {id, hash}. Kept for {@code DemoSetup}, which reads it so;
     * {@link #credentials} says the same with names.
     */
    public Optional<Object[]> withHash(Connection c, String username) throws SQLException {
        return credentials(c, username).map(a -> new Object[] {a.userId(), a.passwordHash()});
    }

    /** The active account's id and password hash, for signing in. */
    public Optional<Credentials> credentials(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CREDENTIALS)) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Credentials(rs.getLong(1), rs.getString(2)));
            }
        }
    }

    public List<User> list(Connection c) throws SQLException {
        List<User> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(ALL_IDS);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(get(c, rs.getLong(1)));
            }
        }
        return out;
    }

    public boolean any(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ANY); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private Optional<User> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(GET)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new User(rs.getLong(1), rs.getString(2), rs.getString(3), Role.valueOf(rs.getString(4)),
                        rs.getObject(5) == null ? null : rs.getLong(5), new HashSet<>(List.of((Long[]) rs.getArray(7).getArray())),
                        rs.getBoolean(6)));
            }
        }
    }
}
