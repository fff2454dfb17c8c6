package dialer.core.live;

import dialer.core.campaign.Campaign;
import dialer.core.report.AbandonmentStats;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A campaign's figures from the database, for the supervisor and for Prometheus: abandonment
 * today and over 30 days against its cap, today's contact and right-party rates, today's promises
 * (count and amount), today's compliance blocks by rule, and the last hour minute by minute.
 * "Today" is the campaign's calendar day (its schedule's zone, else UTC). The 30-day figure is
 * made of the days before today, recomputed at most every {@link #SLOW_REFRESH} (it reads a month
 * of attempts), and today, read each time.
 */
public final class CampaignFigures {

    static final Duration SLOW_REFRESH = Duration.ofSeconds(30);

    private record Cached(JsonObject value, Instant at) {
    }

    private final AbandonmentStats abandonment = new AbandonmentStats();
    private final Map<Long, Cached> rolling = new ConcurrentHashMap<>();

    public JsonObject of(Connection c, Campaign campaign, Instant now) throws SQLException {
        ZoneId zone = campaign.calendarZone();
        Instant startOfDay = now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
        // the 30 days are the days before today (read again every SLOW_REFRESH) plus today (read now)
        Cached cached = rolling.get(campaign.id());
        if (cached == null || cached.at().plus(SLOW_REFRESH).isBefore(now) || !cached.value().getString("until")
                .equals(startOfDay.toString())) {
            cached = new Cached(abandonment.window(c, campaign.id(), now.minus(Duration.ofDays(30)), startOfDay)
                    .put("until", startOfDay.toString()), now);
            rolling.put(campaign.id(), cached);
        }
        JsonObject today = abandonment.window(c, campaign.id(), startOfDay, now).put("zone", zone.getId());
        long answered = cached.value().getLong("liveAnswered") + today.getLong("liveAnswered");
        long abandoned = cached.value().getLong("abandoned") + today.getLong("abandoned");
        JsonObject abandon = new JsonObject().put("cap", campaign.maxAbandonRate().doubleValue()).put("today", today)
                .put("rolling30Days", new JsonObject().put("liveAnswered", answered).put("abandoned", abandoned)
                        .put("rate", answered == 0 ? 0.0 : (double) abandoned / answered));
        return new JsonObject()
                .put("zone", zone.getId())
                .put("abandonment", abandon)
                .put("today", today(c, campaign.id(), startOfDay, now))
                .put("complianceBlocks", blocks(c, campaign.id(), startOfDay))
                .put("lastHour", lastHour(c, campaign.id(), now));
    }

    /** Calls placed today, contacts and right-party contacts among them, promises made. */
    private static JsonObject today(Connection c, long campaignId, Instant from, Instant now) throws SQLException {
        JsonObject out = new JsonObject();
        try (PreparedStatement ps = c.prepareStatement("select count(*), "
                + "count(*) filter (where " + AbandonmentStats.LIVE_ANSWERED + "), "
                + "count(*) filter (where cd.is_contact), count(*) filter (where cd.is_right_party) "
                + "from call_attempt a left join disposition d on d.attempt_id = a.id "
                + "left join campaign_disposition cd on cd.campaign_id = d.campaign_id and cd.code = d.code "
                + "where a.campaign_id = ? and a.originated_at >= ? and a.originated_at < ?")) {
            ps.setLong(1, campaignId);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long placed = rs.getLong(1);
                long contacts = rs.getLong(3);
                long rightParty = rs.getLong(4);
                out.put("placed", placed).put("liveAnswered", rs.getLong(2)).put("contacts", contacts)
                        .put("rightPartyContacts", rightParty)
                        .put("contactRate", placed == 0 ? 0.0 : (double) contacts / placed)
                        .put("rightPartyRate", placed == 0 ? 0.0 : (double) rightParty / placed);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("select count(*), coalesce(sum(amount), 0) from promise "
                + "where campaign_id = ? and created_at >= ? and status <> 'CANCELLED'")) {
            ps.setLong(1, campaignId);
            ps.setTimestamp(2, Timestamp.from(from));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                out.put("promises", rs.getLong(1)).put("promisedAmount", rs.getBigDecimal(2).toPlainString());
            }
        }
        return out;
    }

    private static JsonArray blocks(Connection c, long campaignId, Instant from) throws SQLException {
        JsonArray out = new JsonArray();
        try (PreparedStatement ps = c.prepareStatement("select r, count(*) from compliance.decision, unnest(failed_rules) r "
                + "where campaign_id = ? and decided_at >= ? and verdict = 'BLOCK' group by r order by count(*) desc, r")) {
            ps.setString(1, "campaign-" + campaignId);
            ps.setTimestamp(2, Timestamp.from(from));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new JsonObject().put("rule", rs.getString(1)).put("count", rs.getLong(2)));
                }
            }
        }
        return out;
    }

    /** The last 60 minutes, one row a minute (quiet minutes too): placed, connected, abandoned, promises. */
    private static JsonArray lastHour(Connection c, long campaignId, Instant now) throws SQLException {
        Instant end = now.truncatedTo(ChronoUnit.MINUTES);
        Instant start = end.minus(Duration.ofMinutes(59));
        Map<Instant, long[]> minutes = new LinkedHashMap<>();
        for (Instant m = start; !m.isAfter(end); m = m.plus(Duration.ofMinutes(1))) {
            minutes.put(m, new long[4]);
        }
        try (PreparedStatement ps = c.prepareStatement("select date_trunc('minute', a.originated_at), count(*), "
                + "count(a.connected_at), count(*) filter (where " + AbandonmentStats.ABANDONED + ") from call_attempt a "
                + "left join disposition d on d.attempt_id = a.id where a.campaign_id = ? and a.originated_at >= ? "
                + "group by 1")) {
            ps.setLong(1, campaignId);
            ps.setTimestamp(2, Timestamp.from(start));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long[] row = minutes.get(rs.getTimestamp(1).toInstant());
                    if (row != null) {
                        row[0] = rs.getLong(2);
                        row[1] = rs.getLong(3);
                        row[2] = rs.getLong(4);
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("select date_trunc('minute', created_at), count(*) from promise "
                + "where campaign_id = ? and created_at >= ? group by 1")) {
            ps.setLong(1, campaignId);
            ps.setTimestamp(2, Timestamp.from(start));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long[] row = minutes.get(rs.getTimestamp(1).toInstant());
                    if (row != null) {
                        row[3] = rs.getLong(2);
                    }
                }
            }
        }
        JsonArray out = new JsonArray();
        minutes.forEach((minute, row) -> out.add(new JsonObject().put("minute", minute.toString()).put("placed", row[0])
                .put("connected", row[1]).put("abandoned", row[2]).put("promises", row[3])));
        return out;
    }
}
