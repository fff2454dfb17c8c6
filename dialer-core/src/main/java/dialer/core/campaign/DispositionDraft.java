package dialer.core.campaign;

import dialer.core.Invalid;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * A code of a campaign's disposition set to add or change, read from a request and checked field by
 * field. {@code retryMinutes} null for the default; the flags are false unless given.
 */
public record DispositionDraft(String code, String label, boolean isContact, boolean isRightParty, boolean isFinal,
                               boolean marksNumberInvalid, boolean addsToDnc, boolean needsPromise, boolean needsCallback,
                               Integer retryMinutes) {

    private static final List<String> FLAGS = List.of("isContact", "isRightParty", "isFinal", "marksNumberInvalid",
            "addsToDnc", "needsPromise", "needsCallback");

    public static DispositionDraft fromJson(String code, JsonObject d) {
        Invalid.Collector problems = new Invalid.Collector();
        problems.check(code.matches("[A-Z][A-Z0-9_]{1,29}"), "code", "must be 2-30 capital letters, digits or _");
        Object label = d.getValue("label");
        problems.check(label instanceof String s && !s.isBlank() && s.length() <= 60, "label", "is required, at most 60 characters");
        for (String flag : FLAGS) {
            problems.check(d.getValue(flag) == null || d.getValue(flag) instanceof Boolean, flag, "must be true or false");
        }
        Object retry = d.getValue("retryMinutes");
        problems.check(retry == null || retry instanceof Number n && n.intValue() >= 0 && n.intValue() <= 525600,
                "retryMinutes", "must be minutes from 0 to 525600");
        problems.throwIfAny();
        return new DispositionDraft(code, ((String) label).trim(), Boolean.TRUE.equals(d.getValue("isContact")),
                Boolean.TRUE.equals(d.getValue("isRightParty")), Boolean.TRUE.equals(d.getValue("isFinal")),
                Boolean.TRUE.equals(d.getValue("marksNumberInvalid")), Boolean.TRUE.equals(d.getValue("addsToDnc")),
                Boolean.TRUE.equals(d.getValue("needsPromise")), Boolean.TRUE.equals(d.getValue("needsCallback")),
                retry == null ? null : ((Number) retry).intValue());
    }
}
