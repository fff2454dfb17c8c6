package dialer.core.script;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which script the agent sees: among the campaign's scripts for the debtor's segment and the
 * call's situation, the closest (a script for this situation and segment before one for this
 * situation, before one for this segment, before one for any), then the highest priority, then
 * the oldest. A campaign with none that fits gets the shipped defaults, chosen the same way.
 */
public final class ScriptChooser {

    private ScriptChooser() {
    }

    public static Optional<CallScript> choose(List<CallScript> scripts, String segment, Situation situation) {
        return scripts.stream().filter(s -> s.fit(segment, situation) >= 0)
                .max(Comparator.<CallScript>comparingInt(s -> s.fit(segment, situation)).thenComparingInt(CallScript::priority)
                        .thenComparing(s -> s.id() == null ? Long.MIN_VALUE : -s.id()));
    }

    /** The situation when the agent has not said: a debtor whose last promise was broken is that call. */
    public static Situation defaultSituation(int brokenInARow) {
        return brokenInARow > 0 ? Situation.BROKEN_PROMISE : Situation.RIGHT_PARTY;
    }
}
