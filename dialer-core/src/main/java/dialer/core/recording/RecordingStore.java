package dialer.core.recording;

import dialer.core.Conflict;
import dialer.core.NotFound;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The recordings kept with their attempts, and their audit trail (who started, paused, played, purged them, and when). */
public final class RecordingStore {

    /** The system's name in the audit trail (the purge, a recording's end). */
    public static final String SYSTEM = "system";

    public enum State { RECORDING, PAUSED, ENDED, FAILED, PURGED }

    /** One attempt's recording. */
    public record Recording(long id, long attemptId, String file, State state, Instant startedAt, Instant endedAt, Long lengthMs,
                            Instant purgedAt) {
        public JsonObject toJson() {
            return new JsonObject().put("id", id).put("attemptId", attemptId).put("file", file).put("state", state.name())
                    .put("startedAt", startedAt.toString()).put("endedAt", endedAt == null ? null : endedAt.toString())
                    .put("lengthMs", lengthMs).put("purgedAt", purgedAt == null ? null : purgedAt.toString());
        }
    }

    /** What a recording's routes need of its attempt: its campaign, agent, PBX, state and debtor. */
    public record AttemptFacts(long attemptId, long campaignId, Long agentId, String pbx, String state, long debtorId) {
    }

    /** One line of a recording's audit trail. */
    public record Audit(String action, String actor, Instant at) {
        public JsonObject toJson() {
            return new JsonObject().put("action", action).put("actor", actor).put("at", at.toString());
        }
    }

    private static final String COLUMNS = "r.id, r.attempt_id, r.file, r.state, r.started_at, r.ended_at, r.length_ms, r.purged_at";

    public AttemptFacts attempt(Connection c, long attemptId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select campaign_id, agent_id, pbx, state, debtor_id from call_attempt where id = ?")) {
            ps.setLong(1, attemptId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFound("attempt " + attemptId);
                }
                return new AttemptFacts(attemptId, rs.getLong(1), rs.getObject(2, Long.class), rs.getString(3),
                        rs.getString(4), rs.getLong(5));
            }
        }
    }

    public Optional<Recording> ofAttempt(Connection c, long attemptId) throws SQLException {
        return one(c, "select " + COLUMNS + " from call_recording r where r.attempt_id = ?", attemptId);
    }

    public Recording get(Connection c, long recordingId) throws SQLException {
        return one(c, "select " + COLUMNS + " from call_recording r where r.id = ?", recordingId)
                .orElseThrow(() -> new NotFound("recording " + recordingId));
    }

    /** The recordings of a debtor's calls, newest first. */
    public List<Recording> ofDebtor(Connection c, long debtorId, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS
                + " from call_recording r join call_attempt a on a.id = r.attempt_id where a.debtor_id = ? order by r.id desc limit ?")) {
            ps.setLong(1, debtorId);
            ps.setInt(2, limit);
            return list(ps);
        }
    }

    /** A new recording of the attempt, started now by {@code actor}; a second one for the same attempt is a conflict. */
    public Optional<Recording> start(Connection c, long attemptId, Instant at, String actor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into call_recording (attempt_id, file, state, started_at) values (?, ?, 'RECORDING', ?)
                on conflict (attempt_id) do nothing returning id""")) {
            ps.setLong(1, attemptId);
            ps.setString(2, RecordingFiles.nameOf(attemptId));
            ps.setTimestamp(3, Timestamp.from(at));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long id = rs.getLong(1);
                audit(c, id, "START", actor, at);
                return Optional.of(new Recording(id, attemptId, RecordingFiles.nameOf(attemptId), State.RECORDING, at, null, null, null));
            }
        }
    }

    /** Moves a recording from one state to another (a conflict if it is not in {@code from} any more), audited. */
    public void move(Connection c, long recordingId, State from, State to, String action, String actor, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update call_recording set state = ? where id = ? and state = ?")) {
            ps.setString(1, to.name());
            ps.setLong(2, recordingId);
            ps.setString(3, from.name());
            if (ps.executeUpdate() != 1) {
                throw new Conflict("recording " + recordingId + " is not " + from.name().toLowerCase() + " any more");
            }
        }
        audit(c, recordingId, action, actor, at);
    }

    /** The recording ended with its call (recording or paused until then): its end and length. */
    public boolean ended(Connection c, long recordingId, Instant at, long lengthMs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update call_recording set state = 'ENDED', ended_at = ?, length_ms = ?
                where id = ? and state in ('RECORDING', 'PAUSED')""")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setLong(2, lengthMs);
            ps.setLong(3, recordingId);
            if (ps.executeUpdate() != 1) {
                return false;
            }
        }
        audit(c, recordingId, "END", SYSTEM, at);
        return true;
    }

    /** The recording could not be started (the call was gone, the PBX refused). */
    public void failed(Connection c, long recordingId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update call_recording set state = 'FAILED', ended_at = ? where id = ? and state in ('RECORDING', 'PAUSED')")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setLong(2, recordingId);
            ps.executeUpdate();
        }
        audit(c, recordingId, "FAIL", SYSTEM, at);
    }

    /** The recordings the purge may delete (ended or failed), with their campaign's retention. */
    public List<Retention.Kept> kept(Connection c) throws SQLException {
        List<Retention.Kept> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select r.id, r.file, r.started_at, coalesce(s.retention_days, ?)
                from call_recording r join call_attempt a on a.id = r.attempt_id
                left join campaign_recording s on s.campaign_id = a.campaign_id
                where r.state in ('ENDED', 'FAILED')""");) {
            ps.setInt(1, RecordingSetting.DEFAULT.retentionDays());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Retention.Kept(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getInt(4)));
                }
            }
        }
        return out;
    }

    public void purged(Connection c, long recordingId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update call_recording set state = 'PURGED', purged_at = ? where id = ? and state in ('ENDED', 'FAILED')")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setLong(2, recordingId);
            if (ps.executeUpdate() == 1) {
                audit(c, recordingId, "PURGE", SYSTEM, at);
            }
        }
    }

    public void audit(Connection c, long recordingId, String action, String actor, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into recording_audit (recording_id, action, actor, at) values (?, ?, ?, ?)")) {
            ps.setLong(1, recordingId);
            ps.setString(2, action);
            ps.setString(3, actor);
            ps.setTimestamp(4, Timestamp.from(at));
            ps.executeUpdate();
        }
    }

    public List<Audit> trail(Connection c, long recordingId) throws SQLException {
        List<Audit> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select action, actor, at from recording_audit where recording_id = ? order by id")) {
            ps.setLong(1, recordingId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Audit(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
                }
            }
        }
        return out;
    }

    public static JsonArray toJson(List<Audit> trail) {
        return new JsonArray(trail.stream().map(Audit::toJson).toList());
    }

    private Optional<Recording> one(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            List<Recording> l = list(ps);
            return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
        }
    }

    private static List<Recording> list(PreparedStatement ps) throws SQLException {
        List<Recording> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Recording(rs.getLong(1), rs.getLong(2), rs.getString(3), State.valueOf(rs.getString(4)),
                        rs.getTimestamp(5).toInstant(), instant(rs.getTimestamp(6)), rs.getObject(7, Long.class),
                        instant(rs.getTimestamp(8))));
            }
        }
        return out;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
