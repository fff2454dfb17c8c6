package dialer.core.ownership;

import dialer.core.Invalid;
import io.vertx.core.json.JsonObject;

/**
 * Who debtors are given to: one agent, a team (optionally spread evenly over the team's agents, in
 * turn), or nobody. Exactly one of them.
 */
public record OwnerTarget(Long agentId, Long teamId, boolean spread) {

    public static final OwnerTarget NOBODY = new OwnerTarget(null, null, false);

    /** Reads {@code {"agentId": n}}, {@code {"teamId": n, "spread": true}} or {@code {"nobody": true}}; {@code field} names it in a 400. */
    public static OwnerTarget fromJson(JsonObject json, String field) {
        if (json == null) {
            throw Invalid.of(field, "is required: {\"agentId\": n}, {\"teamId\": n} (with \"spread\": true to share it out "
                    + "among the team's agents) or {\"nobody\": true}");
        }
        Invalid.Collector problems = new Invalid.Collector();
        Long agent = id(json, "agentId", field, problems);
        Long team = id(json, "teamId", field, problems);
        boolean nobody = bool(json, "nobody", field, problems);
        boolean spread = bool(json, "spread", field, problems);
        int chosen = (agent != null ? 1 : 0) + (team != null ? 1 : 0) + (nobody ? 1 : 0);
        problems.check(chosen == 1, field, "give exactly one of agentId, teamId or nobody: true");
        problems.check(!spread || team != null, field + ".spread", "only with a teamId: the team's agents share the debtors");
        for (String key : json.fieldNames()) {
            problems.check(key.equals("agentId") || key.equals("teamId") || key.equals("nobody") || key.equals("spread"),
                    field + "." + key, "is not a field of an owner");
        }
        problems.throwIfAny();
        return nobody ? NOBODY : new OwnerTarget(agent, team, spread);
    }

    public boolean nobody() {
        return agentId == null && teamId == null;
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        if (agentId != null) {
            json.put("agentId", agentId);
        } else if (teamId != null) {
            json.put("teamId", teamId).put("spread", spread);
        } else {
            json.put("nobody", true);
        }
        return json;
    }

    static Long id(JsonObject json, String key, String field, Invalid.Collector problems) {
        Object v = json.getValue(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n && n.doubleValue() == n.longValue() && n.longValue() > 0) {
            return n.longValue();
        }
        problems.add(field.isEmpty() ? key : field + "." + key, "must be a positive whole number (an id)");
        return null;
    }

    static boolean bool(JsonObject json, String key, String field, Invalid.Collector problems) {
        Object v = json.getValue(key);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        problems.add(field.isEmpty() ? key : field + "." + key, "must be true or false");
        return false;
    }
}
