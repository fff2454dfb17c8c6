package dialer.core.inbound;

import dialer.core.Masked;
import dialer.core.NotFound;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What the agent on an inbound call sees to say who is on the line: the number (last digits only),
 * the debtor the call is already theirs, and every debtor the number matched, with what helps to
 * tell them apart (name, reference, accounts and what they owe).
 */
public final class InboundCandidates {

    static final String CALL_SQL = """
            select a.phone, a.debtor_id, a.agent_id from call_attempt a where a.id = ? and a.direction = 'INBOUND'""";
    static final String CANDIDATES_SQL = """
            select d.id, d.name, d.external_id, p.phone_type, count(acc.id), coalesce(sum(acc.amount_overdue), 0)
            from inbound_match m join debtor d on d.id = m.debtor_id join debtor_phone p on p.id = m.phone_id
            left join debtor_account acc on acc.debtor_id = d.id
            where m.attempt_id = ? group by d.id, d.name, d.external_id, p.phone_type order by d.id""";

    /**
     * The inbound call of {@code attemptId}, which the engine says agent {@code agentId} is on (the
     * engine's word, not the attempt's stored agent: that write may land a moment after the agent is
     * on the call); 404 when it is no inbound call.
     */
    public JsonObject of(Connection c, long attemptId, long agentId) throws SQLException {
        JsonObject out = new JsonObject().put("attemptId", attemptId);
        try (PreparedStatement ps = c.prepareStatement(CALL_SQL)) {
            ps.setLong(1, attemptId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFound("inbound call " + attemptId + " of agent " + agentId);
                }
                out.put("caller", Masked.phone(rs.getString(1)));
                out.put("debtorId", rs.getObject(2));
            }
        }
        JsonArray candidates = new JsonArray();
        try (PreparedStatement ps = c.prepareStatement(CANDIDATES_SQL)) {
            ps.setLong(1, attemptId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    candidates.add(new JsonObject().put("debtorId", rs.getLong(1)).put("name", rs.getString(2))
                            .put("externalId", rs.getString(3)).put("phoneType", rs.getString(4))
                            .put("accounts", rs.getLong(5)).put("amountOverdue", rs.getBigDecimal(6).toPlainString()));
                }
            }
        }
        return out.put("candidates", candidates);
    }
}
