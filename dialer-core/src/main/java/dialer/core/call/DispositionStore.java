package dialer.core.call;

import dialer.compliance.zone.CalleeZoneResolver;
import dialer.core.Conflict;
import dialer.core.Invalid;
import dialer.core.Masked;
import dialer.core.NotFound;
import dialer.core.history.DebtorHistory;
import dialer.core.plan.PlanStore;
import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;

/**
 * Dispositions and what they set in motion, in one transaction: the disposition row, the number's
 * counters (and its status when the code marks it invalid), a promise to pay or a callback when
 * the code asks for one, the debtor's history, and the lead's next step: done, due again after
 * the code's retry delay, or waiting for its callback.
 */
public final class DispositionStore {

    private static final CalleeZoneResolver ZONES = new CalleeZoneResolver();

    private static final String INSERT_DISPOSITION_SQL = """
            insert into disposition (attempt_id, campaign_id, lead_id, agent_id, code, note, created_at)
            values (?,?,?,?,?,?,?) on conflict (attempt_id) do nothing""";

    private static final String COUNT_PHONE_ATTEMPT_SQL = """
            update debtor_phone set attempts = attempts + 1, last_outcome = ?,
                last_attempt_at = ?, status = case when ? then 'INVALID' else status end
            where id = ?""";

    private static final String ACCOUNT_OF_DEBTOR_SQL = """
            select 1 from debtor_account where id = ? and debtor_id = ?""";

    private static final String INSERT_PROMISE_SQL = """
            insert into promise (debtor_id, account_id, campaign_id, attempt_id, agent_id, amount, due_date, created_at)
            values (?,?,?,?,?,?,?,?)""";

    private static final String INSERT_CALLBACK_SQL = """
            insert into callback (campaign_id, debtor_id, lead_id, phone_id, due_at, zone, owner_agent_id, note, created_at)
            values (?,?,?,?,?,?,?,?,?)""";

    private static final String DEBTOR_ZONE_SQL = """
            select time_zone from debtor where id = ?""";

    /** The lead's attempts with this one, the campaign's limit, and whether a number can still be dialed. */
    private static final String LEAD_PROSPECTS_SQL = """
            select l.attempts + ?, cp.max_attempts, exists (select 1 from debtor_phone p
                where p.debtor_id = l.debtor_id and p.status = 'VALID' and p.attempts < cp.max_attempts_per_number)
            from campaign_lead l join campaign cp on cp.id = l.campaign_id where l.id = ?""";

    private static final String SETTLE_LEAD_SQL = """
            update campaign_lead set attempts = attempts + ?, last_outcome = ?,
                state = ?, next_call_at = coalesce(?, next_call_at), claimed_by = null, blocked_reason = null
            where id = ?""";

    private static final String ATTEMPT_SQL = """
            select id, campaign_id, lead_id, debtor_id, phone_id, phone, agent_id, reservation_id, direction = 'INBOUND'
            from call_attempt where id = ?""";

    private static final String CODE_SQL = """
            select code, label, kind, is_contact, is_right_party, is_final, marks_number_invalid, adds_to_dnc,
                needs_promise, needs_callback, retry_minutes
            from campaign_disposition where campaign_id = ? and code = ?""";

    private final DebtorHistory history = new DebtorHistory();
    private final PlanStore plans = new PlanStore();

    /** The codes of a campaign's set and what each does. */
    record Code(String code, String label, String kind, boolean contact, boolean rightParty, boolean isFinal,
                boolean marksNumberInvalid, boolean addsToDnc, boolean needsPromise, boolean needsCallback,
                Integer retryMinutes) {
    }

    /** {@code inbound}: a debtor's call to us, whose lead, debtor and number may not be known. */
    private record Attempt(long id, long campaignId, Long leadId, Long debtorId, Long phoneId, String phone,
                           Long agentId, Long reservationId, boolean inbound) {
    }

