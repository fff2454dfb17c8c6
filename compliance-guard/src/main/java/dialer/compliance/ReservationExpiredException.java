package dialer.compliance;

import java.time.Instant;

/**
 * {@link ComplianceGuard#markDialed} refused: the reservation was not marked dialed within its
 * validity (a short time after the decision, never past the close of its calling window). The call
 * must not be dialed; the reservation costs nothing. Reserve again for a fresh decision.
 */
public final class ReservationExpiredException extends IllegalStateException {

    private final long reservationId;
    private final Instant validUntil;

    public ReservationExpiredException(long reservationId, Instant validUntil) {
        super("reservation #" + reservationId + " expired at " + validUntil + " before it was marked dialed: "
                + "do not dial; reserve again for a fresh decision");
        this.reservationId = reservationId;
        this.validUntil = validUntil;
    }

    public long reservationId() {
        return reservationId;
    }

    public Instant validUntil() {
        return validUntil;
    }
}
