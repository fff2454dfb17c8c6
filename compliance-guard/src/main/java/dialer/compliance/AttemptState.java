package dialer.compliance;

/**
 * The life of a reservation: {@code RESERVED -> DIALED -> COMPLETED(outcome)}, or
 * {@code RESERVED -> RELEASED} when the call was definitely not dialed. The recovery step turns
 * RESERVED and DIALED reservations older than a timeout into {@code EXPIRED} (outcome UNKNOWN,
 * counted as the worst case); a late {@code complete} may still correct an EXPIRED one.
 * Every state but RELEASED uses up a slot.
 */
public enum AttemptState {
    RESERVED, DIALED, COMPLETED, RELEASED, EXPIRED;

    /** Still in progress: the call may be ringing or talking right now. */
    public boolean pending() {
        return this == RESERVED || this == DIALED;
    }
}
