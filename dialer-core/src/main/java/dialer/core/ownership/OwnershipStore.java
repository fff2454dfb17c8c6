package dialer.core.ownership;

import dialer.core.Invalid;
import dialer.core.NotFound;
import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Who owns which debtor, and every change of owner with who made it and when, in PostgreSQL. A
 * request changes all the debtors it selects or none (the caller's transaction), and locks them
 * first so two reassignments at once never interleave. Each method runs in the caller's transaction.
 */
public final class OwnershipStore {

    /** A debtor's owner now. */
    public record Owner(long debtorId, Long agentId, Long teamId) {
    }

    /** One change of owner of one debtor. */
    public record Change(long batchId, long debtorId, Long fromAgentId, Long fromTeamId, Long toAgentId, Long toTeamId,
                         Instant at, String actor, String reason) {
    }

    /** What one request did. */
    public record Batch(long id, String actor, JsonObject rule, String reason, int selected, int changed, Instant at) {
    }

    private static final String NEW_BATCH = """
            insert into ownership_batch (actor, rule, reason, debtors, created_at) values (?, ?::jsonb, ?, 0, ?) returning id""";
    private static final String LOCK = "select count(*) from (select d.id from debtor d where %s order by d.id for update) s";
    /** The new owners: one target, or the team's agents in turn over the selected debtors in id order. */
    private static final String RECORD_CHANGES = """
            insert into ownership_change (batch_id, debtor_id, from_agent_id, from_team_id, to_agent_id, to_team_id, changed_at)
            select ?, n.id, n.owner_agent_id, n.owner_team_id, n.to_agent, n.to_team, ?
              from (select d.id, d.owner_agent_id, d.owner_team_id,
                           case when ?::bigint[] is null then ?::bigint
                                else (?::bigint[])[((row_number() over (order by d.id) - 1) %% cardinality(?::bigint[])) + 1]
                           end as to_agent,
                           ?::bigint as to_team
                      from debtor d where %s) n
             where (n.owner_agent_id, n.owner_team_id) is distinct from (n.to_agent, n.to_team)""";
    private static final String APPLY = """
            update debtor d set owner_agent_id = oc.to_agent_id, owner_team_id = oc.to_team_id
              from ownership_change oc where oc.batch_id = ? and oc.debtor_id = d.id""";
    private static final String HISTORY = """
            insert into debtor_action (debtor_id, at, kind, agent_id, summary, data)
            select oc.debtor_id, oc.changed_at, 'OWNER', oc.to_agent_id,
                   'Owner: ' || case when oc.to_agent_id is not null then 'agent ' || oc.to_agent_id
                                     when oc.to_team_id is not null then 'team ' || oc.to_team_id else 'nobody' end
                   || ' (was ' || case when oc.from_agent_id is not null then 'agent ' || oc.from_agent_id
                                       when oc.from_team_id is not null then 'team ' || oc.from_team_id else 'nobody' end
                   || ') by ' || b.actor || coalesce(': ' || b.reason, ''),
                   jsonb_build_object('batchId', b.id, 'fromAgentId', oc.from_agent_id, 'fromTeamId', oc.from_team_id,
                                      'toAgentId', oc.to_agent_id, 'toTeamId', oc.to_team_id)
              from ownership_change oc join ownership_batch b on b.id = oc.batch_id where oc.batch_id = ?""";
    private static final String CLOSE_BATCH = "update ownership_batch set debtors = ? where id = ?";
    private static final String AGENT_TEAM = "select team_id from agent where id = ?";
    private static final String TEAM_AGENTS = "select id from agent where team_id = ? order by id";
    private static final String OWNER = "select owner_agent_id, owner_team_id from debtor where id = ?";
    private static final String CHANGES = """
            select oc.batch_id, oc.debtor_id, oc.from_agent_id, oc.from_team_id, oc.to_agent_id, oc.to_team_id, oc.changed_at,
                   b.actor, b.reason
              from ownership_change oc join ownership_batch b on b.id = oc.batch_id
             where oc.debtor_id = ? order by oc.changed_at desc, oc.id desc limit ?""";
    private static final String BATCH = """
            select b.id, b.actor, b.rule, b.reason, b.debtors, b.created_at, (select count(*) from ownership_change where batch_id = b.id)
              from ownership_batch b where b.id = ?""";

    /**
     * Gives the selected debtors to {@code to}. Debtors that already have that owner are left
     * alone (no change recorded); the batch says how many were selected and how many changed.
     */
    public Batch assign(Connection c, DebtorSelection which, OwnerTarget to, String actor, String reason, Instant now)
            throws SQLException {
        if (reason != null && reason.length() > 500) {
            throw Invalid.of("reason", "at most 500 characters");
        }
        Long toAgent = to.agentId();
        Long toTeam = to.teamId();
        Long[] spreadOver = null;
        if (toAgent != null) {
            toTeam = teamOfAgent(c, toAgent);
        } else if (toTeam != null) {
            TeamStore.requireTeam(c, toTeam, "to.teamId");
            if (to.spread()) {
                spreadOver = teamAgents(c, toTeam);
                if (spreadOver.length == 0) {
                    throw Invalid.of("to.spread", "team " + toTeam + " has no agents to share the debtors among");
                }
            }
        }
        JsonObject rule = new JsonObject().put("which", which.toJson()).put("to", to.toJson());
        long batch;
        try (PreparedStatement ps = c.prepareStatement(NEW_BATCH)) {
            ps.setString(1, actor);
            ps.setString(2, rule.encode());
            ps.setString(3, reason);
            ps.setTimestamp(4, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                batch = rs.getLong(1);
            }
        }
        int selected;
        try (PreparedStatement ps = c.prepareStatement(LOCK.formatted(which.where()))) {
            which.bind(c, ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                selected = rs.getInt(1);
            }
        }
        int changed;
        try (PreparedStatement ps = c.prepareStatement(RECORD_CHANGES.formatted(which.where()))) {
            ps.setLong(1, batch);
            ps.setTimestamp(2, Timestamp.from(now));
            java.sql.Array agents = spreadOver == null ? null : c.createArrayOf("bigint", spreadOver);
            ps.setArray(3, agents);
            ps.setObject(4, toAgent, Types.BIGINT);
            ps.setArray(5, agents);
            ps.setArray(6, agents);
            ps.setObject(7, toTeam, Types.BIGINT);
            which.bind(c, ps, 8);
            changed = ps.executeUpdate();
        }
        for (String step : List.of(APPLY, HISTORY)) {
            try (PreparedStatement ps = c.prepareStatement(step)) {
                ps.setLong(1, batch);
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement(CLOSE_BATCH)) {
            ps.setInt(1, selected);
            ps.setLong(2, batch);
            ps.executeUpdate();
        }
        return new Batch(batch, actor, rule, reason, selected, changed, now);
    }

    public Owner owner(Connection c, long debtorId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(OWNER)) {
            ps.setLong(1, debtorId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFound("debtor " + debtorId + " does not exist");
                }
                return new Owner(debtorId, (Long) rs.getObject(1), (Long) rs.getObject(2));
            }
        }
    }

    /** The debtor's changes of owner, newest first. */
    public List<Change> changes(Connection c, long debtorId, int limit) throws SQLException {
        List<Change> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(CHANGES)) {
            ps.setLong(1, debtorId);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Change(rs.getLong(1), rs.getLong(2), (Long) rs.getObject(3), (Long) rs.getObject(4),
                            (Long) rs.getObject(5), (Long) rs.getObject(6), rs.getTimestamp(7).toInstant(), rs.getString(8),
                            rs.getString(9)));
                }
            }
        }
        return out;
    }

    public Batch batch(Connection c, long batchId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(BATCH)) {
            ps.setLong(1, batchId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFound("ownership batch " + batchId + " does not exist");
                }
                return new Batch(rs.getLong(1), rs.getString(2), new JsonObject(rs.getString(3)), rs.getString(4), rs.getInt(5),
                        rs.getInt(7), rs.getTimestamp(6).toInstant());
            }
        }
    }

    private static Long teamOfAgent(Connection c, long agentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(AGENT_TEAM)) {
            ps.setLong(1, agentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw Invalid.of("to.agentId", "agent " + agentId + " does not exist");
                }
                return (Long) rs.getObject(1);
            }
        }
    }

    private static Long[] teamAgents(Connection c, long teamId) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(TEAM_AGENTS)) {
            ps.setLong(1, teamId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids.toArray(Long[]::new);
    }
}
