package dialer.core.script;

import dialer.core.NotFound;
import io.vertx.core.json.JsonArray;
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

/** Campaigns' scripts and the disclosures read on each call, in PostgreSQL. Each method runs in the caller's transaction. */
public final class ScriptStore {

    /** A disclosure as read on a call: by whom and when. */
    public record DisclosureRead(long attemptId, String disclosureId, String text, Long scriptId, long agentId, Instant at) {
    }

    private static final String LIST = """
            select id, campaign_id, name, segment, situation, steps, disclosures, priority from call_script
             where campaign_id = ? order by id""";
    private static final String INSERT = """
            insert into call_script (campaign_id, name, segment, situation, steps, disclosures, priority, created_by, updated_at)
            values (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?) returning id""";
    private static final String UPDATE = """
            update call_script set name = ?, segment = ?, situation = ?, steps = ?::jsonb, disclosures = ?::jsonb, priority = ?,
                   updated_at = ? where id = ? and campaign_id = ?""";
    private static final String DELETE = "delete from call_script where id = ? and campaign_id = ?";
    private static final String READ = """
            insert into call_disclosure (attempt_id, disclosure_id, text, script_id, agent_id, read_at) values (?, ?, ?, ?, ?, ?)
            on conflict (attempt_id, disclosure_id) do nothing""";
    private static final String READS = """
            select attempt_id, disclosure_id, text, script_id, agent_id, read_at from call_disclosure where attempt_id = ?
             order by read_at, disclosure_id""";

    public List<CallScript> list(Connection c, long campaignId) throws SQLException {
        List<CallScript> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(LIST)) {
            ps.setLong(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    JsonObject json = new JsonObject().put("name", rs.getString(3)).put("segment", rs.getString(4))
                            .put("situation", rs.getString(5)).put("steps", new JsonArray(rs.getString(6)))
                            .put("disclosures", new JsonArray(rs.getString(7))).put("priority", rs.getInt(8));
                    CallScript s = ScriptDraft.fromJson(rs.getLong(2), json);
                    out.add(new CallScript(rs.getLong(1), s.campaignId(), s.name(), s.segment(), s.situation(), s.steps(),
                            s.disclosures(), s.priority()));
                }
            }
        }
        return out;
    }

    public CallScript create(Connection c, CallScript s, String actor, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setLong(1, s.campaignId());
            bindBody(ps, 2, s);
            ps.setString(8, actor);
            ps.setTimestamp(9, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new CallScript(rs.getLong(1), s.campaignId(), s.name(), s.segment(), s.situation(), s.steps(), s.disclosures(),
                        s.priority());
            }
        }
    }

    public CallScript update(Connection c, long scriptId, CallScript s, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            bindBody(ps, 1, s);
            ps.setTimestamp(7, Timestamp.from(now));
            ps.setLong(8, scriptId);
            ps.setLong(9, s.campaignId());
            if (ps.executeUpdate() == 0) {
                throw new NotFound("script " + scriptId + " of campaign " + s.campaignId());
            }
        }
        return new CallScript(scriptId, s.campaignId(), s.name(), s.segment(), s.situation(), s.steps(), s.disclosures(), s.priority());
    }

    public void delete(Connection c, long campaignId, long scriptId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(DELETE)) {
            ps.setLong(1, scriptId);
            ps.setLong(2, campaignId);
            if (ps.executeUpdate() == 0) {
                throw new NotFound("script " + scriptId + " of campaign " + campaignId);
            }
        }
    }

    /** Records that the agent read the disclosure on the call; reading it again changes nothing. */
    public void read(Connection c, DisclosureRead r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(READ)) {
            ps.setLong(1, r.attemptId());
            ps.setString(2, r.disclosureId());
            ps.setString(3, r.text());
            ps.setObject(4, r.scriptId(), Types.BIGINT);
            ps.setLong(5, r.agentId());
            ps.setTimestamp(6, Timestamp.from(r.at()));
            ps.executeUpdate();
        }
    }

    public List<DisclosureRead> reads(Connection c, long attemptId) throws SQLException {
        List<DisclosureRead> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(READS)) {
            ps.setLong(1, attemptId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DisclosureRead(rs.getLong(1), rs.getString(2), rs.getString(3), (Long) rs.getObject(4), rs.getLong(5),
                            rs.getTimestamp(6).toInstant()));
                }
            }
        }
        return out;
    }

    private static void bindBody(PreparedStatement ps, int first, CallScript s) throws SQLException {
        JsonObject json = ScriptDraft.toJson(s);
        ps.setString(first, s.name());
        ps.setString(first + 1, s.segment());
        ps.setString(first + 2, s.situation() == null ? null : s.situation().name());
        ps.setString(first + 3, json.getJsonArray("steps").encode());
        ps.setString(first + 4, json.getJsonArray("disclosures").encode());
        ps.setInt(first + 5, s.priority());
    }
}
