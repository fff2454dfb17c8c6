package dialer.core.script;

import dialer.core.Invalid;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** A script as an administrator writes it, checked field by field (each problem a 400 naming its field). */
public final class ScriptDraft {

    public static final Set<String> SEGMENTS = Set.of("new", "forgetful", "hardship", "avoider", "standard");
    private static final Pattern DISCLOSURE_ID = Pattern.compile("[a-z0-9-]{1,40}");
    private static final int MAX_STEPS = 30;
    private static final int MAX_DISCLOSURES = 10;

    private ScriptDraft() {
    }

    /** The script of {@code campaignId} in {@code json} (its id is given by the store). */
    public static CallScript fromJson(long campaignId, JsonObject json) {
        Invalid.Collector problems = new Invalid.Collector();
        String name = text(json, "name", 100, true, problems);
        String segment = json.getValue("segment") == null ? null : String.valueOf(json.getValue("segment"));
        problems.check(segment == null || SEGMENTS.contains(segment), "segment",
                "must be one of " + new java.util.TreeSet<>(SEGMENTS) + ", or absent for any");
        Situation situation = null;
        if (json.getValue("situation") != null) {
            try {
                situation = Situation.valueOf(String.valueOf(json.getValue("situation")));
            } catch (IllegalArgumentException e) {
                problems.add("situation", "must be RIGHT_PARTY, THIRD_PARTY, BROKEN_PROMISE or HARDSHIP, or absent for any");
            }
        }
        int priority = 0;
        if (json.getValue("priority") != null) {
            if (json.getValue("priority") instanceof Number n && n.doubleValue() == n.intValue() && Math.abs(n.intValue()) <= 1000) {
                priority = n.intValue();
            } else {
                problems.add("priority", "must be a whole number from -1000 to 1000");
            }
        }
        List<CallScript.Step> steps = new ArrayList<>();
        JsonArray stepArray = json.getValue("steps") instanceof JsonArray a ? a : null;
        if (stepArray == null || stepArray.isEmpty() || stepArray.size() > MAX_STEPS) {
            problems.add("steps", "must be a list of 1 to " + MAX_STEPS + " steps, each {title, text}");
        } else {
            for (int i = 0; i < stepArray.size(); i++) {
                String field = "steps[" + i + "]";
                if (!(stepArray.getValue(i) instanceof JsonObject step)) {
                    problems.add(field, "must be {title, text}");
                    continue;
                }
                String title = text(step, "title", 100, true, problems, field + ".title");
                String text = text(step, "text", 2000, true, problems, field + ".text");
                fields(title, field + ".title", problems);
                fields(text, field + ".text", problems);
                steps.add(new CallScript.Step(title, text));
            }
        }
        List<CallScript.Disclosure> disclosures = new ArrayList<>();
        Object d = json.getValue("disclosures");
        if (d != null && !(d instanceof JsonArray)) {
            problems.add("disclosures", "must be a list of {id, text, required, source}");
        } else if (d != null) {
            JsonArray array = (JsonArray) d;
            problems.check(array.size() <= MAX_DISCLOSURES, "disclosures", "at most " + MAX_DISCLOSURES);
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < array.size(); i++) {
                String field = "disclosures[" + i + "]";
                if (!(array.getValue(i) instanceof JsonObject one)) {
                    problems.add(field, "must be {id, text, required, source}");
                    continue;
                }
                String id = text(one, "id", 40, true, problems, field + ".id");
                problems.check(id == null || DISCLOSURE_ID.matcher(id).matches(), field + ".id",
                        "lower-case letters, digits and dashes, such as mini-miranda");
                problems.check(id == null || ids.add(id), field + ".id", "'" + id + "' is used twice");
                String text = text(one, "text", 1000, true, problems, field + ".text");
                fields(text, field + ".text", problems);
                Object required = one.getValue("required");
                problems.check(required == null || required instanceof Boolean, field + ".required", "must be true or false");
                String source = text(one, "source", 200, false, problems, field + ".source");
                disclosures.add(new CallScript.Disclosure(id, text, !Boolean.FALSE.equals(required), source));
            }
        }
        problems.throwIfAny();
        return new CallScript(null, campaignId, name, segment, situation, List.copyOf(steps), List.copyOf(disclosures), priority);
    }

    public static JsonObject toJson(CallScript s) {
        JsonArray steps = new JsonArray();
        s.steps().forEach(st -> steps.add(new JsonObject().put("title", st.title()).put("text", st.text())));
        JsonArray disclosures = new JsonArray();
        s.disclosures().forEach(d -> disclosures.add(new JsonObject().put("id", d.id()).put("text", d.text())
                .put("required", d.required()).put("source", d.source())));
        return new JsonObject().put("id", s.id()).put("campaignId", s.campaignId()).put("name", s.name()).put("segment", s.segment())
                .put("situation", s.situation() == null ? null : s.situation().name()).put("priority", s.priority())
                .put("steps", steps).put("disclosures", disclosures);
    }

    private static void fields(String text, String field, Invalid.Collector problems) {
        if (text != null) {
            Set<String> unknown = ScriptFields.unknown(text);
            problems.check(unknown.isEmpty(), field, "names no such field: " + unknown + "; the fields are " + ScriptFields.NAMES);
        }
    }

    private static String text(JsonObject json, String key, int max, boolean required, Invalid.Collector problems) {
        return text(json, key, max, required, problems, key);
    }

    private static String text(JsonObject json, String key, int max, boolean required, Invalid.Collector problems, String field) {
        Object v = json.getValue(key);
        if (v == null) {
            problems.check(!required, field, "is required");
            return null;
        }
        if (!(v instanceof String s) || s.isBlank() || s.length() > max) {
            problems.add(field, "must be a text of 1 to " + max + " characters");
            return null;
        }
        return s.strip();
    }
}
