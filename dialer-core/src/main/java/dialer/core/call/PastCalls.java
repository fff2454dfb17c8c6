package dialer.core.call;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A campaign's recent paced calls as stored, with the times its pacer learns from (dialed,
 * answered, connected, ended, disposed): replayed into a run that starts afresh so that a restart
 * or a stop and start costs no cold start when the campaign was dialing a moment ago.
 */
public final class PastCalls {

    /**
     * One ended call. {@code outcome} as stored (a {@code CallOutcome} name, or ABANDONED);
     * {@code disposedAt} when an agent's disposition was written, null for a system one.
     */
    public record PastCall(Instant originatedAt, String outcome, Instant answeredAt, Instant connectedAt, Instant endedAt,
                           Instant disposedAt) {
    }

    private static final String RECENT_PACED = """
            select a.originated_at, a.outcome, a.answered_at, a.connected_at, a.ended_at,
                   case when coalesce(cd.kind, dc.kind) = 'AGENT' then d.created_at end
              from call_attempt a
              left join disposition d on d.attempt_id = a.id
              left join campaign_disposition cd on cd.campaign_id = a.campaign_id and cd.code = d.code
              left join disposition_code dc on dc.code = d.code
             where a.campaign_id = ? and a.state = 'ENDED' and a.originated_at >= ?
               and a.call_path in ('AUTOMATIC', 'RETRY', 'CALLBACK') and not a.amd_waived
               and a.outcome is distinct from 'NOT_DIALED' and a.outcome is distinct from 'TRUNK_FAILURE'
             order by a.originated_at desc
             limit ?""";

    /**
     * The campaign's paced calls placed since {@code since} and ended, oldest first, at most {@code limit} (the newest);
     * not those placed without the campaign's AMD (their answers include machines).
     */
    public List<PastCall> recentPaced(Connection c, long campaignId, Instant since, int limit) throws SQLException {
        List<PastCall> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(RECENT_PACED)) {
            ps.setLong(1, campaignId);
            ps.setTimestamp(2, Timestamp.from(since));
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new PastCall(instant(rs.getTimestamp(1)), rs.getString(2), instant(rs.getTimestamp(3)),
                            instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6))));
                }
            }
        }
        java.util.Collections.reverse(out);
        return out;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
