package dialer.core.call;

import dialer.core.Conflict;
import dialer.core.Invalid;
import dialer.core.Masked;
import dialer.core.NotFound;
import dialer.core.campaign.Campaign;
import dialer.core.history.DebtorHistory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Call attempts, dispositions and the campaign queue they move, in PostgreSQL. Each method runs
 * in the caller's transaction.
 */
public final class AttemptStore {

    // --- SQL (the ORDER BY of the claims comes from PriorityOrder's whitelist) ---------------------

    static final String FINISH_UNDIALABLE_LEAD = """
            update campaign_lead set state = 'DONE', last_outcome = 'NO_DIALABLE_NUMBER', claimed_by = null
             where id = ?""";
    private static final String CLAIM_DUE_CALLBACKS = """
            with due as (select id from callback
                          where campaign_id = ? and status = 'PENDING' and due_at <= ?
                          order by due_at limit ? for update skip locked)
            update callback cb set status = 'DIALING' from due where cb.id = due.id
            returning cb.id, cb.lead_id, cb.debtor_id, cb.phone_id,
                      coalesce(cb.owner_agent_id, (select d.owner_agent_id from debtor d where d.id = cb.debtor_id))""";
    private static final String QUEUE_CALLBACK_LEAD = """
            update campaign_lead set state = 'QUEUED', claimed_by = ?, claimed_at = ? where id = ? returning attempts""";
    private static final String FINISH_CALLBACK = """
            update callback set status = ?, attempt_id = coalesce(?, attempt_id) where id = ?""";
    private static final String CALLBACK_WAITS = """
            update callback set status = 'PENDING', due_at = greatest(due_at, ?),
                   owner_agent_id = case when ? then null else owner_agent_id end,
                   note = case when ?::text is null then note else coalesce(note || ' / ', '') || ? end
             where id = ?""";
    private static final String LEAD_WAITS_FOR_CALLBACK = """
            update campaign_lead set state = 'CALLBACK', claimed_by = null where id = ?""";
    private static final String CLAIM_LEAD_FOR_ATTEMPT = """
            update campaign_lead set state = 'CLAIMED', claimed_at = ? where id = ?""";
    private static final String INSERT_ATTEMPT = """
            insert into call_attempt (campaign_id, lead_id, debtor_id, phone_id, phone, pbx, node, state,
                                      originated_at, reservation_id, call_path)
            values (?, ?, ?, ?, ?, ?, ?, 'DIALING', ?, ?, ?)""";
    private static final String BLOCK_LEAD = """
            update campaign_lead set state = ?, next_call_at = coalesce(?, next_call_at), blocked_reason = ?,
                   claimed_by = null
             where id = ?""";
    private static final String UNQUEUE_LEADS = """
            update campaign_lead set state = 'READY', claimed_by = null where id = any(?) and state = 'QUEUED'""";
    private static final String CALLBACK_OF_UNDIALED_ATTEMPT_WAITS = """
            update callback set status = 'PENDING', due_at = greatest(due_at, ?)
             where status = 'DIALING' and lead_id = (select lead_id from call_attempt where id = ?)""";
    private static final String LEAD_OF_UNDIALED_ATTEMPT_BACK = """
            update campaign_lead set state = ?, claimed_by = null, next_call_at = greatest(next_call_at, ?)
             where id = (select lead_id from call_attempt where id = ?) and state in ('CLAIMED', 'QUEUED')""";
    private static final String MARK_ANSWERED = """
            update call_attempt set state = 'ANSWERED', outcome = ?, detail = ?, answered_at = ?
             where id = ? and state = 'DIALING'""";
    private static final String MARK_ABANDONED = """
            update call_attempt set abandoned_at = coalesce(abandoned_at, ?) where id = ?""";
    private static final String SET_SAFE_HARBOR = """
            update call_attempt set safe_harbor = ? where id = ?""";
    private static final String MARK_CONNECTED = """
            update call_attempt set state = 'CONNECTED', agent_id = ?, connected_at = ?, connect_ms = ?
             where id = ? and state <> 'ENDED'""";
    private static final String END_ATTEMPT = """
            update call_attempt set state = 'ENDED', outcome = coalesce(?, outcome), detail = coalesce(?, detail),
                   hangup_cause = ?, ended_at = ?
             where id = ? and state <> 'ENDED'""";
    private static final String ATTEMPT_FOR_HISTORY = """
            select debtor_id, campaign_id, phone, outcome, agent_id from call_attempt where id = ?""";
    /** Attempts as the API shows them; the caller adds its where clause. */
    private static final String ATTEMPT_VIEWS = """
            select a.id, a.campaign_id, a.lead_id, a.debtor_id, db.external_id, a.phone, a.state, a.outcome,
                   a.agent_id, a.detail, a.hangup_cause, a.originated_at, a.answered_at, a.connected_at, a.ended_at,
                   d.code, coalesce(cd.kind, dc.kind), d.note, a.safe_harbor, a.call_path
              from call_attempt a
              join debtor db on db.id = a.debtor_id
              left join disposition d on d.attempt_id = a.id
              left join campaign_disposition cd on cd.campaign_id = a.campaign_id and cd.code = d.code
              left join disposition_code dc on dc.code = d.code
            """;