    /** A call no agent took: the system's disposition. */
    public DispositionWritten system(Connection c, long attemptId, String code, Instant at) throws SQLException {
        Attempt a = attempt(c, attemptId);
        Code k = code(c, a.campaignId(), code);
        return write(c, a, k, null, null, null, null, at);
    }

    /** The agent's disposition of a call they took, with its promise or callback when the code needs one. */
    public DispositionWritten agent(Connection c, long attemptId, DispositionRequest r, Instant at) throws SQLException {
        Attempt a = attempt(c, attemptId);
        if (a.agentId() == null || a.agentId() != r.agentId()) {
            throw new Conflict("attempt " + attemptId + " was not connected to agent " + r.agentId());
        }
        Code k = code(c, a.campaignId(), r.code());
        if (!k.kind().equals("AGENT")) {
            throw Invalid.of("code", "'" + r.code() + "' is set by the system, not by an agent");
        }
        if (a.debtorId() == null && (k.needsPromise() || k.needsCallback() || k.addsToDnc() || k.marksNumberInvalid()
                || DISPUTE_CODE.equals(k.code()) || r.plan() != null || r.promise() != null || r.callback() != null)) {
            throw Invalid.of("code", k.code() + " needs the debtor: say who is on the line first (the caller's number matched "
                    + "no single debtor)");
        }
        if (k.needsPromise() && r.promise() == null && r.plan() == null) {
            throw Invalid.of("promise", "is required with " + k.code() + ": the amount and the due date (or a plan of instalments)");
        }
        if (k.needsCallback() && r.callback() == null) {
            throw Invalid.of("callback", "is required with " + k.code() + ": when to call back, in the debtor's local time");
        }
        if (r.promise() != null) {
            LocalDate today = at.atZone(ZoneOffset.UTC).toLocalDate();
            if (r.promise().dueDate().isBefore(today.minusDays(1)) || r.promise().dueDate().isAfter(today.plusDays(366))) {
                throw Invalid.of("promise.dueDate", "must be within the next year");
            }
        }
        DispositionWritten written = write(c, a, k, r.agentId(), r.note(), r.promise(), r.callback(), at);
        if (r.plan() != null) {
            // in the disposition's transaction: a plan the campaign's rules refuse leaves no disposition behind
            plans.create(c, new PlanStore.Origin(a.debtorId(), a.campaignId(), a.id(), r.agentId()), r.plan(), at);
        }
        return written;
    }

