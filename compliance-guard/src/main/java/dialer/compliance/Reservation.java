package dialer.compliance;

/**
 * The answer of {@link ComplianceGuard#reserve}: the decision and, when it allowed the call, the id
 * of the reservation that now holds the slot. Dial only when {@link #granted()}; then report
 * {@code markDialed}, and {@code complete} with the outcome, or {@code release} if the call was
 * definitely not dialed.
 */
public record Reservation(Decision decision, Long id) {

    public Reservation {
        if (decision.allowed() != (id != null)) {
            throw new IllegalArgumentException("a reservation id exists exactly when the decision allows the call");
        }
    }

    public boolean granted() {
        return id != null;
    }
}