    private final DispositionStore dispositions = new DispositionStore();

    private final DebtorHistory history = new DebtorHistory();

    /**
     * Takes a campaign's due callbacks (oldest first; rows another node has locked are skipped) and
     * their leads into this node's hands, each with the number it was set on when still dialable.
     */
    public List<QueuedLead> claimDueCallbacks(Connection c, Campaign campaign, String node, Instant now, int limit)
            throws SQLException {
        List<QueuedLead> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(CLAIM_DUE_CALLBACKS)) {
            ps.setLong(1, campaign.id());
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<long[]> due = new ArrayList<>();
                while (rs.next()) {
                    due.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getObject(5) == null ? -1 : rs.getLong(5)});
                }
                for (long[] cb : due) {
                    try (PreparedStatement lead = c.prepareStatement(QUEUE_CALLBACK_LEAD)) {
                        lead.setString(1, node);
                        lead.setTimestamp(2, Timestamp.from(now));
                        lead.setLong(3, cb[1]);
                        int attempts;
                        try (ResultSet l = lead.executeQuery()) {
                            attempts = l.next() ? l.getInt(1) : 0;
                        }
                        Optional<QueuedLead> details = LeadToCall.next(c, campaign.id(), cb[1], cb[2], attempts,
                                campaign.maxAttemptsPerNumber() + 1, cb[3]);
                        if (details.isEmpty()) {
                            details = LeadToCall.next(c, campaign.id(), cb[1], cb[2], attempts, campaign.maxAttemptsPerNumber() + 1, null);
                        }
                        if (details.isEmpty()) {
                            callbackFinished(c, cb[0], "MISSED", null);
                            try (PreparedStatement done = c.prepareStatement(FINISH_UNDIALABLE_LEAD)) {
                                done.setLong(1, cb[1]);
                                done.executeUpdate();
                            }
                            continue;
                        }
                        out.add(details.get().forCallback(cb[0], cb[4] < 0 ? null : cb[4]));
                    }
                }
            }
        }
        return out;
    }

    /** A callback that was dialed (DONE, with its attempt) or could not be (MISSED). */
    public void callbackFinished(Connection c, long callbackId, String status, Long attemptId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FINISH_CALLBACK)) {
            ps.setString(1, status);
            ps.setObject(2, attemptId);
            ps.setLong(3, callbackId);
            ps.executeUpdate();
        }
    }

    /**
     * A callback that must wait: pending again from {@code dueAt} (its owner was busy, the guard
     * said later), given to the team when {@code toTeam}; its lead waits for it.
     */
    public void callbackWaits(Connection c, QueuedLead lead, Instant dueAt, boolean toTeam, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CALLBACK_WAITS)) {
            ps.setTimestamp(1, Timestamp.from(dueAt));
            ps.setBoolean(2, toTeam);
            ps.setString(3, reason);
            ps.setString(4, reason);
            ps.setLong(5, lead.callbackId());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(LEAD_WAITS_FOR_CALLBACK)) {
            ps.setLong(1, lead.leadId());
            ps.executeUpdate();
        }
    }

    /** Opens the attempt of a queued lead whose call the guard granted: written before the call is placed. */
    /** The attempt is placed without the campaign's AMD (the pacer waived it for a small team). */
    public void markAmdWaived(Connection c, long attemptId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update call_attempt set amd_waived = true where id = ?")) {
            ps.setLong(1, attemptId);
            ps.executeUpdate();
        }
    }

    public PlacedCall openAttempt(Connection c, QueuedLead lead, String node, String pbx, long reservationId, String path,
                                  Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CLAIM_LEAD_FOR_ATTEMPT)) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setLong(2, lead.leadId());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_ATTEMPT, Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, lead.campaignId());
            ps.setLong(2, lead.leadId());
            ps.setLong(3, lead.debtorId());
            ps.setLong(4, lead.phoneId());
            ps.setString(5, lead.e164());
            ps.setString(6, pbx);
            ps.setString(7, node);
            ps.setTimestamp(8, Timestamp.from(now));
            ps.setLong(9, reservationId);
            ps.setString(10, path);
            ps.executeUpdate();
            long attemptId;
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                attemptId = keys.getLong(1);
            }
            if (lead.callbackId() != null) {
                callbackFinished(c, lead.callbackId(), "DONE", attemptId);
            }
            return new PlacedCall(attemptId, lead.campaignId(), lead.leadId(), lead.debtorId(), lead.phoneId(),
                    lead.e164(), lead.phoneType(), lead.debtorName(), reservationId, path);
        }
    }

    /**
     * A queued lead the guard blocks: back to the queue, due when the guard says the call would be
     * allowed; or BLOCKED when nothing but a change (a list entry, a flag, consent) can allow it.
     */
    public void blocked(Connection c, long leadId, Instant allowedAt, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(BLOCK_LEAD)) {
            ps.setString(1, allowedAt == null ? "BLOCKED" : "READY");
            ps.setTimestamp(2, allowedAt == null ? null : Timestamp.from(allowedAt));
            ps.setString(3, reason.length() > 500 ? reason.substring(0, 500) : reason);
            ps.setLong(4, leadId);
            ps.executeUpdate();
        }
    }

    /** Leads a node held in its queue and will not dial (the campaign stopped): due again at once. */
    public void unqueue(Connection c, List<Long> leadIds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UNQUEUE_LEADS)) {
            ps.setArray(1, c.createArrayOf("bigint", leadIds.toArray()));
            ps.executeUpdate();
        }
    }

    public void markAnswered(Connection c, long attemptId, String outcome, String detail, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(MARK_ANSWERED)) {
            ps.setString(1, outcome);
            ps.setString(2, detail);
            ps.setTimestamp(3, Timestamp.from(at));
            ps.setLong(4, attemptId);
            ps.executeUpdate();
        }
    }

    /** The far end's SIP final response of the attempt's call (0: none, left as it is). */
    public void sipStatus(Connection c, long attemptId, int sipStatus) throws SQLException {
        if (sipStatus == 0) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("update call_attempt set sip_status = ? where id = ?")) {
            ps.setInt(1, sipStatus);
            ps.setLong(2, attemptId);
            ps.executeUpdate();
        }
    }

    /** The person got no agent within the hold limit: the abandonment counts from now. */
    public void markAbandoned(Connection c, long attemptId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(MARK_ABANDONED)) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setLong(2, attemptId);
            ps.executeUpdate();
        }
    }

    /** Records whether the safe-harbor message played to the abandoned callee of this attempt. */
    public void safeHarbor(Connection c, long attemptId, boolean played, String status) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SET_SAFE_HARBOR)) {
            ps.setString(1, played ? "PLAYED" : status == null || status.isBlank() ? "UNKNOWN" : status);
            ps.setLong(2, attemptId);
            ps.executeUpdate();
        }
    }

    /** {@code connectMillis}: from the person detected to in the conference; null when not known. */
    public void markConnected(Connection c, long attemptId, long agentId, Instant at, Long connectMillis) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(MARK_CONNECTED)) {
            ps.setLong(1, agentId);
            ps.setTimestamp(2, Timestamp.from(at));
            if (connectMillis == null) {
                ps.setNull(3, Types.INTEGER);
            } else {
                ps.setInt(3, (int) Math.min(Integer.MAX_VALUE, Math.max(0, connectMillis)));
            }
            ps.setLong(4, attemptId);
            ps.executeUpdate();
        }
    }

    /**
     * Ends an attempt. With a system disposition code (calls no agent took) the disposition is
     * written and the lead settled in the same transaction; without one the agent's is awaited.
     */
    public DispositionWritten end(Connection c, long attemptId, String outcome, String detail, Integer hangupCause,
                                  Instant at, String systemCode) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(END_ATTEMPT)) {
            ps.setString(1, outcome);
            ps.setString(2, detail);
            if (hangupCause == null) {
                ps.setNull(3, Types.INTEGER);
            } else {
                ps.setInt(3, hangupCause);
            }
            ps.setTimestamp(4, Timestamp.from(at));
            ps.setLong(5, attemptId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(ATTEMPT_FOR_HISTORY)) {
            ps.setLong(1, attemptId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    history.add(c, rs.getLong(1), at, DebtorHistory.Kind.ATTEMPT, rs.getLong(2), attemptId,
                            rs.getObject(5) == null ? null : rs.getLong(5),
                            "Called " + Masked.phone(rs.getString(3)) + ": " + rs.getString(4)
                                    + (detail == null ? "" : " (" + detail + ")"),
                            new io.vertx.core.json.JsonObject().put("outcome", rs.getString(4)).put("hangupCause", hangupCause));
                }
            }
        }
        return systemCode == null ? null : dispositions.system(c, attemptId, systemCode, at);
    }

    /** How long the lead of a call never placed waits before it is dialed again (a PBX refusing every call is not hammered). */
    public static final Duration UNDIALED_RETRY = Duration.ofMinutes(1);

    /**
     * The lead of an attempt whose call was never placed waits to be dialed again, {@link
     * #UNDIALED_RETRY} from {@code at}: its callback (if one was being dialed) is pending again and
     * the lead waits for it; otherwise the lead is ready.
     */
    public void undialedLeadBack(Connection c, long attemptId, Instant at) throws SQLException {
        Timestamp again = Timestamp.from(at.plus(UNDIALED_RETRY));
        int callbacks;
        try (PreparedStatement ps = c.prepareStatement(CALLBACK_OF_UNDIALED_ATTEMPT_WAITS)) {
            ps.setTimestamp(1, again);
            ps.setLong(2, attemptId);
            callbacks = ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(LEAD_OF_UNDIALED_ATTEMPT_BACK)) {
            ps.setString(1, callbacks > 0 ? "CALLBACK" : "READY");
            ps.setTimestamp(2, again);
            ps.setLong(3, attemptId);
            ps.executeUpdate();
        }
    }

    /** A disposition the system writes for an ended call (e.g. NO_DISPOSITION when a wrap-up runs out). */
    public DispositionWritten systemDisposition(Connection c, long attemptId, String code, Instant at) throws SQLException {
        return dispositions.system(c, attemptId, code, at);
    }

    /** The agent's disposition of a call they took, with what it asks for. */
    public DispositionWritten agentDisposition(Connection c, long attemptId, DispositionRequest request, Instant at)
            throws SQLException {
        return dispositions.agent(c, attemptId, request, at);
    }

    public List<AttemptView> list(Connection c, long campaignId, int limit) throws SQLException {
        return query(c, "where a.campaign_id = ? order by a.id desc limit ?", campaignId, limit);
    }

    public AttemptView get(Connection c, long attemptId) throws SQLException {
        List<AttemptView> one = query(c, "where a.id = ?", attemptId);
        if (one.isEmpty()) {
            throw new NotFound("attempt " + attemptId);
        }
        return one.get(0);
    }

    private static List<AttemptView> query(Connection c, String where, Object... params) throws SQLException {
        List<AttemptView> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(ATTEMPT_VIEWS + where)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Long agent = rs.getObject(9) == null ? null : rs.getLong(9);
                    Integer cause = rs.getObject(11) == null ? null : rs.getInt(11);
                    out.add(new AttemptView(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8), agent,
                            rs.getString(10), cause, instant(rs, 12), instant(rs, 13), instant(rs, 14), instant(rs, 15),
                            rs.getString(16), rs.getString(17), rs.getString(18), rs.getString(19), rs.getString(20)));
                }
            }
        }
        return out;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
