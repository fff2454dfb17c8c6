package dialer.core.report;

import dialer.pacing.estimate.Tally;

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
    public static final String LIVE_ANSWERED = "(a.direction = 'OUTBOUND' and a.outcome in ('ANSWERED_HUMAN', 'ABANDONED'))";
    /**
     * SQL over {@code call_attempt a left join disposition d}: the person got no agent in time, counted from
     * the moment the dialplan gave up (before the safe-harbor message has ended and the disposition is written).
     */
    public static final String ABANDONED = "(d.code = 'ABANDONED' or a.abandoned_at is not null)";

    /** People who answered and how many of them were abandoned, over [from, to). */
    static final String WINDOW = """
            select count(*) filter (where %s), count(*) filter (where %s)
            from call_attempt a left join disposition d on d.attempt_id = a.id
            where a.campaign_id = ? and a.originated_at >= ? and a.originated_at < ?
            """.formatted(LIVE_ANSWERED, ABANDONED);

    /** Per quarter hour: calls placed, live answers resolved (connected, abandoned or ended), abandons. */
    static final String QUARTER_HOURS = """
            select floor(extract(epoch from a.originated_at) / 900)::bigint, count(*),
                   count(*) filter (where %s and (%s or a.connected_at is not null or a.state = 'ENDED')),
                   count(*) filter (where %s)
            from call_attempt a left join disposition d on d.attempt_id = a.id
            where a.campaign_id = ? and a.originated_at >= ? and a.originated_at < ?
            group by 1 order by 1
            """.formatted(LIVE_ANSWERED, ABANDONED, ABANDONED);

    /** Counts of one quarter hour, by when the calls were placed. */
    public record QuarterHour(Instant start, Tally counts) {
    }

    /** People who answered over a window, and how many of them got no agent in time. */
    public record Window(long liveAnswered, long abandoned) {

        /** The abandoned share of the live answers; 0 when nobody answered. */
        public double rate() {
            return liveAnswered == 0 ? 0.0 : (double) abandoned / liveAnswered;
        }
    }

    /**
     * Abandonment against the cap: today (in {@code zone}) and the rolling 30 days, with the share of
     * answering people the campaign expects machine detection to take for machines ({@code
     * amdFalsePositiveRate}: hung up on, so abandoned for the regulator, though the dialer never sees it).
     */
    public record Abandonment(double cap, Window today, ZoneId zone, Window rolling30Days, double amdFalsePositiveRate) {

        public Abandonment(double cap, Window today, ZoneId zone, Window rolling30Days) {
            this(cap, today, zone, rolling30Days, 0);
        }

        /**
         * A window's abandonment as the regulator would likely count it: of every person who answered
         * (those seen live and those taken for machines), the ones abandoned plus the false positives,
         * f + (1 - f) x the rate seen.
         */
        public double withAmdFalsePositives(Window w) {
            return amdFalsePositiveRate + (1 - amdFalsePositiveRate) * w.rate();
        }
    }

    public Abandonment of(Connection c, long campaignId, BigDecimal cap, ZoneId zone, Instant now) throws SQLException {
        return of(c, campaignId, cap, zone, now, BigDecimal.ZERO);
    }

    public Abandonment of(Connection c, long campaignId, BigDecimal cap, ZoneId zone, Instant now, BigDecimal amdFalsePositiveRate)
            throws SQLException {
        Instant startOfDay = now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
        return new Abandonment(cap.doubleValue(), window(c, campaignId, startOfDay, now), zone,
                window(c, campaignId, now.minus(Duration.ofDays(30)), now), amdFalsePositiveRate.doubleValue());
    }

    /** People who answered in [from, to) and how many of them were abandoned. */
    public Window window(Connection c, long campaignId, Instant from, Instant to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(WINDOW)) {
            ps.setLong(1, campaignId);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Window(rs.getLong(1), rs.getLong(2));
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
        try (PreparedStatement ps = c.prepareStatement(QUARTER_HOURS)) {
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
