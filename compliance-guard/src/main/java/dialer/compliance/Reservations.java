package dialer.compliance;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The life of a reservation after {@link ComplianceGuard#reserve}: marked dialed (only within its
 * validity), completed, released, or expired by recovery. Each transition is one statement guarded
 * by the state it leaves, so concurrent reports cannot both win.
 */
final class Reservations {

    private static final Logger log = LoggerFactory.getLogger(Reservations.class);

    /**
     * Transitions after the dial mark commit without waiting for the disk: if PostgreSQL crashed and
     * lost one, the reservation would stay DIALED, and recovery would count it as a call. Losing such a
     * transition can only make the guard stricter. The dial mark itself commits durably: a dial mark
     * lost by a crash would let recovery count a placed call as never dialed.
     */
    private static final String ASYNC = "with async as materialized (select set_config('synchronous_commit', 'off', true) as v) ";
    private static final String ASYNC_GUARD = " and exists (select 1 from async)";

    private final DataSource dataSource;
    private final Clock clock;

    Reservations(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    void markDialed(long id) {
        Instant now = now();
        int n = update("""
                update compliance.attempt set state = 'DIALED', dialed_at = ?, updated_at = ?
                 where id = ? and state = 'RESERVED' and (valid_until is null or valid_until > ?)""", id, ps -> {
            Sql.setInstant(ps, 1, now);
            Sql.setInstant(ps, 2, now);
            ps.setLong(3, id);
            Sql.setInstant(ps, 4, now);
        });
        if (n == 1) {
            return;
        }
        Current cur = current(id);
        switch (cur.state) {
            case DIALED -> { } // repeated report: nothing to do
            case RESERVED -> {
                // its validity has passed: it lapses now (it was never a call) and the caller must not dial
                lapse(id, now);
                log.warn("reservation #{} was marked dialed after its validity ended at {}: refused, not to be dialed",
                        id, cur.validUntil);
                throw new ReservationExpiredException(id, cur.validUntil);
            }
            case EXPIRED -> {
                if (cur.dialedAt == null && cur.validUntil != null) {
                    throw new ReservationExpiredException(id, cur.validUntil);
                }
                log.warn("reservation #{} was dialed after the recovery step expired it; it stays counted", id);
            }
            case RELEASED -> throw new IllegalStateException("reservation #" + id + " was released (" + cur.releasedReason
                    + "): it must not be dialed; reserve again");
            case COMPLETED -> throw new IllegalStateException("reservation #" + id + " is already completed ("
                    + cur.outcome + "); it cannot be dialed again");
            default -> throw new IllegalStateException("reservation #" + id + " is " + cur.state);
        }
    }

    private void lapse(long id, Instant now) {
        update(ASYNC + "update compliance.attempt set state = 'EXPIRED', updated_at = ? where id = ? and state = 'RESERVED'"
                + " and dialed_at is null and valid_until <= ?" + ASYNC_GUARD, id, ps -> {
            Sql.setInstant(ps, 1, now);
            ps.setLong(2, id);
            Sql.setInstant(ps, 3, now);
        });
    }

    void complete(long id, CallOutcome outcome) {
        if (outcome == null) {
            throw new IllegalArgumentException("complete(#" + id + ") needs an outcome (UNKNOWN if nobody knows)");
        }
        Instant now = now();
        // a call reported without its dial mark was placed at the latest now: it counts from then
        int n = update(ASYNC + """
                update compliance.attempt set state = 'COMPLETED', outcome = ?, ended_at = ?, updated_at = ?,
                       dialed_at = coalesce(dialed_at, ?)
                 where id = ? and state in ('RESERVED', 'DIALED', 'EXPIRED')""" + ASYNC_GUARD, id, ps -> {
            ps.setString(1, outcome.name());
            Sql.setInstant(ps, 2, now);
            Sql.setInstant(ps, 3, now);
            Sql.setInstant(ps, 4, now);
            ps.setLong(5, id);
        });
        if (n == 0) {
            Current cur = current(id);
            if (cur.state == AttemptState.COMPLETED && cur.outcome == outcome) {
                return;
            }
            if (cur.state == AttemptState.COMPLETED) {
                throw new IllegalStateException("reservation #" + id + " is already completed with " + cur.outcome
                        + "; refusing to change it to " + outcome);
            }
            throw new IllegalStateException("reservation #" + id + " was released (" + cur.releasedReason
                    + "), so it cannot have an outcome; a released reservation must not have been dialed");
        }
    }

    /** {@code placedRefused}: the caller states the telephony layer did not place the call even though it was marked dialed. */
    void release(long id, String reason, boolean placedRefused) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("release(#" + id + ") needs a reason (why the call was not dialed)");
        }
        Instant now = now();
        int n = update(ASYNC + """
                update compliance.attempt set state = 'RELEASED', released_reason = ?, ended_at = ?, updated_at = ?
                 where id = ? and (state = 'RESERVED' or (? and state = 'DIALED'))""" + ASYNC_GUARD, id, ps -> {
            ps.setString(1, reason);
            Sql.setInstant(ps, 2, now);
            Sql.setInstant(ps, 3, now);
            ps.setLong(4, id);
            ps.setBoolean(5, placedRefused);
        });
        if (n == 1) {
            if (placedRefused) {
                log.info("reservation #{} released after its dial mark: {}", id, reason);
            }
            return;
        }
        Current cur = current(id);
        switch (cur.state) {
            case RELEASED -> { } // repeated release
            case DIALED -> throw new IllegalStateException("reservation #" + id + " was marked dialed: complete it with its "
                    + "outcome instead; a dialed call is never released");
            case EXPIRED -> {
                if (cur.dialedAt == null && cur.validUntil != null) {
                    return; // lapsed without being dialed: it already costs nothing
                }
                throw new IllegalStateException("reservation #" + id + " was expired by the recovery step and "
                        + "is counted as a call; it cannot be freed (complete it with the real outcome if known)");
            }
            default -> throw new IllegalStateException("reservation #" + id + " is already " + cur.state
                    + (cur.outcome == null ? "" : " (" + cur.outcome + ")") + " and cannot be released");
        }
    }

    /**
     * Reservations never marked dialed lapse once their validity has passed (they cost nothing);
     * dialed ones older than {@code olderThan} (since the dial) expire as one call of unknown outcome
     * (its end stays unknown: cool-downs after any attempt count from the dial). Reservations stored without a validity keep the old rule: older
     * than {@code olderThan} since the reservation, counted as a call.
     */
    int recoverStale(Duration olderThan) {
        if (olderThan == null || olderThan.isNegative()) {
            throw new IllegalArgumentException("recoverStale needs a non-negative age, got " + olderThan);
        }
        Instant now = now();
        Instant before = now.minus(olderThan);
        List<Long> lapsed = new ArrayList<>();
        List<Long> orphaned = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     update compliance.attempt
                        set state = 'EXPIRED', updated_at = ?,
                            outcome = case when dialed_at is null and valid_until is not null then null else 'UNKNOWN' end
                      where (state = 'RESERVED' and valid_until is not null and valid_until <= ?)
                         or (state = 'RESERVED' and valid_until is null and reserved_at < ?)
                         or (state = 'DIALED' and coalesce(dialed_at, reserved_at) < ?)
                     returning id, dialed_at is null and valid_until is not null""")) {
            Sql.setInstant(ps, 1, now);
            Sql.setInstant(ps, 2, now);
            Sql.setInstant(ps, 3, before);
            Sql.setInstant(ps, 4, before);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    (rs.getBoolean(2) ? lapsed : orphaned).add(rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new ComplianceException("recovery of stale reservations failed: " + e.getMessage(), e);
        }
        if (!lapsed.isEmpty()) {
            log.info("recovery: {} reservation(s) never dialed within their validity lapsed (no call, nothing counted): {}",
                    lapsed.size(), head(lapsed));
        }
        if (!orphaned.isEmpty()) {
            log.info("recovery: {} dialed reservation(s) older than {} without an outcome expired (each counted as one call "
                    + "of unknown outcome): {}", orphaned.size(), olderThan, head(orphaned));
        }
        return lapsed.size() + orphaned.size();
    }

    private static String head(List<Long> ids) {
        return ids.size() > 20 ? ids.subList(0, 20) + "..." : ids.toString();
    }

    AttemptState state(long id) {
        return current(id).state;
    }

    private record Current(AttemptState state, CallOutcome outcome, String releasedReason, Instant dialedAt,
                           Instant validUntil) {
    }

    private Current current(long id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "select state, outcome, released_reason, dialed_at, valid_until from compliance.attempt where id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no reservation #" + id);
                }
                String outcome = rs.getString(2);
                return new Current(AttemptState.valueOf(rs.getString(1)), outcome == null ? null : CallOutcome.valueOf(outcome),
                        rs.getString(3), Sql.getInstant(rs, "dialed_at"), Sql.getInstant(rs, "valid_until"));
            }
        } catch (SQLException e) {
            throw new ComplianceException("could not read reservation #" + id + ": " + e.getMessage(), e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private int update(String sql, long id, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new ComplianceException("could not update reservation #" + id + ": " + e.getMessage(), e);
        }
    }
}
