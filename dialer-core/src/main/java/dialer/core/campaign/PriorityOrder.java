package dialer.core.campaign;

import dialer.core.Invalid;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The order a campaign calls its debtors in: a list of keys, each ascending or descending.
 * Default: amount overdue, then days overdue, both highest first.
 */
public record PriorityOrder(List<Key> keys) {

    /** One sort key: a field of the queue and a direction. */
    public record Key(String field, boolean descending) {
    }

    /** The fields a queue can be ordered by, and their column. */
    private static final Map<String, String> COLUMNS = Map.of(
            "amount_overdue", "amount_overdue",
            "days_overdue", "days_overdue",
            "bucket", "bucket_rank",
            "broken_promises", "broken_promises",
            "attempts", "attempts");

    public static final PriorityOrder DEFAULT = new PriorityOrder(List.of(new Key("amount_overdue", true), new Key("days_overdue", true)));

    public PriorityOrder {
        keys = List.copyOf(keys);
    }

    /** The SQL {@code ORDER BY} list (columns come from a fixed table, never from input). */
    public String orderBy() {
        StringBuilder sb = new StringBuilder();
        for (Key k : keys) {
            sb.append(COLUMNS.get(k.field())).append(k.descending() ? " desc, " : " asc, ");
        }
        return sb.append("id").toString();
    }

    public static PriorityOrder fromJson(Object value, Invalid.Collector problems) {
        if (value == null) {
            return DEFAULT;
        }
        if (!(value instanceof JsonArray array) || array.isEmpty()) {
            problems.add("priority", "must be a list such as [{\"field\": \"amount_overdue\", \"direction\": \"desc\"}]");
            return DEFAULT;
        }
        List<Key> keys = new ArrayList<>();
        for (Object o : array) {
            if (!(o instanceof JsonObject k) || !COLUMNS.containsKey(String.valueOf(k.getValue("field")))) {
                problems.add("priority", "each key needs a field among " + COLUMNS.keySet());
                continue;
            }
            String direction = String.valueOf(k.getValue("direction", "desc"));
            if (!direction.equals("asc") && !direction.equals("desc")) {
                problems.add("priority", "direction must be asc or desc, was '" + dialer.core.Masked.excerpt(String.valueOf(direction)) + "'");
                continue;
            }
            keys.add(new Key(k.getString("field"), direction.equals("desc")));
        }
        return keys.isEmpty() ? DEFAULT : new PriorityOrder(keys);
    }

    public JsonArray toJson() {
        JsonArray out = new JsonArray();
        keys.forEach(k -> out.add(new JsonObject().put("field", k.field()).put("direction", k.descending() ? "desc" : "asc")));
        return out;
    }
}
