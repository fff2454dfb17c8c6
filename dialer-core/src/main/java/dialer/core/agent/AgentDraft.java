package dialer.core.agent;

import dialer.core.Invalid;
import io.vertx.core.json.JsonObject;

import java.util.Set;

/** An agent to register, read from a request and checked. */
public record AgentDraft(String name, String extension, String phone, String pbx, boolean simulated) {

    public static AgentDraft fromJson(JsonObject json, Set<String> pbxNames) {
        if (json == null) {
            throw Invalid.of("body", "a JSON object is required");
        }
        Invalid.Collector problems = new Invalid.Collector();
        String name = json.getValue("name") instanceof String s ? s.trim() : null;
        problems.check(name != null && !name.isEmpty() && name.length() <= 100, "name", "is required, at most 100 characters");
        String extension = json.getValue("extension") instanceof String s ? s.trim() : null;
        problems.check(extension != null && extension.matches("[0-9]{2,10}"), "extension",
                "is required: 2 to 10 digits (it names the agent's conference in Asterisk)");
        boolean simulated = Boolean.TRUE.equals(json.getValue("simulated"));
        String phone = json.getValue("phone") instanceof String s ? s.trim() : null;
        if (phone == null && simulated) {
            phone = Agent.SIMULATED_PHONE;
        }
        problems.check(phone != null && !phone.isEmpty() && phone.indexOf('\n') < 0 && phone.indexOf('\r') < 0
                && phone.contains("/"), "phone", "is required: a dial string such as PJSIP/1001 (or simulated: true)");
        String pbx = json.getValue("pbx") instanceof String s ? s.trim() : pbxNames.iterator().next();
        problems.check(pbxNames.contains(pbx), "pbx", "must be one of " + pbxNames + ", was '" + dialer.core.Masked.excerpt(String.valueOf(pbx)) + "'");
        problems.throwIfAny();
        return new AgentDraft(name, extension, phone, pbx, simulated);
    }
}
