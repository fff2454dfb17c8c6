package dialer.core.report;

import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A campaign's measured abandonment over the regulators' windows: today (the calendar day, UK)
 * and the rolling 30 days (US): people who answered, how many of them got no agent in time,
 * the rate, and the campaign's cap. Counted from the stored attempts, so it holds across
 * restarts and nodes.
 */
public final class AbandonmentStats {

    public JsonObject of(Connection c, long campaignId, BigDecimal cap, ZoneId zone, Instant now) throws SQLException {
        Instant startOfDay = now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
        return new JsonObject()
                .put("cap", cap.doubleValue())
                .put("today", this.window(c, campaignId, startOfDay, now).put("zone", zone.getId()))
                .put("rolling30Days", this.window(c, campaignId, now.minus(Duration.ofDays(30)), now));
    }

    /** People who answered in [from, to), how many of them were abandoned, and the rate. */
    public JsonObject window(Connection c, long campaignId, Instant from, Instant to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(*) filter (where a.outcome in ('ANSWERED_HUMAN', 'ABANDONED')), "
                + "count(*) filter (where d.code = 'ABANDONED' or a.abandoned_at is not null) from call_attempt a left join disposition d on d.attempt_id = a.id "
                + "where a.campaign_id = ? and a.originated_at >= ? and a.originated_at < ?")) {
            ps.setLong(1, campaignId);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long answered = rs.getLong(1);
                long abandoned = rs.getLong(2);
                return new JsonObject().put("liveAnswered", answered).put("abandoned", abandoned)
                        .put("rate", answered == 0 ? 0.0 : (double) abandoned / answered);
            }
        }
    }
}
