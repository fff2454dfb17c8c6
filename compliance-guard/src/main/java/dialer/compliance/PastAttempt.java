package dialer.compliance;

import java.time.Instant;
import java.util.Set;

/**
 * A reservation as the rules see it. {@code outcome} is null while pending; {@code endedAt} is
 * null unless completed.
 */
public record PastAttempt(long id, String campaignId, String debtorId, Set<String> debtIds, String phone,
                          PhoneType phoneType, Instant startedAt, Instant endedAt, AttemptState state,
                          CallOutcome outcome) {

    public PastAttempt {
        debtIds = Set.copyOf(debtIds);
    }

    /** The instant a cool-down counts from: the end of the call when known, else its start. */
    public Instant lastActivity() {
        return endedAt != null ? endedAt : startedAt;
    }

    /** The outcome the rules must assume: the worst case (UNKNOWN) while pending or expired. */
    public CallOutcome assumedOutcome() {
        if (state == AttemptState.COMPLETED && outcome != null) {
            return outcome;
        }
        return CallOutcome.UNKNOWN;
    }
}