    private DispositionWritten write(Connection c, Attempt a, Code k, Long agentId, String note, DispositionRequest.Promise promise,
                                     DispositionRequest.Callback callback, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_DISPOSITION_SQL)) {
            ps.setLong(1, a.id());
            ps.setLong(2, a.campaignId());
            ps.setObject(3, a.leadId());
            ps.setObject(4, agentId);
            ps.setString(5, k.code());
            ps.setString(6, note);
            ps.setTimestamp(7, Timestamp.from(at));
            if (ps.executeUpdate() == 0) {
                throw new Conflict("attempt " + a.id() + " already has a disposition");
            }
        }
        if (!a.inbound()) {
            // a call the debtor made to us is no attempt on their number
            try (PreparedStatement ps = c.prepareStatement(COUNT_PHONE_ATTEMPT_SQL)) {
                ps.setString(1, k.code());
                ps.setTimestamp(2, Timestamp.from(at));
                ps.setBoolean(3, k.marksNumberInvalid());
                ps.setLong(4, a.phoneId());
                ps.executeUpdate();
            }
        }
        if (a.debtorId() != null) {
            history.add(c, a.debtorId(), at, DebtorHistory.Kind.DISPOSITION, a.campaignId(), a.id(), agentId,
                    k.label() + " (" + k.code() + ") on " + Masked.phone(a.phone()) + (note == null || note.isBlank() ? "" : ": " + note),
                    new JsonObject().put("code", k.code()).put("phoneId", a.phoneId()).put("note", note));
        }
        if (DISPUTE_CODE.equals(k.code())) {
            disputed(c, a, agentId, at);
        }
        Long promiseId = promise == null ? null : promise(c, a, agentId, promise, at);
        Long callbackId = callback == null ? null : callback(c, a, agentId, callback, at);
        if (a.leadId() != null && !(a.inbound() && k.kind().equals("SYSTEM"))) {
            // a caller nobody took leaves their lead as it was (a missed call gets its own callback task)
            settleLead(c, a, k, callbackId != null, at);
        }
        return new DispositionWritten(a.id(), a.campaignId(), a.reservationId(), k.code(), k.contact(), k.rightParty(),
                a.debtorId() == null ? 0 : a.debtorId(), a.phone(), k.addsToDnc(), promiseId, callbackId);
    }

    /** The disposition of a debtor who disputes the debt. */
    static final String DISPUTE_CODE = "DISPUTE";
    private static final String DISPUTED_SQL = """
            update debtor set flags = array(select distinct f from unnest(flags || '{DISPUTE_UNVERIFIED}'::text[]) f
                                             where f <> 'DISPUTE') where id = ?""";

    /**
     * The debtor disputes the debt: until someone verifies it (the flags API swaps DISPUTE_UNVERIFIED
     * for DISPUTE, audited), no collection call reaches them on any path, hand-dialed included
     * (15 U.S.C. 1692g(b)). We do not know when their validation period ran, so every dispute is
     * treated as one received within it: the stricter reading.
     */
    private void disputed(Connection c, Attempt a, Long agentId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(DISPUTED_SQL)) {
            ps.setLong(1, a.debtorId());
            ps.executeUpdate();
        }
        history.add(c, a.debtorId(), at, DebtorHistory.Kind.FLAG, a.campaignId(), a.id(), agentId,
                "Dispute recorded on the call: no collection call until it is verified (flag DISPUTE_UNVERIFIED)",
                new JsonObject().put("add", new io.vertx.core.json.JsonArray().add("DISPUTE_UNVERIFIED")));
    }

    private long promise(Connection c, Attempt a, Long agentId, DispositionRequest.Promise p, Instant at) throws SQLException {
        if (p.accountId() != null) {
            try (PreparedStatement ps = c.prepareStatement(ACCOUNT_OF_DEBTOR_SQL)) {
                ps.setLong(1, p.accountId());
                ps.setLong(2, a.debtorId());
                if (!ps.executeQuery().next()) {
                    throw Invalid.of("promise.accountId", "account " + p.accountId() + " is not this debtor's");
                }
            }
        }
        long id;
        try (PreparedStatement ps = c.prepareStatement(INSERT_PROMISE_SQL, Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, a.debtorId());
            ps.setObject(2, p.accountId());
            ps.setLong(3, a.campaignId());
            ps.setLong(4, a.id());
            ps.setObject(5, agentId);
            ps.setBigDecimal(6, p.amount());
            ps.setObject(7, p.dueDate());
            ps.setTimestamp(8, Timestamp.from(at));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        history.add(c, a.debtorId(), at, DebtorHistory.Kind.PROMISE, a.campaignId(), a.id(), agentId,
                "Promised " + p.amount().toPlainString() + " by " + p.dueDate(),
                new JsonObject().put("promiseId", id).put("amount", p.amount().toPlainString()).put("dueDate", p.dueDate().toString()));
        return id;
    }

    private long callback(Connection c, Attempt a, Long agentId, DispositionRequest.Callback cb, Instant at) throws SQLException {
        ZoneId zone = debtorZone(c, a.debtorId(), a.phone());
        Instant due = cb.at().atZone(zone).toInstant();
        if (!due.isAfter(at) || due.isAfter(at.plus(Duration.ofDays(60)))) {
            throw Invalid.of("callback.at", cb.at() + " in the debtor's zone (" + zone + ") is not within the next 60 days");
        }
        long id;
        try (PreparedStatement ps = c.prepareStatement(INSERT_CALLBACK_SQL, Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, a.campaignId());
            ps.setLong(2, a.debtorId());
            ps.setLong(3, a.leadId());
            ps.setLong(4, a.phoneId());
            ps.setTimestamp(5, Timestamp.from(due));
            ps.setString(6, zone.getId());
            ps.setObject(7, cb.keepForMe() ? agentId : null);
            ps.setString(8, cb.note());
            ps.setTimestamp(9, Timestamp.from(at));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        history.add(c, a.debtorId(), at, DebtorHistory.Kind.CALLBACK, a.campaignId(), a.id(), agentId,
                "Callback set for " + cb.at() + " " + zone.getId() + (cb.keepForMe() ? " (agent's own)" : " (team)"),
                new JsonObject().put("callbackId", id).put("dueAt", due.toString()));
        return id;
    }

    /**
     * The debtor's zone for a callback time: the zone on file, else the number's (the first when it
     * spans several; the compliance guard still checks every zone when the callback is dialed).
     */
    public static ZoneId debtorZone(Connection c, long debtorId, String phone) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(DEBTOR_ZONE_SQL)) {
            ps.setLong(1, debtorId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getString(1) != null) {
                    return ZoneId.of(rs.getString(1));
                }
            }
        }
        List<ZoneId> zones = ZONES.phoneZones(phone);
        return zones.isEmpty() ? ZoneId.of("UTC") : zones.stream().sorted(Comparator.comparing(ZoneId::getId)).findFirst().get();
    }

    /** Moves the lead on: waiting for its callback, done, or due again after the code's retry delay. */
    private void settleLead(Connection c, Attempt a, Code k, boolean callbackSet, Instant at) throws SQLException {
        int attempts;
        int maxAttempts;
        boolean dialableNumberLeft;
        int counted = a.inbound() ? 0 : 1;
        try (PreparedStatement ps = c.prepareStatement(LEAD_PROSPECTS_SQL)) {
            ps.setInt(1, counted);
            ps.setLong(2, a.leadId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                attempts = rs.getInt(1);
                maxAttempts = rs.getInt(2);
                dialableNumberLeft = rs.getBoolean(3);
            }
        }
        String state;
        Instant next = null;
        if (callbackSet) {
            state = "CALLBACK";
        } else if (k.isFinal() || attempts >= maxAttempts || !dialableNumberLeft) {
            state = "DONE";
        } else {
            state = "READY";
            next = at.plus(Duration.ofMinutes(k.retryMinutes() == null ? 60 : k.retryMinutes()));
        }
        try (PreparedStatement ps = c.prepareStatement(SETTLE_LEAD_SQL)) {
            ps.setInt(1, counted);
            ps.setString(2, k.code());
            ps.setString(3, state);
            ps.setTimestamp(4, next == null ? null : Timestamp.from(next));
            ps.setLong(5, a.leadId());
            ps.executeUpdate();
        }
    }

    private static Attempt attempt(Connection c, long attemptId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ATTEMPT_SQL)) {
            ps.setLong(1, attemptId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFound("attempt " + attemptId);
                }
                return new Attempt(rs.getLong(1), rs.getLong(2), (Long) rs.getObject(3), (Long) rs.getObject(4),
                        (Long) rs.getObject(5), rs.getString(6), (Long) rs.getObject(7), (Long) rs.getObject(8), rs.getBoolean(9));
            }
        }
    }

    static Code code(Connection c, long campaignId, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CODE_SQL)) {
            ps.setLong(1, campaignId);
            ps.setString(2, code);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw Invalid.of("code", "'" + code + "' is not in campaign " + campaignId + "'s disposition set");
                }
                return new Code(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getBoolean(5),
                        rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8), rs.getBoolean(9), rs.getBoolean(10),
                        rs.getObject(11) == null ? null : rs.getInt(11));
            }
        }
    }
}
