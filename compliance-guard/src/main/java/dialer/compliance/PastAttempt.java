package dialer.compliance;

import java.time.Instant;
import java.util.Set;

/**
 * A reservation as the rules see it. {@code outcome} is null while pending; {@code endedAt} is
 * null unless completed (or expired after being dialed); {@code dialedAt} is null until marked
 * dialed; {@code validUntil} is the instant after which it can no longer be marked dialed (null on
 * reservations stored before reservations had a validity: those may have been dialed at any time).
 * {@code inbound}: a conversation the consumer started (recorded with
 * {@link ComplianceGuard#recordInboundConversation}), no call placed: cool-downs see it, frequency
 * limits do not count it. {@code consumerRequestId}: the {@link ConsumerRequest} the call was placed
 * on, or null; {@code regFExcluded}: the guard excluded it from Reg F's frequencies (12 CFR
 * 1006.14(b)(3)(i)).
 */
public record PastAttempt(long id, String campaignId, String debtorId, Set<String> debtIds, String phone,
                          PhoneType phoneType, Instant startedAt, Instant endedAt, AttemptState state,
                          CallOutcome outcome, Instant dialedAt, Instant validUntil, boolean inbound,
                          Long consumerRequestId, boolean regFExcluded) {

    public PastAttempt {
        debtIds = Set.copyOf(debtIds);
    }

    /** An outbound call, not placed on a consumer's request. */
    public PastAttempt(long id, String campaignId, String debtorId, Set<String> debtIds, String phone, PhoneType phoneType,
                       Instant startedAt, Instant endedAt, AttemptState state, CallOutcome outcome, Instant dialedAt,
                       Instant validUntil) {
        this(id, campaignId, debtorId, debtIds, phone, phoneType, startedAt, endedAt, state, outcome, dialedAt, validUntil,
                false, null, false);
    }

    /** A reservation without a validity or dial instant (as stored before either existed). */
    public PastAttempt(long id, String campaignId, String debtorId, Set<String> debtIds, String phone, PhoneType phoneType,
                       Instant startedAt, Instant endedAt, AttemptState state, CallOutcome outcome) {
        this(id, campaignId, debtorId, debtIds, phone, phoneType, startedAt, endedAt, state, outcome, null, null);
    }

    /**
     * Never dialed and never can be: its validity passed (or recovery expired it) before it was marked
     * dialed. Such a reservation was no call: it counts for nothing.
     */
    public boolean lapsed(Instant now) {
        if (dialedAt != null || validUntil == null) {
            return false;
        }
        return state == AttemptState.EXPIRED || (state == AttemptState.RESERVED && !now.isBefore(validUntil));
    }

    /** Whether this reservation is, or may be, a call: not released and not lapsed. */
    public boolean counts(Instant now) {
        return state != AttemptState.RELEASED && !lapsed(now);
    }

    /** Reserved or dialed, not finished, and still able to become (or be) a call. */
    public boolean inProgress(Instant now) {
        return state.pending() && !lapsed(now);
    }

    /**
     * Dialed, then left behind (by a crash) without an outcome: recovery expired it. It counts as one
     * call of unknown outcome, but starts no cool-down that needs a known outcome.
     */
    public boolean orphaned() {
        return state == AttemptState.EXPIRED && (dialedAt != null || validUntil == null);
    }

    /**
     * The instant the call counts from in a limit: when it was placed (marked dialed). While only
     * reserved, the latest instant it may still be placed (its validity), so a delayed dial can never
     * make it count earlier than it happens. Reservations stored without a validity: their reservation.
     */
    public Instant placedAt() {
        if (dialedAt != null) {
            return dialedAt;
        }
        if (state == AttemptState.RESERVED && validUntil != null) {
            return validUntil;
        }
        return startedAt;
    }

    /** The instant a cool-down counts from: the end of the call when known, else when it was placed. */
    public Instant lastActivity() {
        if (endedAt != null && endedAt.isAfter(placedAt())) {
            return endedAt;
        }
        return placedAt();
    }

    /** The outcome the rules must assume: the worst case (UNKNOWN) while pending or expired. */
    public CallOutcome assumedOutcome() {
        if (state == AttemptState.COMPLETED && outcome != null) {
            return outcome;
        }
        return CallOutcome.UNKNOWN;
    }
}
