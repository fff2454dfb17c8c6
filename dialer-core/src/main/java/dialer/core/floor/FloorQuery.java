package dialer.core.floor;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * What a floor report is asked for: days {@code from} to {@code to} in {@code zone}, grouped by day
 * or week, in the campaigns {@code campaignIds} (null: all of them), for one agent or all.
 *
 * @param now where spans still going end (the server's clock)
 */
public record FloorQuery(LocalDate from, LocalDate to, ZoneId zone, Periods.Grouping grouping, List<Long> campaignIds,
                         Long agentId, Instant now) {

    public List<Periods.Period> periods() {
        return Periods.of(from, to, grouping, zone);
    }
}
