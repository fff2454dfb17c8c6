package dialer.core.engine;

import dialer.compliance.PhoneType;
import dialer.core.Conflict;
import dialer.core.Invalid;
import dialer.core.Masked;
import dialer.core.NotFound;
import dialer.core.call.PlacedCall;
import dialer.core.compliance.ComplianceGate;
import dialer.core.db.Sql;
import dialer.core.history.DebtorHistory;
import dialer.core.lead.PhoneNormalizer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * {@link InboundLedger} in PostgreSQL: each method one transaction on a {@code dialer-db} worker,
 * completing on the engine thread.
 */
final class SqlInboundLedger implements InboundLedger {

    private static final Logger log = LoggerFactory.getLogger(SqlInboundLedger.class);
    /** A callback task for a caller nobody could take is due this long after the call. */
    static final Duration CALLBACK_AFTER = Duration.ofMinutes(15);

    /** The campaigns this node runs that take inbound calls, the one whose caller id was called first. */
    static final String CAMPAIGNS_SQL = """
            select c.id, c.default_region, i.wait_seconds, i.overflow_prompt,
                   regexp_replace(coalesce(c.caller_id, ''), '[^0-9]', '', 'g') = ? as called
            from campaign c join campaign_inbound i on i.campaign_id = c.id
            where i.accepts and c.id = any(?)
            order by called desc, c.id""";

    static final String MATCHES_SQL = """
            select p.id, p.debtor_id, p.phone_type, d.name from debtor_phone p join debtor d on d.id = p.debtor_id
            where p.e164 = ? order by p.debtor_id""";

    static final String LEAD_SQL = "select id from campaign_lead where campaign_id = ? and debtor_id = ?";

    /** Who should take the caller first: the owner of their earliest scheduled callback, else of their case. */
    static final String PREFERRED_AGENT_SQL = """
            select coalesce(
                (select owner_agent_id from callback where debtor_id = ? and status = 'PENDING' and owner_agent_id is not null
                 order by due_at limit 1),
                (select owner_agent_id from debtor where id = ?))""";

    static final String INSERT_SQL = """
            insert into call_attempt (campaign_id, lead_id, debtor_id, phone_id, phone, pbx, node, state, originated_at,
                                      call_path, direction, inbound_channel)
            values (?, ?, ?, ?, ?, ?, ?, 'DIALING', ?, 'INBOUND', 'INBOUND', ?)
            on conflict (pbx, inbound_channel) where inbound_channel is not null do nothing
            returning id""";

    static final String INSERT_MATCH_SQL = "insert into inbound_match (attempt_id, debtor_id, phone_id) values (?, ?, ?)";

    static final String ATTEMPT_SQL = """
            select a.campaign_id, a.debtor_id, a.phone_id, a.phone, a.lead_id, a.agent_id, a.connected_at, p.phone_type
            from call_attempt a left join debtor_phone p on p.id = a.phone_id
            where a.id = ? and a.direction = 'INBOUND'""";

    static final String DEBTS_SQL = "select id from debtor_account where debtor_id = ?";

    private final Sql sql;
    private final ComplianceGate gate;
    private final EngineThread thread;
    private final DebtorHistory history = new DebtorHistory();

    SqlInboundLedger(Sql sql, ComplianceGate gate, EngineThread thread) {
        this.sql = sql;
        this.gate = gate;
        this.thread = thread;
    }

    private record Match(long phoneId, long debtorId, String phoneType, String name) {
    }

