package dialer.core.agent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Agents' sessions as their node last wrote them (table agent_session): what a node restarted
 * after a crash needs to take its agents back. A row is written with a version; an older version
 * never overwrites a newer one.
 */
public final class SessionStore {

    /** One agent's session: {@code pauseReason} null means ready (or ready after the call in hand). */
    public record SavedSession(long agentId, String node, long campaignId, String legCallId, String pauseReason, boolean ended,
                               long version) {
    }

    private static final String SAVE = """
            insert into agent_session (agent_id, node, campaign_id, leg_call_id, pause_reason, ended, version, updated_at)
            values (?,?,?,?,?,?,?,?)
            on conflict (agent_id) do update set node = excluded.node, campaign_id = excluded.campaign_id,
                   leg_call_id = excluded.leg_call_id, pause_reason = excluded.pause_reason, ended = excluded.ended,
                   version = excluded.version, updated_at = excluded.updated_at
             where agent_session.version < excluded.version""";

    private static final String OF_NODE = """
            select agent_id, node, campaign_id, leg_call_id, pause_reason, ended, version
              from agent_session where node = ? and not ended order by agent_id""";

    private static final String LATEST_VERSION = "select coalesce(max(version), 0) from agent_session";

    public void save(Connection c, SavedSession s, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SAVE)) {
            ps.setLong(1, s.agentId());
            ps.setString(2, s.node());
            ps.setLong(3, s.campaignId());
            ps.setString(4, s.legCallId());
            ps.setString(5, s.pauseReason());
            ps.setBoolean(6, s.ended());
            ps.setLong(7, s.version());
            ps.setTimestamp(8, Timestamp.from(at));
            ps.executeUpdate();
        }
    }

    public List<SavedSession> ofNode(Connection c, String node) throws SQLException {
        List<SavedSession> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(OF_NODE)) {
            ps.setString(1, node);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SavedSession(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                            rs.getBoolean(6), rs.getLong(7)));
                }
            }
        }
        return out;
    }

    /** The highest version written by any node: a restarted node's writes continue above it. */
    public long latestVersion(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LATEST_VERSION); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
