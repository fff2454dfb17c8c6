package dialer.core.portrait;

import dialer.core.NotFound;
import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** A campaign's segment rules, stored with the campaign ({@code campaign.segment_rules}; null: the defaults). */
public final class SegmentRulesStore {

    /** The rules in force and whether they are the campaign's own. */
    public record Stored(long campaignId, SegmentRules rules, boolean custom) {
    }

    public Stored get(Connection c, long campaignId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(PortraitReader.RULES)) {
            ps.setLong(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFound("campaign " + campaignId);
                }
                String json = rs.getString(1);
                return json == null ? new Stored(campaignId, SegmentRules.defaults(), false)
                        : new Stored(campaignId, SegmentRules.fromJson(new JsonObject(json)), true);
            }
        }
    }

    /** Stores the rules (all fields, defaults filled in); null goes back to the defaults. */
    public void put(Connection c, long campaignId, SegmentRules rules) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update campaign set segment_rules = ?::jsonb where id = ?")) {
            ps.setString(1, rules == null ? null : rules.toJson().encode());
            ps.setLong(2, campaignId);
            if (ps.executeUpdate() == 0) {
                throw new NotFound("campaign " + campaignId);
            }
        }
    }
}
