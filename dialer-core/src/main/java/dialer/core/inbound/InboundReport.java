package dialer.core.inbound;

import dialer.core.report.AbandonmentStats;
import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * A blended campaign's two promises over a window, side by side: the inbound service level (this
 * share of callers answered within this many seconds) and the outbound abandonment rate.
 *
 * <p>Service level = callers answered within the target / (callers offered - callers who hung up
 * within the target), the usual contact-center definition: a caller who gives up in the first
 * seconds was never really offered. Waits are from the pickup (the caller on hold) to the agent's
 * conference; callers still waiting count as offered once they have waited past the target.
 */
public final class InboundReport {

    static final String SQL = """
            select count(*) filter (where a.state = 'ENDED' or a.connected_at is not null
                                      or a.answered_at < ?::timestamptz - make_interval(secs => ?)),
                   count(a.connected_at),
                   count(*) filter (where a.connect_ms <= ? * 1000),
                   count(*) filter (where d.code = 'INBOUND_HUNG_UP'),
                   count(*) filter (where d.code = 'INBOUND_HUNG_UP' and a.ended_at - a.answered_at <= make_interval(secs => ?)),
                   count(*) filter (where d.code = 'INBOUND_MISSED'),
                   coalesce(avg(a.connect_ms), 0), coalesce(max(a.connect_ms), 0)
            from call_attempt a left join disposition d on d.attempt_id = a.id
            where a.campaign_id = ? and a.direction = 'INBOUND' and a.originated_at >= ? and a.originated_at < ?
              and a.answered_at is not null""";

    public record Figures(long offered, long answered, long answeredInTarget, long hungUpWaiting, long hungUpInTarget,
                          long missed, double averageWaitMillis, long longestWaitMillis) {

        /** The service level as defined above; 1 when nobody was offered. */
        public double serviceLevel() {
            long counted = offered - hungUpInTarget;
            return counted <= 0 ? 1.0 : (double) answeredInTarget / counted;
        }
    }

    public Figures figures(Connection c, long campaignId, int targetSeconds, Instant from, Instant to, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setInt(2, targetSeconds);
            ps.setInt(3, targetSeconds);
            ps.setInt(4, targetSeconds);
            ps.setLong(5, campaignId);
            ps.setTimestamp(6, Timestamp.from(from));
            ps.setTimestamp(7, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Figures(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                        rs.getDouble(7), rs.getLong(8));
            }
        }
    }

    /** The report: the inbound figures against the campaign's target, and the outbound abandonment over the same window. */
    public JsonObject report(Connection c, long campaignId, InboundSetting setting, double abandonCap, Instant from, Instant to,
                             Instant now) throws SQLException {
        Figures f = figures(c, campaignId, setting.serviceLevelSeconds(), from, to, now);
        AbandonmentStats.Window out = new AbandonmentStats().window(c, campaignId, from, to);
        double target = setting.serviceLevelPercent() / 100.0;
        return new JsonObject()
                .put("campaignId", campaignId).put("from", from.toString()).put("to", to.toString())
                .put("inbound", new JsonObject()
                        .put("accepts", setting.accepts())
                        .put("offered", f.offered()).put("answered", f.answered())
                        .put("answeredWithinTarget", f.answeredInTarget())
                        .put("hungUpWaiting", f.hungUpWaiting()).put("missed", f.missed())
                        .put("averageWaitMs", Math.round(f.averageWaitMillis())).put("longestWaitMs", f.longestWaitMillis())
                        .put("serviceLevel", f.serviceLevel())
                        .put("target", new JsonObject().put("share", target).put("withinSeconds", setting.serviceLevelSeconds()))
                        .put("met", f.serviceLevel() >= target))
                .put("outbound", new JsonObject()
                        .put("liveAnswered", out.liveAnswered()).put("abandoned", out.abandoned())
                        .put("abandonmentRate", out.rate()).put("cap", abandonCap)
                        .put("withinCap", out.rate() <= abandonCap));
    }
}
