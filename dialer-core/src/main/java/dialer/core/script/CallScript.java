package dialer.core.script;

import java.util.List;

/**
 * A campaign's script for the agent: the steps of the call and the disclosures the agent must
 * read (and tick). {@code segment} or {@code situation} null: for any. {@code id} null: a script
 * shipped with the dialer (see {@link DefaultScripts}).
 */
public record CallScript(Long id, long campaignId, String name, String segment, Situation situation, List<Step> steps,
                         List<Disclosure> disclosures, int priority) {

    public record Step(String title, String text) {
    }

    /** A statement the agent must read word for word; {@code id} names it in the attempt's record. */
    public record Disclosure(String id, String text, boolean required, String source) {
    }

    /**
     * How well it fits a segment and a situation: -1 when it does not apply; higher is closer. Who the
     * agent speaks with weighs more than the debtor's segment: a script for a third party beats one
     * for the debtor's segment in any situation (nothing of the debt may be said to a third party).
     */
    int fit(String debtorSegment, Situation asked) {
        if (segment != null && !segment.equals(debtorSegment) || situation != null && situation != asked) {
            return -1;
        }
        return (situation != null ? 2 : 0) + (segment != null ? 1 : 0);
    }
}
