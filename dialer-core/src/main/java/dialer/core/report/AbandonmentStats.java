package dialer.core.report;

import dialer.pacing.estimate.Tally;
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
import java.util.ArrayList;
import java.util.List;

/**
 * A campaign's measured abandonment over the regulators' windows: today (the calendar day, UK)
 * and the rolling 30 days (US): people who answered, how many of them got no agent in time,
 * the rate, and the campaign's cap. Counted from the stored attempts, so it holds across
 * restarts and nodes.
 */
public final class AbandonmentStats {

    /** SQL over {@code call_attempt a}: a person answered (and was connected, or abandoned). */
    public static final String LIVE_ANSWERED = "a.outcome in ('ANSWERED_HUMAN', 'ABANDONED')";
    /**
     * SQL over {@code call_attempt a left join disposition d}: the person got no agent in time, counted from
     * the moment the dialplan gave up (before the safe-harbor message has ended and the disposition is written).
     */
    public static final String ABANDONED = "(d.code = 'ABANDONED' or a.abandoned_at is not null)";

    /** Counts of one quarter hour, by when the calls were placed. */
    public record QuarterHour(Instant start, Tally counts) {
    }

    public JsonObject of(Connection c, long campaignId, BigDecimal cap, ZoneId zone, Instant now) throws SQLException {
        Instant startOfDay = now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
        return new JsonObject()
                .put("cap", cap.doubleValue())
                .put("today", this.window(c, campaignId, startOfDay, now).put("zone", zone.getId()))
                .put("rolling30Days", this.window(c, campaignId, now.minus(Duration.ofDays(30)), now));
    }

    /** People who answered in [from, to), how many of them were abandoned, and the rate. */
    public JsonObject window(Connection c, long campaignId, Instant from, Instant to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(*) filter (where " + LIVE_ANSWERED + "), "
                + "count(*) filter (where " + ABANDONED + ") from call_attempt a left join disposition d on d.attempt_id = a.id "
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

    /**
     * Calls placed, live answers resolved and abandons in [from, to), per quarter hour: what a pacer that
     * starts afresh (a restart, the campaign started again) needs to keep the regulators' windows whole.
     * A live answer still waiting for an agent is left out: the pacer counts it when it resolves.
     */
    public List<QuarterHour> quarterHours(Connection c, long campaignId, Instant from, Instant to) throws SQLException {
        List<QuarterHour> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select floor(extract(epoch from a.originated_at) / 900)::bigint, "
                + "count(*), count(*) filter (where " + LIVE_ANSWERED + " and (" + ABANDONED
                + " or a.connected_at is not null or a.state = 'ENDED')), count(*) filter (where " + ABANDONED + ") "
                + "from call_attempt a left join disposition d on d.attempt_id = a.id "
                + "where a.campaign_id = ? and a.originated_at >= ? and a.originated_at < ? group by 1 order by 1")) {
            ps.setLong(1, campaignId);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new QuarterHour(Instant.ofEpochSecond(rs.getLong(1) * 900),
                            new Tally(rs.getLong(2), rs.getLong(3), Math.min(rs.getLong(3), rs.getLong(4)))));
                }
            }
        }
        return out;
    }
}
