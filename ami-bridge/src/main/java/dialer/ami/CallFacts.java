package dialer.ami;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the dialplan recorded about one call in Asterisk's own database (family {@code dialer/<call
 * id>}), so that what happened while the AMI link was down is known when it comes back: the
 * machine-detection verdict, the agent conference the person was put in, that the person was
 * abandoned, how the safe-harbor message ended, and the hang-up cause of a call that ended
 * unanswered ({@code unanswered}) or answered ({@code hungup}). Each value is {@code <epoch
 * seconds>|<what>}. Every callee channel the dialer's originate creates leaves at least one fact
 * when it hangs up (its hang-up handler), so a call with none never had a channel, unless Asterisk
 * itself went down meanwhile.
 */
public record CallFacts(Fact amd, Fact agent, Fact abandoned, Fact harbor, Fact unanswered, Fact hungup) {

    public static final CallFacts NONE = new CallFacts(null, null, null, null, null, null);

    /**
     * How far Asterisk's clock (which stamps the facts) may be behind ours (which stamps the
     * placement) before a fact of the call would be taken for an older one.
     */
    static final Duration CLOCK_TOLERANCE = Duration.ofSeconds(2);

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
        Fact hungup = null;
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
                case "hungup" -> hungup = fact;
                default -> {
                }
            }
        }
        return new CallFacts(amd, agent, abandoned, harbor, unanswered, hungup);
    }

    /**
     * Only the facts recorded since a call placed at {@code placedAt} (within {@link
     * #CLOCK_TOLERANCE}): a call id used before (a database started afresh counts its attempts
     * from 1 again) may find an earlier call's facts still in Asterisk's database, which say
     * nothing of this call. All of them when the placement time is not known.
     */
    public CallFacts since(Instant placedAt) {
        if (placedAt == null) {
            return this;
        }
        Instant from = placedAt.minus(CLOCK_TOLERANCE).truncatedTo(ChronoUnit.SECONDS);
        return new CallFacts(ifSince(amd, from), ifSince(agent, from), ifSince(abandoned, from), ifSince(harbor, from),
                ifSince(unanswered, from), ifSince(hungup, from));
    }

    private static Fact ifSince(Fact fact, Instant from) {
        return fact == null || fact.at().isBefore(from) ? null : fact;
    }

    public boolean any() {
        return amd != null || agent != null || abandoned != null || harbor != null || unanswered != null || hungup != null;
    }
}
