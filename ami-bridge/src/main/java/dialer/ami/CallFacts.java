package dialer.ami;

import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the dialplan recorded about one call in Asterisk's own database (family {@code dialer/<call
 * id>}), so that what happened while the AMI link was down is known when it comes back: the
 * machine-detection verdict, the agent conference the person was put in, that the person was
 * abandoned, how the safe-harbor message ended, and the hang-up cause of a call that ended
 * unanswered. Each value is {@code <epoch seconds>|<what>}.
 */
public record CallFacts(Fact amd, Fact agent, Fact abandoned, Fact harbor, Fact unanswered) {

    public static final CallFacts NONE = new CallFacts(null, null, null, null, null);

    /** One fact and when the dialplan recorded it (to the second). */
    public record Fact(Instant at, String value) {
    }

    /** The AstDB family of a call's facts. */
    public static String family(String callId) {
        return "dialer/" + callId;
    }

    private static final Pattern LINE = Pattern.compile("^/dialer/([A-Za-z0-9_.]+)/(\\w+)\\s*:\\s*(\\d+)\\|(.*?)\\s*$");

    /** The facts of {@code callId} in the output of {@code database show dialer/<call id>}. */
    public static CallFacts parse(String callId, List<String> lines) {
        Fact amd = null;
        Fact agent = null;
        Fact abandoned = null;
        Fact harbor = null;
        Fact unanswered = null;
        for (String line : lines) {
            Matcher m = LINE.matcher(line.trim());
            if (!m.matches() || !m.group(1).equals(callId)) {
                continue;
            }
            Fact fact = new Fact(Instant.ofEpochSecond(Long.parseLong(m.group(3))), m.group(4));
            switch (m.group(2)) {
                case "amd" -> amd = fact;
                case "agent" -> agent = fact;
                case "abandoned" -> abandoned = fact;
                case "harbor" -> harbor = fact;
                case "unanswered" -> unanswered = fact;
                default -> {
                }
            }
        }
        return new CallFacts(amd, agent, abandoned, harbor, unanswered);
    }

    public boolean any() {
        return amd != null || agent != null || abandoned != null || harbor != null || unanswered != null;
    }
}