    @Override
    public Future<Taken> take(Arrival arrival, Collection<Long> campaignIds, String node) {
        if (campaignIds.isEmpty()) {
            return Future.succeededFuture(null);
        }
        return thread.back(sql.tx(c -> {
            long campaignId;
            String region;
            int waitSeconds;
            String prompt;
            try (PreparedStatement ps = c.prepareStatement(CAMPAIGNS_SQL)) {
                ps.setString(1, digits(arrival.to()));
                ps.setArray(2, c.createArrayOf("bigint", campaignIds.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    campaignId = rs.getLong(1);
                    region = rs.getString(2);
                    waitSeconds = rs.getInt(3);
                    prompt = rs.getString(4);
                }
            }
            PhoneNormalizer.Result number = PhoneNormalizer.normalize(arrival.from(), region);
            List<Match> matches = number.ok() ? matches(c, number.e164()) : List.of();
            Match only = matches.size() == 1 ? matches.get(0) : null;
            Long leadId = only == null ? null : lead(c, campaignId, only.debtorId());
            String phone = number.ok() ? number.e164() : (arrival.from() == null || arrival.from().isBlank() ? "anonymous" : arrival.from());
            long attemptId;
            try (PreparedStatement ps = c.prepareStatement(INSERT_SQL)) {
                ps.setLong(1, campaignId);
                ps.setObject(2, leadId);
                ps.setObject(3, only == null ? null : only.debtorId());
                ps.setObject(4, only == null ? null : only.phoneId());
                ps.setString(5, phone);
                ps.setString(6, arrival.pbx());
                ps.setString(7, node);
                ps.setTimestamp(8, Timestamp.from(arrival.at()));
                ps.setString(9, arrival.channelId());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null; // another node recorded this caller first
                    }
                    attemptId = rs.getLong(1);
                }
            }
            for (Match m : matches) {
                try (PreparedStatement ps = c.prepareStatement(INSERT_MATCH_SQL)) {
                    ps.setLong(1, attemptId);
                    ps.setLong(2, m.debtorId());
                    ps.setLong(3, m.phoneId());
                    ps.executeUpdate();
                }
            }
            Long preferred = null;
            if (only != null) {
                preferred = preferredAgent(c, only.debtorId());
                history.add(c, only.debtorId(), arrival.at(), DebtorHistory.Kind.ATTEMPT, campaignId, attemptId, null,
                        "Called in from " + Masked.phone(phone), new JsonObject().put("direction", "INBOUND").put("phoneId", only.phoneId()));
            }
            PlacedCall placed = new PlacedCall(attemptId, campaignId, leadId == null ? 0 : leadId, only == null ? 0 : only.debtorId(),
                    only == null ? 0 : only.phoneId(), phone, only == null ? null : only.phoneType(), only == null ? null : only.name(),
                    0, "INBOUND");
            return new Taken(placed, matches.size(), preferred, waitSeconds, prompt);
        }));
    }

    private static List<Match> matches(Connection c, String e164) throws SQLException {
        List<Match> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(MATCHES_SQL)) {
            ps.setString(1, e164);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Match(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        return out;
    }

    private static Long lead(Connection c, long campaignId, long debtorId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LEAD_SQL)) {
            ps.setLong(1, campaignId);
            ps.setLong(2, debtorId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private static Long preferredAgent(Connection c, long debtorId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(PREFERRED_AGENT_SQL)) {
            ps.setLong(1, debtorId);
            ps.setLong(2, debtorId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long id = rs.getLong(1);
                return rs.wasNull() ? null : id;
            }
        }
    }

    static String digits(String s) {
        return s == null ? "" : s.replaceAll("[^0-9]", "");
    }

    /** The inbound attempt as stored. */
    private record Attempt(long campaignId, Long debtorId, Long phoneId, String phone, Long leadId, Long agentId,
                           Instant connectedAt, String phoneType) {
    }

    private static Attempt attempt(Connection c, long attemptId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ATTEMPT_SQL)) {
            ps.setLong(1, attemptId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFound("inbound call " + attemptId);
                }
                Timestamp connected = rs.getTimestamp(7);
                return new Attempt(rs.getLong(1), (Long) rs.getObject(2), (Long) rs.getObject(3), rs.getString(4),
                        (Long) rs.getObject(5), (Long) rs.getObject(6), connected == null ? null : connected.toInstant(),
                        rs.getString(8));
            }
        }
    }

    @Override
    public Future<Void> connected(long attemptId, Instant at) {
        return thread.back(sql.tx(c -> {
            Attempt a = attempt(c, attemptId);
            if (a.debtorId() != null) {
                recordConversation(c, attemptId, a.debtorId(), a.phone(), a.phoneType(), at);
            }
            return null;
        }));
    }

    /**
     * The guard records the conversation the debtor started: Reg F's cool-down after a conversation
     * runs from it like from one we placed (12 CFR 1006.14(b)(2)(i)(B)); a third party's number is
     * not the debtor's conversation.
     */
    private void recordConversation(Connection c, long attemptId, long debtorId, String phone, String phoneType, Instant at)
            throws SQLException {
        if ("THIRD_PARTY".equals(phoneType) || !phone.startsWith("+")) {
            return;
        }
        List<String> debts = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(DEBTS_SQL)) {
            ps.setLong(1, debtorId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    debts.add("account-" + rs.getLong(1));
                }
            }
        }
        long id = gate.guard().recordInboundConversation("debtor-" + debtorId, debts, phone,
                phoneType == null ? null : PhoneType.valueOf(phoneType), at, "inbound call " + attemptId);
        log.info("inbound call {}: the debtor's conversation recorded with the guard ({})", attemptId, id);
    }

    @Override
    public Future<Void> missed(long attemptId, Instant at) {
        return thread.back(sql.tx(c -> {
            Attempt a = attempt(c, attemptId);
            if (a.debtorId() == null || a.leadId() == null) {
                log.info("inbound call {}: missed; the caller is nobody on file in the campaign, no callback task", attemptId);
                return null;
            }
            String zone = dialer.core.call.DispositionStore.debtorZone(c, a.debtorId(), a.phone()).getId();
            Instant due = at.plus(CALLBACK_AFTER);
            long callbackId;
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into callback (campaign_id, debtor_id, lead_id, phone_id, due_at, zone, owner_agent_id, note, attempt_id, created_at)
                    values (?, ?, ?, ?, ?, ?, null, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, a.campaignId());
                ps.setLong(2, a.debtorId());
                ps.setLong(3, a.leadId());
                ps.setObject(4, a.phoneId());
                ps.setTimestamp(5, Timestamp.from(due));
                ps.setString(6, zone);
                ps.setString(7, "called in; nobody was free");
                ps.setLong(8, attemptId);
                ps.setTimestamp(9, Timestamp.from(at));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    callbackId = keys.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("update campaign_lead set state = 'CALLBACK' where id = ? and state = 'READY'")) {
                ps.setLong(1, a.leadId());
                ps.executeUpdate();
            }
            history.add(c, a.debtorId(), at, DebtorHistory.Kind.CALLBACK, a.campaignId(), attemptId, null,
                    "Called in, nobody was free: callback task for " + due, new JsonObject().put("callbackId", callbackId)
                            .put("dueAt", due.toString()));
            log.info("inbound call {}: missed; callback task {}", attemptId, callbackId);
            return null;
        }));
    }

    @Override
    public Future<dialer.core.inbound.InboundSetting> setting(long campaignId) {
        return thread.back(sql.tx(c -> dialer.core.inbound.InboundSetting.of(c, campaignId)));
    }

    @Override
    public Future<PlacedCall> choose(long attemptId, long agentId, long debtorId, Instant at) {
        return thread.back(sql.tx(c -> {
            // the engine checked that the agent is on this call (the stored agent may lag it by a write)
            Attempt a = attempt(c, attemptId);
            if (a.debtorId() != null) {
                throw new Conflict("inbound call " + attemptId + " is already debtor " + a.debtorId() + "'s");
            }
            long phoneId;
            String phoneType;
            String name;
            try (PreparedStatement ps = c.prepareStatement("""
                    select m.phone_id, p.phone_type, d.name from inbound_match m join debtor_phone p on p.id = m.phone_id
                    join debtor d on d.id = m.debtor_id where m.attempt_id = ? and m.debtor_id = ?""")) {
                ps.setLong(1, attemptId);
                ps.setLong(2, debtorId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw Invalid.of("debtorId", "debtor " + debtorId + " is not one of the debtors this number matched");
                    }
                    phoneId = rs.getLong(1);
                    phoneType = rs.getString(2);
                    name = rs.getString(3);
                }
            }
            Long leadId = lead(c, a.campaignId(), debtorId);
            try (PreparedStatement ps = c.prepareStatement(
                    "update call_attempt set debtor_id = ?, phone_id = ?, lead_id = ? where id = ?")) {
                ps.setLong(1, debtorId);
                ps.setLong(2, phoneId);
                ps.setObject(3, leadId);
                ps.setLong(4, attemptId);
                ps.executeUpdate();
            }
            history.add(c, debtorId, at, DebtorHistory.Kind.ATTEMPT, a.campaignId(), attemptId, agentId,
                    "Called in from " + Masked.phone(a.phone()) + " (the agent said who was on the line)",
                    new JsonObject().put("direction", "INBOUND").put("phoneId", phoneId));
            // the agent is on the call (the engine checked), whether or not its connection is stored yet
            recordConversation(c, attemptId, debtorId, a.phone(), phoneType, a.connectedAt() != null ? a.connectedAt() : at);
            return new PlacedCall(attemptId, a.campaignId(), leadId == null ? 0 : leadId, debtorId, phoneId, a.phone(), phoneType,
                    name, 0, "INBOUND");
        }));
    }
}
