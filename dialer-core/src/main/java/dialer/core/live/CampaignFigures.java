package dialer.core.live;

import dialer.core.campaign.Campaign;
import dialer.core.report.AbandonmentStats;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    /** Calls placed today, live answers, contacts and right-party contacts among them. */
    static final String CALLS_TODAY = """
            select count(*), count(*) filter (where %s), count(*) filter (where cd.is_contact),
                   count(*) filter (where cd.is_right_party)
            from call_attempt a
            left join disposition d on d.attempt_id = a.id
            left join campaign_disposition cd on cd.campaign_id = d.campaign_id and cd.code = d.code
            where a.campaign_id = ? and a.originated_at >= ? and a.originated_at < ?
              and a.outcome is distinct from 'NOT_DIALED' and a.outcome is distinct from 'TRUNK_FAILURE' and a.direction = 'OUTBOUND'
            """.formatted(AbandonmentStats.LIVE_ANSWERED);

    static final String CONNECTS_TODAY = """
            select count(connect_ms), percentile_disc(0.5) within group (order by connect_ms),
                   percentile_disc(0.99) within group (order by connect_ms), max(connect_ms),
                   count(*) filter (where connect_ms > ?)
            from call_attempt
            where campaign_id = ? and originated_at >= ? and originated_at < ? and connect_ms is not null
              and direction = 'OUTBOUND'
            """;

    static final String PROMISES_TODAY = """
            select count(*), coalesce(sum(amount), 0) from promise
            where campaign_id = ? and created_at >= ? and status <> 'CANCELLED'
            """;

    /** The guard's blocks since a moment, by rule, most frequent first. */
    static final String BLOCKS = """
            select r, count(*) from compliance.decision, unnest(failed_rules) r
            where campaign_id = ? and decided_at >= ? and verdict = 'BLOCK'
            group by r order by count(*) desc, r
            """;

    static final String CALLS_BY_MINUTE = """
            select date_trunc('minute', a.originated_at), count(*), count(a.connected_at), count(*) filter (where %s)
            from call_attempt a left join disposition d on d.attempt_id = a.id
            where a.campaign_id = ? and a.originated_at >= ? and a.outcome is distinct from 'NOT_DIALED' and a.outcome is distinct from 'TRUNK_FAILURE'
              and a.direction = 'OUTBOUND'
            group by 1
            """.formatted(AbandonmentStats.ABANDONED);

    static final String PROMISES_BY_MINUTE = """
            select date_trunc('minute', created_at), count(*) from promise
            where campaign_id = ? and created_at >= ?
            group by 1
            """;

    /** The figures of one campaign; {@code zone} is its calendar zone. */
    public record Figures(ZoneId zone, AbandonmentStats.Abandonment abandonment, Today today, ConnectDelays connects,
                          List<Block> complianceBlocks, List<Minute> lastHour) {
    }

    /**
     * Today's connected people: how long each waited from the dialplan's detection to their agent's
     * conference, in milliseconds (p50, p99 and max; 0 when none), and how many waited longer than
     * the regulators' 2 seconds.
     */
    public record ConnectDelays(long connected, long p50, long p99, long max, long overTwoSeconds) {
        public static final long TWO_SECONDS = 2000;
    }

    /** Calls placed today, contacts and right-party contacts among them, promises made. */
    public record Today(long placed, long liveAnswered, long contacts, long rightPartyContacts, long promises,
                        BigDecimal promisedAmount) {

        public double contactRate() {
            return placed == 0 ? 0.0 : (double) contacts / placed;
        }

        public double rightPartyRate() {
            return placed == 0 ? 0.0 : (double) rightPartyContacts / placed;
        }
    }

    /** How many calls a rule of the guard blocked today. */
    public record Block(String rule, long count) {
    }

    /** One minute of the last hour. */
    public record Minute(Instant minute, long placed, long connected, long abandoned, long promises) {
    }

    /** The days before today of the 30-day window, as read at {@code at}. */
    private record Cached(AbandonmentStats.Window value, Instant until, Instant at) {
    }

    private final AbandonmentStats abandonment = new AbandonmentStats();
    private final Map<Long, Cached> rolling = new ConcurrentHashMap<>();

    public Figures of(Connection c, Campaign campaign, Instant now) throws SQLException {
        ZoneId zone = campaign.calendarZone();
        Instant startOfDay = startOfDay(campaign, now);
        // the 30 days are the days before today (read again every SLOW_REFRESH) plus today (read now)
        Cached cached = rolling.get(campaign.id());
        if (cached == null || cached.at().plus(SLOW_REFRESH).isBefore(now) || !cached.until().equals(startOfDay)) {
            cached = new Cached(abandonment.window(c, campaign.id(), now.minus(Duration.ofDays(30)), startOfDay), startOfDay, now);
            rolling.put(campaign.id(), cached);
        }
        AbandonmentStats.Window today = abandonment.window(c, campaign.id(), startOfDay, now);
        AbandonmentStats.Window rolling30Days = new AbandonmentStats.Window(
                cached.value().liveAnswered() + today.liveAnswered(), cached.value().abandoned() + today.abandoned());
        return new Figures(zone,
                new AbandonmentStats.Abandonment(campaign.maxAbandonRate().doubleValue(), today, zone, rolling30Days,
                        campaign.detectMachines() ? campaign.amdFalsePositiveRate().doubleValue() : 0),
                today(c, campaign.id(), startOfDay, now), connects(c, campaign.id(), startOfDay, now),
                blocks(c, campaign.id(), startOfDay), lastHour(c, campaign.id(), now));
    }

    private static Today today(Connection c, long campaignId, Instant from, Instant now) throws SQLException {
        long placed;
        long liveAnswered;
        long contacts;
        long rightParty;
        try (PreparedStatement ps = c.prepareStatement(CALLS_TODAY)) {
            ps.setLong(1, campaignId);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                placed = rs.getLong(1);
                liveAnswered = rs.getLong(2);
                contacts = rs.getLong(3);
                rightParty = rs.getLong(4);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(PROMISES_TODAY)) {
            ps.setLong(1, campaignId);
            ps.setTimestamp(2, Timestamp.from(from));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Today(placed, liveAnswered, contacts, rightParty, rs.getLong(1), rs.getBigDecimal(2));
            }
        }
    }

    /** Today's connect delays of a campaign (its calendar day), as the dashboard shows them. */
    public static ConnectDelays connectsToday(Connection c, Campaign campaign, Instant now) throws SQLException {
        return connects(c, campaign.id(), startOfDay(campaign, now), now);
    }

    /** The start of the campaign's calendar day that holds {@code now}. */
    private static Instant startOfDay(Campaign campaign, Instant now) {
        ZoneId zone = campaign.calendarZone();
        return now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
    }

    private static ConnectDelays connects(Connection c, long campaignId, Instant from, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CONNECTS_TODAY)) {
            ps.setLong(1, ConnectDelays.TWO_SECONDS);
            ps.setLong(2, campaignId);
            ps.setTimestamp(3, Timestamp.from(from));
            ps.setTimestamp(4, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new ConnectDelays(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
            }
        }
    }

    private static List<Block> blocks(Connection c, long campaignId, Instant from) throws SQLException {
        List<Block> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(BLOCKS)) {
            ps.setString(1, "campaign-" + campaignId);
            ps.setTimestamp(2, Timestamp.from(from));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Block(rs.getString(1), rs.getLong(2)));
                }
            }
        }
        return out;
    }

    /** The last 60 minutes, one row a minute (quiet minutes too): placed, connected, abandoned, promises. */
    private static List<Minute> lastHour(Connection c, long campaignId, Instant now) throws SQLException {
        Instant end = now.truncatedTo(ChronoUnit.MINUTES);
        Instant start = end.minus(Duration.ofMinutes(59));
        Map<Instant, long[]> minutes = new LinkedHashMap<>();
        for (Instant m = start; !m.isAfter(end); m = m.plus(Duration.ofMinutes(1))) {
            minutes.put(m, new long[4]);
        }
        try (PreparedStatement ps = c.prepareStatement(CALLS_BY_MINUTE)) {
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
        try (PreparedStatement ps = c.prepareStatement(PROMISES_BY_MINUTE)) {
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
        List<Minute> out = new ArrayList<>();
        minutes.forEach((minute, row) -> out.add(new Minute(minute, row[0], row[1], row[2], row[3])));
        return out;
    }
}
