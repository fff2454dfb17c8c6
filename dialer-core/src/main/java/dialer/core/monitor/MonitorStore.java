package dialer.core.monitor;

import dialer.core.NotFound;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Supervisors' phones and campaigns' monitoring settings in PostgreSQL. Each method runs in the caller's transaction. */
public final class MonitorStore {

    static final String PHONE = "select phone from app_user where id = ?";
    static final String SET_PHONE = "update app_user set phone = ? where id = ?";
    static final String SHOWN = "select show_monitoring_to_agent from campaign where id = ?";
    static final String SET_SHOWN = "update campaign set show_monitoring_to_agent = ?, updated_at = now() where id = ?";

    /** The user's phone for listening in, if one is set. */
    public Optional<String> phone(Connection c, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(PHONE)) {
            ps.setLong(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFound("user " + userId);
                }
                return Optional.ofNullable(rs.getString(1));
            }
        }
    }

    public void setPhone(Connection c, long userId, String phone) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SET_PHONE)) {
            ps.setString(1, phone);
            ps.setLong(2, userId);
            if (ps.executeUpdate() == 0) {
                throw new NotFound("user " + userId);
            }
        }
    }

    /** Whether the campaign's agents are shown who listens in to them. */
    public boolean shownToAgent(Connection c, long campaignId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SHOWN)) {
            ps.setLong(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFound("campaign " + campaignId);
                }
                return rs.getBoolean(1);
            }
        }
    }

    public void setShownToAgent(Connection c, long campaignId, boolean shown) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SET_SHOWN)) {
            ps.setBoolean(1, shown);
            ps.setLong(2, campaignId);
            if (ps.executeUpdate() == 0) {
                throw new NotFound("campaign " + campaignId);
            }
        }
    }
}
