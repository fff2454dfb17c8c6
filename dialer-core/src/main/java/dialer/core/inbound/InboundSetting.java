package dialer.core.inbound;

import dialer.core.Invalid;
import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * Whether a campaign takes debtors' calls to us (inbound callbacks), how long a caller waits for one
 * of its agents before the message and a callback task, the service level it is held to (this share
 * of callers answered within this many seconds), and the message (an Asterisk sound; null: the
 * campaign's safe-harbor message).
 */
public record InboundSetting(boolean accepts, int waitSeconds, int serviceLevelSeconds, int serviceLevelPercent,
                             String overflowPrompt) {

    public static final InboundSetting NONE = new InboundSetting(false, 60, 20, 80, null);

    /** An Asterisk sound name: letters, digits, '-', '_' and '/' (no path climbing, no extension). */
    private static final Pattern SOUND = Pattern.compile("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+){0,3}");

    private static final String GET = """
            select accepts, wait_seconds, service_level_seconds, service_level_percent, overflow_prompt
            from campaign_inbound where campaign_id = ?""";
    private static final String PUT = """
            insert into campaign_inbound (campaign_id, accepts, wait_seconds, service_level_seconds, service_level_percent,
                                          overflow_prompt, updated_by, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, now())
            on conflict (campaign_id) do update set accepts = excluded.accepts, wait_seconds = excluded.wait_seconds,
                service_level_seconds = excluded.service_level_seconds, service_level_percent = excluded.service_level_percent,
                overflow_prompt = excluded.overflow_prompt, updated_by = excluded.updated_by, updated_at = now()""";

    public static InboundSetting fromJson(JsonObject json) {
        Invalid.Collector problems = new Invalid.Collector();
        Object accepts = json.getValue("accepts");
        problems.check(accepts instanceof Boolean, "accepts", "is required: true or false");
        int wait = whole(json, "waitSeconds", NONE.waitSeconds(), 5, 600, problems);
        int slSeconds = whole(json, "serviceLevelSeconds", NONE.serviceLevelSeconds(), 1, 600, problems);
        int slPercent = whole(json, "serviceLevelPercent", NONE.serviceLevelPercent(), 1, 100, problems);
        Object prompt = json.getValue("overflowPrompt");
        if (prompt != null && !(prompt instanceof String s && s.length() <= 100 && SOUND.matcher(s).matches())) {
            problems.add("overflowPrompt", "must be an Asterisk sound name such as 'custom/we-will-call-you' (letters, digits, "
                    + "'-', '_', '/'; no extension)");
        }
        if (slSeconds > wait && problems.size() == 0) {
            problems.add("serviceLevelSeconds", "must not be longer than waitSeconds (" + wait + "): nobody waits that long");
        }
        problems.throwIfAny();
        return new InboundSetting((Boolean) accepts, wait, slSeconds, slPercent, (String) prompt);
    }

    private static int whole(JsonObject json, String field, int dflt, int min, int max, Invalid.Collector problems) {
        Object v = json.getValue(field);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number n && n.doubleValue() == n.intValue() && n.intValue() >= min && n.intValue() <= max) {
            return n.intValue();
        }
        problems.add(field, "must be a whole number from " + min + " to " + max);
        return dflt;
    }

    public static InboundSetting of(Connection c, long campaignId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(GET)) {
            ps.setLong(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new InboundSetting(rs.getBoolean(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getString(5))
                        : NONE;
            }
        }
    }

    public void save(Connection c, long campaignId, String actor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(PUT)) {
            ps.setLong(1, campaignId);
            ps.setBoolean(2, accepts);
            ps.setInt(3, waitSeconds);
            ps.setInt(4, serviceLevelSeconds);
            ps.setInt(5, serviceLevelPercent);
            ps.setString(6, overflowPrompt);
            ps.setString(7, actor);
            ps.executeUpdate();
        }
    }

    public JsonObject toJson() {
        return new JsonObject().put("accepts", accepts).put("waitSeconds", waitSeconds)
                .put("serviceLevelSeconds", serviceLevelSeconds).put("serviceLevelPercent", serviceLevelPercent)
                .put("overflowPrompt", overflowPrompt);
    }
}
