package dialer.core.queue;

import dialer.core.portrait.ListHourProfiles;
import dialer.core.portrait.LocalZones;
import dialer.pacing.order.BestHours;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * A campaign's claim of leads in the BEST_HOURS order (see {@link QueueOrderSetting}): locks the
 * next window of due leads in the campaign's priority order, scores each with the pacing library's
 * {@link BestHours} learner (the campaign's list profile by local hour, and the debtor's own
 * attempts of the last 90 days, index-backed) at the debtor's local hour now, and takes the best
 * {@code count}; the others stay READY (their locks end with the transaction). Runs in the
 * caller's transaction.
 */
public final class BestHoursWindow {

    /** The pseudo-debtor the list's own counts are recorded under. */
    private static final long LIST = -1;
    private static final Duration HISTORY = Duration.ofDays(90);

    private static final String WINDOW = """
            select id, debtor_id from campaign_lead
             where campaign_id = ? and state = 'READY' and next_call_at <= ?%s
             order by %s limit ? for update skip locked""";
    private static final String ZONES = """
            select d.id, d.time_zone, (select p.e164 from debtor_phone p where p.debtor_id = d.id and p.status = 'VALID'
                                        order by array_position(array['OWN_MOBILE','HOME','WORK','THIRD_PARTY'], p.phone_type), p.id
                                        limit 1)
              from debtor d where d.id = any(?)""";
    private static final String HISTORY_SQL = """
            select a.debtor_id, a.phone, a.originated_at, coalesce(cd.is_right_party, dc.is_right_party, false)
              from call_attempt a
              left join disposition x on x.attempt_id = a.id
              left join campaign_disposition cd on cd.campaign_id = x.campaign_id and cd.code = x.code
              left join disposition_code dc on dc.code = x.code
             where a.debtor_id = any(?) and a.originated_at >= ? and a.outcome is distinct from 'NOT_DIALED' and a.outcome is distinct from 'TRUNK_FAILURE'
               and a.direction = 'OUTBOUND'""";
    private static final String TAKE = """
            update campaign_lead set state = 'QUEUED', claimed_by = ?, claimed_at = ? where id = any(?)""";

    private final LongFunction<ListHourProfiles.Profile> listProfiles;
    private final LocalZones zones = new LocalZones();

    /** {@code listProfiles}: the campaign's list profile last read, or null (then the debtors' own histories decide). */
    public BestHoursWindow(LongFunction<ListHourProfiles.Profile> listProfiles) {
        this.listProfiles = listProfiles;
    }

    /** One lead of the window: its place in the priority order and its score. */
    record Scored(long leadId, long debtorId, int place, double chance) {
    }

    /** Claims up to {@code count} leads; returns their ids, best first. */
    public List<Long> claim(Connection c, long campaignId, String scopeFilter, String priorityOrder, int count, int window,
                            String node, Instant now) throws SQLException {
        List<long[]> leads = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(WINDOW.formatted(scopeFilter, priorityOrder))) {
            ps.setLong(1, campaignId);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setInt(3, Math.max(count, count * window));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    leads.add(new long[] {rs.getLong(1), rs.getLong(2)});
                }
            }
        }
        if (leads.isEmpty()) {
            return List.of();
        }
        Long[] debtors = leads.stream().map(l -> l[1]).distinct().toArray(Long[]::new);
        // each debtor's zone on file and first number: the local hour is read in the zone callbacks use
        Map<Long, String[]> where = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(ZONES)) {
            ps.setArray(1, c.createArrayOf("bigint", debtors));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    where.put(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3)});
                }
            }
        }
        BestHours learner = learner(c, campaignId, debtors, where, now);
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < leads.size(); i++) {
            long debtor = leads.get(i)[1];
            String[] w = where.getOrDefault(debtor, new String[2]);
            int hourNow = now.atZone(zones.of(w[0], w[1])).getHour();
            scored.add(new Scored(leads.get(i)[0], debtor, i, learner.score(debtor, hourNow)));
        }
        List<Long> chosen = best(scored, count);
        try (PreparedStatement ps = c.prepareStatement(TAKE)) {
            ps.setString(1, node);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setArray(3, c.createArrayOf("bigint", chosen.toArray()));
            ps.executeUpdate();
        }
        return chosen;
    }

    /** The {@code count} best chances, ties kept in the priority order. */
    static List<Long> best(List<Scored> scored, int count) {
        return scored.stream().sorted(Comparator.comparingDouble(Scored::chance).reversed().thenComparingInt(Scored::place))
                .limit(count).map(Scored::leadId).toList();
    }

    private BestHours learner(Connection c, long campaignId, Long[] debtors, Map<Long, String[]> where, Instant now)
            throws SQLException {
        BestHours learner = new BestHours();
        ListHourProfiles.Profile list = listProfiles.apply(campaignId);
        if (list != null) {
            for (int h = 0; h < 24; h++) {
                learner.record(LIST, h, (int) Math.min(Integer.MAX_VALUE, list.attempts()[h]),
                        (int) Math.min(list.rightPartyContacts()[h], list.attempts()[h]));
            }
        }
        try (PreparedStatement ps = c.prepareStatement(HISTORY_SQL)) {
            ps.setArray(1, c.createArrayOf("bigint", debtors));
            ps.setTimestamp(2, Timestamp.from(now.minus(HISTORY)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long debtor = rs.getLong(1);
                    String zoneOnFile = where.getOrDefault(debtor, new String[2])[0];
                    int hour = rs.getTimestamp(3).toInstant().atZone(zones.of(zoneOnFile, rs.getString(2))).getHour();
                    learner.record(debtor, hour, rs.getBoolean(4));
                }
            }
        }
        return learner;
    }
}
