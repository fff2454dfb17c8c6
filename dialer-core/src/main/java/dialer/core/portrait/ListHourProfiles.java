package dialer.core.portrait;

import dialer.core.db.Sql;
import io.vertx.core.Future;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Each campaign's hour profile: its attempts and right-party contacts of the last {@link #WINDOW} by the callee's
 * local hour. Reading it means reading every attempt of the window (a million rows take seconds), so a portrait
 * never waits for it: it gets the profile last read, and a profile older than {@link #TTL} (or none) is read
 * again in the background, one read per campaign at a time.
 */
public final class ListHourProfiles {

    static final Duration TTL = Duration.ofMinutes(10);
    static final Duration WINDOW = Duration.ofDays(90);

    /** The campaign's attempts of the window with the callee's zone on file, the number and whether right party. */
    static final String ATTEMPTS = """
            select d.time_zone, a.phone, a.originated_at, coalesce(cd.is_right_party, false)
            from call_attempt a
            join debtor d on d.id = a.debtor_id
            left join disposition x on x.attempt_id = a.id
            left join campaign_disposition cd on cd.campaign_id = x.campaign_id and cd.code = x.code
            where a.campaign_id = ? and a.originated_at >= ? and a.outcome is distinct from 'NOT_DIALED' and a.outcome is distinct from 'TRUNK_FAILURE' and a.direction = 'OUTBOUND'
            """;

    /** Attempts and right-party contacts per local hour 0-23, as read at {@code asOf}. */
    public record Profile(long[] attempts, long[] rightPartyContacts, Instant asOf, long readMillis) {
        public long total() {
            long n = 0;
            for (long a : attempts) {
                n += a;
            }
            return n;
        }
    }

    private final Sql sql;
    private final Clock clock;
    private final LocalZones zones = new LocalZones();
    private final Map<Long, Profile> profiles = new ConcurrentHashMap<>();
    private final Map<Long, AtomicBoolean> reading = new ConcurrentHashMap<>();

    public ListHourProfiles(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /** The profile last read (null: none yet); starts a read when there is none or it is older than {@link #TTL}. */
    public Profile current(long campaignId) {
        Profile p = profiles.get(campaignId);
        if (p == null || p.asOf().plus(TTL).isBefore(clock.instant())) {
            refresh(campaignId);
        }
        return p;
    }

    /** Reads the campaign's profile now (unless a read is under way: then that one's end). */
    public Future<Profile> refresh(long campaignId) {
        AtomicBoolean busy = reading.computeIfAbsent(campaignId, id -> new AtomicBoolean());
        if (!busy.compareAndSet(false, true)) {
            return Future.succeededFuture(profiles.get(campaignId));
        }
        return sql.tx(c -> read(c, campaignId)).onComplete(r -> {
            if (r.succeeded()) {
                profiles.put(campaignId, r.result());
            }
            busy.set(false);
        });
    }

    Profile read(Connection c, long campaignId) throws SQLException {
        long started = System.nanoTime();
        Instant now = clock.instant();
        long[] attempts = new long[24];
        long[] rpc = new long[24];
        try (PreparedStatement ps = c.prepareStatement(ATTEMPTS)) {
            ps.setFetchSize(10_000);
            ps.setLong(1, campaignId);
            ps.setTimestamp(2, Timestamp.from(now.minus(WINDOW)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int hour = rs.getTimestamp(3).toInstant().atZone(zones.of(rs.getString(1), rs.getString(2))).getHour();
                    attempts[hour]++;
                    if (rs.getBoolean(4)) {
                        rpc[hour]++;
                    }
                }
            }
        }
        return new Profile(attempts, rpc, now, (System.nanoTime() - started) / 1_000_000);
    }
}
