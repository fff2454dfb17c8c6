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
 * What a node restarted after a crash finds of its calls: attempts still open (their calls may
 * still be up in Asterisk), and conversations that ended with no disposition yet. The engine adopts
 * them instead of writing them off; the leads of other claims go back to the queue.
 */
public final class OpenAttempts {

    /** An attempt of the node as stored: what the earlier run had written of it. */
    public record OpenAttempt(PlacedCall placed, String pbx, String state, String outcome, Long agentId, Instant originatedAt,
                              Instant answeredAt, Instant connectedAt, Instant abandonedAt, Instant endedAt) {
        public boolean ended() {
            return "ENDED".equals(state);
        }
    }

    private static final String OF_NODE = """
            select a.id, a.campaign_id, a.lead_id, a.debtor_id, a.phone_id, a.phone, p.phone_type, d.name,
                   a.reservation_id, a.call_path, a.pbx, a.state, a.outcome, a.agent_id, a.originated_at, a.answered_at,
                   a.connected_at, a.abandoned_at, a.ended_at
              from call_attempt a
              -- an inbound caller nobody on file (or not chosen yet) has neither
              left join debtor d on d.id = a.debtor_id
              left join debtor_phone p on p.id = a.phone_id
              left join disposition x on x.attempt_id = a.id
             where a.node = ? and x.id is null
               and (a.state <> 'ENDED' or a.agent_id is not null and a.connected_at is not null)
             order by a.id""";

    /** Claims of leads this node queued but did not dial; a lead whose call is still open stays claimed. */
    private static final String RELEASE_UNDIALED_CLAIMS = """
            update campaign_lead l set state = 'READY', claimed_by = null
             where l.state in ('CLAIMED', 'QUEUED') and l.claimed_by = ?
               and not exists (select 1 from call_attempt a where a.lead_id = l.id and a.node = ? and a.state <> 'ENDED')""";

    public List<OpenAttempt> ofNode(Connection c, String node) throws SQLException {
        List<OpenAttempt> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(OF_NODE)) {
            ps.setString(1, node);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    PlacedCall placed = new PlacedCall(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9), rs.getString(10));
                    out.add(new OpenAttempt(placed, rs.getString(11), rs.getString(12), rs.getString(13),
                            rs.getObject(14) == null ? null : rs.getLong(14), instant(rs.getTimestamp(15)),
                            instant(rs.getTimestamp(16)), instant(rs.getTimestamp(17)), instant(rs.getTimestamp(18)),
                            instant(rs.getTimestamp(19))));
                }
            }
        }
        return out;
    }

    /** Returns to the queue the leads this node claimed and did not dial; how many. */
    public int releaseUndialedClaims(Connection c, String node) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(RELEASE_UNDIALED_CLAIMS)) {
            ps.setString(1, node);
            ps.setString(2, node);
            return ps.executeUpdate();
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
