package dialer.compliance;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * A call the consumer asked for, given directly to the collector (an agent recorded it with a
 * disposition or a callback): call this number at {@code requestedFor}, about {@code debtIds} (empty:
 * every debt of the debtor). Stored with who recorded it and when ({@link ComplianceGuard#recordConsumerRequest}).
 *
 * <p>It permits one call to that debtor at that number, placed from {@link #TOLERANCE_BEFORE} before
 * to {@link #TOLERANCE_AFTER} after the requested time:
 * <ul>
 * <li>outside the calling hours of windows that honour it (15 U.S.C. 1692c(a)(1): "without the prior
 * consent of the consumer given directly to the debt collector ... at any unusual time"; 12 CFR
 * 1006.6(b)(1)(i));</li>
 * <li>when placed within {@link #REG_F_CONSENT_PERIOD} of {@code givenAt}, inside Reg F's
 * conversation cool-down and outside its 7-in-7 count, and that call is never counted afterwards
 * (12 CFR 1006.14(b)(3)(i): calls placed with the person's prior consent given directly to the debt
 * collector, within a period of no more than seven consecutive days after it was given).</li>
 * </ul>
 * The tolerance is house policy: a consumer who says "call me at 9.30 pm" is called no earlier than
 * 9.25 and no later than 10.00; past that the request is spent and the ordinary rules apply again.
 */
public record ConsumerRequest(long id, String debtorId, Set<String> debtIds, String phone, Instant requestedFor,
                              Instant givenAt, Instant recordedAt, String recordedBy, String source) {

    /** How early before the requested time the call may be placed. */
    public static final Duration TOLERANCE_BEFORE = Duration.ofMinutes(5);
    /** How late after the requested time the call may still be placed. */
    public static final Duration TOLERANCE_AFTER = Duration.ofMinutes(30);
    /**
     * 12 CFR 1006.14(b)(3)(i): calls excluded from the frequencies must be placed within 7 consecutive
     * days after the consent; read strictly as 7 x 24 h from the moment it was given.
     */
    public static final Duration REG_F_CONSENT_PERIOD = Duration.ofDays(7);

    public ConsumerRequest {
        debtIds = debtIds == null ? Set.of() : Set.copyOf(debtIds);
    }

    /** The first instant the permitted call may be placed. */
    public Instant opensAt() {
        return requestedFor.minus(TOLERANCE_BEFORE);
    }

    /** The instant from which the permitted call may no longer be placed. */
    public Instant closesAt() {
        return requestedFor.plus(TOLERANCE_AFTER);
    }

    /** Whether a call of {@code r} placed at {@code t} is the call this request asks for: same debtor, number and debts, about the time asked. */
    public boolean covers(CallRequest r, Instant t) {
        return debtorId.equals(r.debtorId()) && phone.equals(r.phone())
                && (debtIds.isEmpty() || debtIds.containsAll(r.debtIds()) && !r.debtIds().isEmpty())
                && !t.isBefore(opensAt()) && t.isBefore(closesAt());
    }

    /** Whether a call placed at {@code t} is within 7 x 24 h after the consent was given (12 CFR 1006.14(b)(3)(i)). */
    public boolean withinRegFConsentPeriod(Instant t) {
        return !t.isBefore(givenAt) && t.isBefore(givenAt.plus(REG_F_CONSENT_PERIOD));
    }

    /** e.g. "consumer request #4 (call at 2024-01-09T02:30:00Z, given 2024-01-08T15:00:00Z, recorded by agent7 at ..., disposition 91)". */
    public String describe() {
        return "consumer request #" + id + " (call at " + requestedFor + ", given " + givenAt + ", recorded by " + recordedBy
                + " at " + recordedAt + ", " + source + ")";
    }
}
