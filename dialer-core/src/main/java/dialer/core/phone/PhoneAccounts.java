package dialer.core.phone;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Agents' SIP accounts in PostgreSQL (table agent_phone). Each method runs in the caller's transaction. */
public final class PhoneAccounts {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] PASSWORD_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

    private static final String SELECT_SQL = """
            select p.agent_id, p.phone_type, p.sip_username, p.sip_password, a.pbx
            from agent_phone p join agent a on a.id = p.agent_id""";

    /** A new account for the agent, with a random 24-character password. */
    public PhoneAccount create(Connection c, long agentId, String extension, PhoneType type) throws SQLException {
        if (!type.hasAccount()) {
            throw new IllegalArgumentException(type + " phones have no account");
        }
        String username = PhoneAccount.usernameFor(extension);
        try (PreparedStatement ps = c.prepareStatement(
                "insert into agent_phone (agent_id, phone_type, sip_username, sip_password) values (?,?,?,?)")) {
            ps.setLong(1, agentId);
            ps.setString(2, type.name());
            ps.setString(3, username);
            ps.setString(4, password());
            ps.executeUpdate();
        }
        return ofAgent(c, agentId).orElseThrow();
    }

    public Optional<PhoneAccount> ofAgent(Connection c, long agentId) throws SQLException {
        List<PhoneAccount> found = query(c, SELECT_SQL + " where p.agent_id = ?", agentId);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Every account whose agent is on this PBX, in the order they were made. */
    public List<PhoneAccount> onPbx(Connection c, String pbx) throws SQLException {
        return query(c, SELECT_SQL + " where a.pbx = ? order by p.agent_id", pbx);
    }

    /** Every account, by agent. */
    public Map<Long, PhoneAccount> byAgent(Connection c) throws SQLException {
        Map<Long, PhoneAccount> all = new HashMap<>();
        for (PhoneAccount a : query(c, SELECT_SQL, null)) {
            all.put(a.agentId(), a);
        }
        return all;
    }

    private static List<PhoneAccount> query(Connection c, String sql, Object parameter) throws SQLException {
        List<PhoneAccount> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (parameter != null) {
                ps.setObject(1, parameter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new PhoneAccount(rs.getLong("agent_id"), PhoneType.valueOf(rs.getString("phone_type")),
                            rs.getString("sip_username"), rs.getString("sip_password"), rs.getString("pbx")));
                }
            }
        }
        return out;
    }

    static String password() {
        char[] out = new char[24];
        for (int i = 0; i < out.length; i++) {
            out[i] = PASSWORD_CHARS[RANDOM.nextInt(PASSWORD_CHARS.length)];
        }
        return new String(out);
    }
}
