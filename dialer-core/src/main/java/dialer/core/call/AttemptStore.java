package dialer.core.call;

import dialer.core.Conflict;
import dialer.core.Invalid;
import dialer.core.NotFound;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Call attempts, dispositions and the campaign queue they move, in PostgreSQL. Each method runs
 * in the caller's transaction.
 */
public final class AttemptStore {

    private final RetryPolicy retries = new RetryPolicy();

    /**
     * Takes up to {@code count} due leads of a campaign, in priority order (amount overdue, then
     * days overdue), into this node's queue of next calls, each with its best number and what
     * the compliance guard needs to judge a call to it. Rows another node has locked are skipped,
     * so two nodes never take the same lead. Leads without a dialable number are finished.
     */
    public List<QueuedLead> claimForQueue(Connection c, long campaignId, int count, String node, Instant now)
            throws SQLException {
        List<long[]> claimed = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("with next as (select id from campaign_lead "
                + "where campaign_id = ? and state = 'READY' and next_call_at <= ? "
                + "order by amount_overdue desc, days_overdue desc, id limit ? for update skip locked) "
                + "update campaign_lead l set state = 'QUEUED', claimed_by = ?, claimed_at = ? from next "
                + "where l.id = next.id returning l.id, l.debtor_id, l.attempts, l.amount_overdue, l.days_overdue")) {
            ps.setLong(1, campaignId);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setInt(3, count);
            ps.setString(4, node);
            ps.setTimestamp(5, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3),
                            rs.getBigDecimal(4).movePointRight(2).longValueExact(), rs.getLong(5)});
                }
            }
        }
        // RETURNING does not keep the order of the sub-select: restore the priority order
        claimed.sort(Comparator.<long[]>comparingLong(l -> -l[3]).thenComparingLong(l -> -l[4]).thenComparingLong(l -> l[0]));
        List<QueuedLead> queued = new ArrayList<>();
        for (long[] lead : claimed) {
            Optional<QueuedLead> details = details(c, campaignId, lead[0], lead[1], (int) lead[2]);
            if (details.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("update campaign_lead set state = 'DONE', "
                        + "last_outcome = 'NO_VALID_PHONE', claimed_by = null where id = ?")) {
                    ps.setLong(1, lead[0]);
                    ps.executeUpdate();
                }
            } else {
                queued.add(details.get());
            }
        }
        return queued;
    }

    /** A lead's best number (own numbers first: mobile, home, work; third parties last) and its context. */
    private static Optional<QueuedLead> details(Connection c, long campaignId, long leadId, long debtorId, int attempts)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select d.name, d.time_zone, d.flags, p.id, p.e164, p.phone_type, "
                + "p.consent_source, p.consent_given_at, p.consent_expires_at, "
                + "not exists (select 1 from debtor_phone o where o.debtor_id = d.id and o.status = 'VALID' "
                + "  and o.phone_type <> 'THIRD_PARTY') as own_exhausted, "
                + "a.country, a.state, a.postal_code, "
                + "(select coalesce(array_agg(x.id order by x.id), '{}') from debtor_account x where x.debtor_id = d.id) as accounts, "
                + "(select coalesce(array_agg(distinct f), '{}') from debtor_account x, unnest(x.flags) f where x.debtor_id = d.id) as account_flags "
                + "from debtor d join debtor_phone p on p.debtor_id = d.id and p.status = 'VALID' "
                + "left join lateral (select country, state, postal_code from debtor_address where debtor_id = d.id "
                + "  order by is_primary desc, id limit 1) a on true "
                + "where d.id = ? order by array_position(array['OWN_MOBILE','HOME','WORK','THIRD_PARTY'], p.phone_type), p.id limit 1")) {
            ps.setLong(1, debtorId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                List<String> flags = new ArrayList<>(List.of((String[]) rs.getArray("flags").getArray()));
                for (String f : (String[]) rs.getArray("account_flags").getArray()) {
                    if (!flags.contains(f)) {
                        flags.add(f);
                    }
                }
                List<Long> accounts = new ArrayList<>(List.of((Long[]) rs.getArray("accounts").getArray()));
                return Optional.of(new QueuedLead(leadId, campaignId, debtorId, rs.getString("name"), attempts, accounts,
                        flags, rs.getLong("id"), rs.getString("e164"), rs.getString("phone_type"),
                        rs.getBoolean("own_exhausted"), rs.getString("time_zone"), rs.getString("country"),
                        rs.getString("state"), rs.getString("postal_code"), rs.getString("consent_source"),
                        instant(rs, "consent_given_at"), instant(rs, "consent_expires_at")));
            }
        }
    }

    /** Opens the attempt of a queued lead whose call the guard granted: written before the call is placed. */
    public PlacedCall openAttempt(Connection c, QueuedLead lead, String node, String pbx, long reservationId, String path,
                                  Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update campaign_lead set state = 'CLAIMED', claimed_at = ? "
                + "where id = ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setLong(2, lead.leadId());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("insert into call_attempt (campaign_id, lead_id, debtor_id, "
                + "phone_id, phone, pbx, node, state, originated_at, reservation_id, call_path) "
                + "values (?,?,?,?,?,?,?,'DIALING',?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
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
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return new PlacedCall(keys.getLong(1), lead.campaignId(), lead.leadId(), lead.debtorId(), lead.phoneId(),
                        lead.e164(), lead.phoneType(), lead.debtorName(), reservationId, path);
            }
        }
    }

    /**
     * A queued lead the guard blocks: back to the queue, due when the guard says the call would be
     * allowed; or BLOCKED when nothing but a change (a list entry, a flag, consent) can allow it.
     */
    public void blocked(Connection c, long leadId, Instant allowedAt, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update campaign_lead set state = ?, "
                + "next_call_at = coalesce(?, next_call_at), blocked_reason = ?, claimed_by = null where id = ?")) {
            ps.setString(1, allowedAt == null ? "BLOCKED" : "READY");
            ps.setTimestamp(2, allowedAt == null ? null : Timestamp.from(allowedAt));
            ps.setString(3, reason.length() > 500 ? reason.substring(0, 500) : reason);
            ps.setLong(4, leadId);
            ps.executeUpdate();
        }
    }

    /** Leads a node held in its queue and will not dial (the campaign stopped): due again at once. */
    public void unqueue(Connection c, List<Long> leadIds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update campaign_lead set state = 'READY', claimed_by = null "
                + "where id = any(?) and state = 'QUEUED'")) {
            ps.setArray(1, c.createArrayOf("bigint", leadIds.toArray()));
            ps.executeUpdate();
        }
    }

    public void markAnswered(Connection c, long attemptId, String outcome, String detail, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update call_attempt set state = 'ANSWERED', outcome = ?, "
                + "detail = ?, answered_at = ? where id = ? and state = 'DIALING'")) {
            ps.setString(1, outcome);
            ps.setString(2, detail);
            ps.setTimestamp(3, Timestamp.from(at));
            ps.setLong(4, attemptId);
            ps.executeUpdate();
        }
    }

    public void markConnected(Connection c, long attemptId, long agentId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update call_attempt set state = 'CONNECTED', agent_id = ?, "
                + "connected_at = ? where id = ? and state <> 'ENDED'")) {
            ps.setLong(1, agentId);
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setLong(3, attemptId);
            ps.executeUpdate();
        }
    }

    /**
     * Ends an attempt. With a system disposition code (calls no agent took) the disposition is
     * written and the lead settled in the same transaction; without one the agent's is awaited.
     */
    public DispositionWritten end(Connection c, long attemptId, String outcome, String detail, Integer hangupCause,
                                  Instant at, String systemCode) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update call_attempt set state = 'ENDED', "
                + "outcome = coalesce(?, outcome), detail = coalesce(?, detail), hangup_cause = ?, ended_at = ? "
                + "where id = ? and state <> 'ENDED'")) {
            ps.setString(1, outcome);
            ps.setString(2, detail);
            if (hangupCause == null) {
                ps.setNull(3, java.sql.Types.INTEGER);
            } else {
                ps.setInt(3, hangupCause);
            }
            ps.setTimestamp(4, Timestamp.from(at));
            ps.setLong(5, attemptId);
            ps.executeUpdate();
        }
        return systemCode == null ? null : writeDisposition(c, attemptId, null, systemCode, null, at);
    }

    /** The agent's disposition of a call they took. */
    public DispositionWritten agentDisposition(Connection c, long attemptId, long agentId, String code, String note, Instant at)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select agent_id from call_attempt where id = ?")) {
            ps.setLong(1, attemptId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFound("attempt " + attemptId);
                }
                long owner = rs.getLong(1);
                if (rs.wasNull() || owner != agentId) {
                    throw new Conflict("attempt " + attemptId + " was not connected to agent " + agentId);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("select kind from disposition_code where code = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw Invalid.of("code", "unknown disposition code '" + code + "'");
                }
                if (!"AGENT".equals(rs.getString(1))) {
                    throw Invalid.of("code", "'" + code + "' is set by the system, not by an agent");
                }
            }
        }
        return writeDisposition(c, attemptId, agentId, code, note, at);
    }

    private DispositionWritten writeDisposition(Connection c, long attemptId, Long agentId, String code, String note,
                                                Instant at) throws SQLException {
        long campaignId;
        long leadId;
        long phoneId;
        Long reservationId;
        boolean contact;
        boolean rightParty;
        try (PreparedStatement ps = c.prepareStatement("select a.campaign_id, a.lead_id, a.phone_id, a.reservation_id, "
                + "dc.is_contact, dc.is_right_party from call_attempt a, disposition_code dc where a.id = ? and dc.code = ?")) {
            ps.setLong(1, attemptId);
            ps.setString(2, code);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFound("attempt " + attemptId);
                }
                campaignId = rs.getLong(1);
                leadId = rs.getLong(2);
                phoneId = rs.getLong(3);
                reservationId = rs.getObject(4) == null ? null : rs.getLong(4);
                contact = rs.getBoolean(5);
                rightParty = rs.getBoolean(6);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("insert into disposition (attempt_id, campaign_id, lead_id, agent_id, "
                + "code, note, created_at) values (?,?,?,?,?,?,?) on conflict (attempt_id) do nothing")) {
            ps.setLong(1, attemptId);
            ps.setLong(2, campaignId);
            ps.setLong(3, leadId);
            if (agentId == null) {
                ps.setNull(4, java.sql.Types.BIGINT);
            } else {
                ps.setLong(4, agentId);
            }
            ps.setString(5, code);
            ps.setString(6, note);
            ps.setTimestamp(7, Timestamp.from(at));
            if (ps.executeUpdate() == 0) {
                throw new Conflict("attempt " + attemptId + " already has a disposition");
            }
        }
        if (code.equals("INVALID_NUMBER") || code.equals("WRONG_NUMBER")) {
            try (PreparedStatement ps = c.prepareStatement("update debtor_phone set status = 'INVALID' where id = ?")) {
                ps.setLong(1, phoneId);
                ps.executeUpdate();
            }
        }
        settleLead(c, leadId, code, at);
        return new DispositionWritten(attemptId, campaignId, reservationId, code, contact, rightParty);
    }

    /** Moves the lead on: done, or due again after the retry delay of its disposition. */
    private void settleLead(Connection c, long leadId, String code, Instant at) throws SQLException {
        boolean finalCode;
        int attempts;
        int maxAttempts;
        boolean hasValidPhone;
        try (PreparedStatement ps = c.prepareStatement("select dc.is_final, l.attempts + 1, cp.max_attempts, "
                + "exists (select 1 from debtor_phone p where p.debtor_id = l.debtor_id and p.status = 'VALID') "
                + "from campaign_lead l join campaign cp on cp.id = l.campaign_id, disposition_code dc "
                + "where l.id = ? and dc.code = ?")) {
            ps.setLong(1, leadId);
            ps.setString(2, code);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                finalCode = rs.getBoolean(1);
                attempts = rs.getInt(2);
                maxAttempts = rs.getInt(3);
                hasValidPhone = rs.getBoolean(4);
            }
        }
        RetryPolicy.Next next = retries.after(code, finalCode || !hasValidPhone, attempts, maxAttempts, at);
        try (PreparedStatement ps = c.prepareStatement("update campaign_lead set attempts = attempts + 1, last_outcome = ?, "
                + "state = ?, next_call_at = coalesce(?, next_call_at), claimed_by = null where id = ?")) {
            ps.setString(1, code);
            ps.setString(2, next.done() ? "DONE" : "READY");
            ps.setTimestamp(3, next.nextCallAt() == null ? null : Timestamp.from(next.nextCallAt()));
            ps.setLong(4, leadId);
            ps.executeUpdate();
        }
    }

    /**
     * After a restart: this node's attempts that were still open are ended (their calls died with
     * the process or were settled by Asterisk) and its claimed leads go back to the queue.
     */
    public int recover(Connection c, String node, Instant at) throws SQLException {
        List<Long> open = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select a.id from call_attempt a left join disposition d "
                + "on d.attempt_id = a.id where a.node = ? and a.state <> 'ENDED' and d.id is null")) {
            ps.setString(1, node);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    open.add(rs.getLong(1));
                }
            }
        }
        for (long id : open) {
            end(c, id, null, "dialer restarted while the call was open", null, at, "FAILED");
        }
        try (PreparedStatement ps = c.prepareStatement("update campaign_lead set state = 'READY', claimed_by = null "
                + "where state in ('CLAIMED', 'QUEUED') and claimed_by = ?")) {
            ps.setString(1, node);
            ps.executeUpdate();
        }
        return open.size();
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
        try (PreparedStatement ps = c.prepareStatement("select a.id, a.campaign_id, a.lead_id, a.debtor_id, db.external_id, "
                + "a.phone, a.state, a.outcome, a.agent_id, a.detail, a.hangup_cause, a.originated_at, a.answered_at, "
                + "a.connected_at, a.ended_at, d.code, dc.kind, d.note from call_attempt a "
                + "join debtor db on db.id = a.debtor_id left join disposition d on d.attempt_id = a.id "
                + "left join disposition_code dc on dc.code = d.code " + where)) {
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
                            rs.getString(16), rs.getString(17), rs.getString(18)));
                }
            }
        }
        return out;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
