package dialer.core.queue;

import dialer.core.Invalid;
import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * How a campaign's next calls are chosen: PRIORITY (its priority order, the default) or
 * BEST_HOURS: among the next {@code window} × wanted leads in its priority order, those with the
 * best learned chance of a right-party contact at their local hour now (ties: priority order).
 * The window keeps the campaign's priority in charge: a lead far down the order is never called
 * before the top of it just because this is its good hour.
 */
public record QueueOrderSetting(Order order, int window) {

    public enum Order { PRIORITY, BEST_HOURS }

    public static final QueueOrderSetting PRIORITY = new QueueOrderSetting(Order.PRIORITY, 5);

    private static final String GET = "select queue_order, window_size from campaign_queue_order where campaign_id = ?";
    private static final String PUT = """
            insert into campaign_queue_order (campaign_id, queue_order, window_size) values (?, ?, ?)
            on conflict (campaign_id) do update set queue_order = excluded.queue_order, window_size = excluded.window_size""";

    public static QueueOrderSetting fromJson(JsonObject json) {
        Invalid.Collector problems = new Invalid.Collector();
        Order order = null;
        try {
            order = json.getValue("order") instanceof String s ? Order.valueOf(s) : null;
        } catch (IllegalArgumentException e) {
            // reported below
        }
        problems.check(order != null, "order", "must be PRIORITY or BEST_HOURS");
        int window = 5;
        Object w = json.getValue("window");
        if (w != null) {
            if (w instanceof Number n && n.doubleValue() == n.intValue() && n.intValue() >= 1 && n.intValue() <= 50) {
                window = n.intValue();
            } else {
                problems.add("window", "must be a whole number from 1 to 50 (times the leads wanted)");
            }
        }
        problems.throwIfAny();
        return new QueueOrderSetting(order, window);
    }

    public static QueueOrderSetting of(Connection c, long campaignId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(GET)) {
            ps.setLong(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new QueueOrderSetting(Order.valueOf(rs.getString(1)), rs.getInt(2)) : PRIORITY;
            }
        }
    }

    public void save(Connection c, long campaignId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(PUT)) {
            ps.setLong(1, campaignId);
            ps.setString(2, order.name());
            ps.setInt(3, window);
            ps.executeUpdate();
        }
    }

    public JsonObject toJson() {
        return new JsonObject().put("order", order.name()).put("window", window);
    }
}
