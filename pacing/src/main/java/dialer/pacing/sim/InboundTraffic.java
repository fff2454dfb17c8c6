package dialer.pacing.sim;

/**
 * A blended scenario's inbound callers: a Poisson stream, with their talk and wrap-up times and how long
 * each waits for an agent before hanging up.
 *
 * @param perHour  mean arrivals per hour
 * @param talk     talk time of an inbound call
 * @param wrap     wrap-up after it
 * @param patience how long a caller waits for an agent before hanging up
 */
public record InboundTraffic(double perHour, DurationSpec talk, DurationSpec wrap, DurationSpec patience) {

    public InboundTraffic {
        if (!(perHour > 0) || talk == null || wrap == null || patience == null) {
            throw new IllegalArgumentException("inbound traffic needs a positive rate, talk, wrap and patience");
        }
    }

    public double perMilli() {
        return perHour / 3_600_000.0;
    }
}
