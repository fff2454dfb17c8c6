package dialer.core.script;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The debtor's fields a script may name, as {@code {{field}}}, and their filling. A fixed list, no
 * expressions: a script can only show what is listed here, and nothing here is a full phone number
 * (the number dialed is its last four digits). Written here rather than with a template library
 * because the whole need is this substitution, and a template language would let a script reach
 * further than the screen pop does.
 */
public final class ScriptFields {

    public static final List<String> NAMES = List.of("debtor.name", "debtor.firstName", "agent.name", "campaign.name",
            "overdue.total", "overdue.days", "overdue.bucket", "overdue.accounts", "promise.lastAmount", "promise.lastDueDate",
            "promises.broken", "promises.brokenInARow", "payment.lastAmount", "payment.lastDate", "phone.last4", "segment");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9.]+)\\s*}}");

    private ScriptFields() {
    }

    /** The placeholders of {@code text} that are not fields, sorted. */
    public static Set<String> unknown(String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!NAMES.contains(m.group(1))) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** {@code text} with every field filled; a field with no value reads "(not known)". */
    public static String fill(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null || v.isBlank() ? "(not known)" : v));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A builder of the values, so callers name each field once. */
    public static Map<String, String> values() {
        return new LinkedHashMap<>();
    }
}
