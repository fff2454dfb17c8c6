package dialer.core.recording;

import dialer.core.Invalid;
import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A campaign's call recording: which calls ({@link RecordingMode}), how many days the files are
 * kept before the purge deletes them, whether agents may play the recordings of their own calls, and
 * the notice played to both sides when a recording starts ({@link NoticePrompt}; null: none).
 * Campaigns without a row record nothing.
 */
public record RecordingSetting(RecordingMode mode, int retentionDays, boolean agentsMayListen, String noticePrompt) {

    public static final int MAX_RETENTION_DAYS = 3650;
    public static final RecordingSetting DEFAULT = new RecordingSetting(RecordingMode.NONE, 90, false, null);

    private static final String GET = """
            select mode, retention_days, agents_may_listen, notice_prompt from campaign_recording where campaign_id = ?""";
    private static final String PUT = """
            insert into campaign_recording (campaign_id, mode, retention_days, agents_may_listen, notice_prompt)
            values (?, ?, ?, ?, ?)
            on conflict (campaign_id) do update set mode = excluded.mode, retention_days = excluded.retention_days,
                agents_may_listen = excluded.agents_may_listen, notice_prompt = excluded.notice_prompt""";

    /**
     * The setting a PUT asks for: {@code mode} is required; {@code retentionDays} (1-3650) and
     * {@code agentsMayListen} keep their defaults when left out; {@code noticePrompt} left out or null
     * plays no notice.
     */
    public static RecordingSetting fromJson(JsonObject json) {
        Invalid.Collector problems = new Invalid.Collector();
        RecordingMode mode = RecordingMode.parse(json.getValue("mode")).orElse(null);
        problems.check(mode != null, "mode", "must be ALL, NONE or ON_DEMAND");
        int retention = DEFAULT.retentionDays;
        Object r = json.getValue("retentionDays");
        if (r != null) {
            if (r instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.doubleValue() >= 1
                    && n.doubleValue() <= MAX_RETENTION_DAYS) {
                retention = n.intValue();
            } else {
                problems.add("retentionDays", "must be a whole number of days from 1 to " + MAX_RETENTION_DAYS);
            }
        }
        boolean listen = DEFAULT.agentsMayListen;
        Object l = json.getValue("agentsMayListen");
        if (l != null) {
            if (l instanceof Boolean b) {
                listen = b;
            } else {
                problems.add("agentsMayListen", "must be true or false");
            }
        }
        Object notice = json.getValue("noticePrompt");
        if (notice != null && !NoticePrompt.valid(notice)) {
            problems.add("noticePrompt", "must be an Asterisk sound name such as 'custom/call-recorded' (letters, digits, '-', '_',"
                    + " up to four parts joined by '/'; no extension; at most " + NoticePrompt.MAX_LENGTH + " characters), or null for none");
        }
        problems.throwIfAny();
        return new RecordingSetting(mode, retention, listen, (String) notice);
    }

    public static RecordingSetting of(Connection c, long campaignId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(GET)) {
            ps.setLong(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new RecordingSetting(RecordingMode.valueOf(rs.getString(1)), rs.getInt(2), rs.getBoolean(3),
                        rs.getString(4))
                        : DEFAULT;
            }
        }
    }

    public void save(Connection c, long campaignId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(PUT)) {
            ps.setLong(1, campaignId);
            ps.setString(2, mode.name());
            ps.setInt(3, retentionDays);
            ps.setBoolean(4, agentsMayListen);
            ps.setString(5, noticePrompt);
            ps.executeUpdate();
        }
    }

    public JsonObject toJson() {
        return new JsonObject().put("mode", mode.name()).put("retentionDays", retentionDays).put("agentsMayListen", agentsMayListen)
                .put("noticePrompt", noticePrompt);
    }
}
