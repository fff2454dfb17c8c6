package dialer.core.portrait;

import dialer.core.Masked;
import dialer.core.NotFound;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a debtor's portrait: seven queries, each on an index of the debtor's rows (V12 adds the attempts' and
 * the bucket changes'; {@code PortraitIT} checks the plans), then {@link PortraitFigures} and the campaign's
 * {@link SegmentRules}. The list's hour profile comes from {@link ListHourProfiles}, never read here.
 */
public final class PortraitReader {

    /** At most this many of the debtor's latest attempts are counted. */
    public static final int MAX_ATTEMPTS = 5_000;
    static final int PAYMENT_DAYS = 90;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE HH:mm", java.util.Locale.ENGLISH);

    // public: PortraitBenchmarkIT EXPLAINs each of these on a full-size database
    public static final String DEBTOR = "select flags, time_zone from debtor where id = ?";
    public static final String ACCOUNTS = """
            select id, account_ref, product, amount_overdue, days_overdue, bucket, flags
            from debtor_account where debtor_id = ? order by id""";
    public static final String BUCKET_CHANGES = """
            select account_id, from_bucket, to_bucket, changed_at from (
                select id, account_id, lag(bucket) over (partition by account_id order by recorded_at, id) as from_bucket,
                       bucket as to_bucket, recorded_at as changed_at
                  from account_bucket_history where debtor_id = ?) h
            where from_bucket is distinct from to_bucket order by changed_at desc, id desc limit 200""";
    public static final String ATTEMPTS = """
            select a.campaign_id, a.phone_id, a.phone, p.phone_type, a.originated_at, a.connected_at,
                   coalesce(cd.is_right_party, false), x.code, ag.name
            from call_attempt a
            left join debtor_phone p on p.id = a.phone_id
            left join disposition x on x.attempt_id = a.id
            left join campaign_disposition cd on cd.campaign_id = x.campaign_id and cd.code = x.code
            left join agent ag on ag.id = a.agent_id
            where a.debtor_id = ? and a.outcome is distinct from 'NOT_DIALED' and a.outcome is distinct from 'TRUNK_FAILURE'
            order by a.originated_at desc limit ?""";
    public static final String RULES = "select segment_rules from campaign where id = ?";
    public static final String PAYMENTS = """
            select count(*), count(*) filter (where paid_on > ?), coalesce(sum(amount) filter (where paid_on > ?), 0),
                   count(*) filter (where paid_on > ? and amount < ?),
                   (select paid_on from payment where debtor_id = ? order by paid_on desc, id desc limit 1),
                   (select amount from payment where debtor_id = ? order by paid_on desc, id desc limit 1)
            from payment where debtor_id = ?""";
    public static final String PROMISES = """
            select status, paid_amount from promise where debtor_id = ? order by due_date desc, id desc""";

    private final LocalZones zones = new LocalZones();

    /**
     * The portrait of {@code debtorId} as of {@code now}, for {@code campaignId} (null: the campaign of the
     * debtor's latest attempt, if any); {@code profiles} gives the list's hours (null: the debtor's own only).
     */
    public Portrait read(Connection c, long debtorId, Long campaignId, Instant now, ListHourProfiles profiles) throws SQLException {
        List<String> debtorFlags;
        String zone;
        try (PreparedStatement ps = c.prepareStatement(DEBTOR)) {
            ps.setLong(1, debtorId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFound("debtor " + debtorId);
                }
                debtorFlags = strings(rs.getArray(1));
                zone = rs.getString(2);
            }
        }
        List<Portrait.Account> accounts = accounts(c, debtorId);
        BigDecimal total = BigDecimal.ZERO;
        int oldest = 0;
        Set<String> flags = new TreeSet<>(debtorFlags);
        for (Portrait.Account a : accounts) {
            total = total.add(a.amountOverdue());
            oldest = Math.max(oldest, a.daysOverdue());
            flags.addAll(a.flags());
        }
        Portrait.Buckets buckets = PortraitFigures.buckets(accounts, bucketChanges(c, debtorId), now);
        List<Long> campaigns = new ArrayList<>(1);
        List<PortraitFigures.AttemptFact> attempts = attempts(c, debtorId, zone, campaigns);
        Long campaign = campaignId != null ? campaignId : campaigns.isEmpty() ? null : campaigns.get(0);
        JsonObject stored = campaign == null ? null : rules(c, campaign);
        SegmentRules own = stored == null ? null : storedRules(stored);
        SegmentRules rules = own == null ? SegmentRules.defaults() : own;
        Portrait.Payments payments = payments(c, debtorId, now, total.multiply(rules.hardshipSmallPaymentShare()));
        Portrait.Promises promises = promises(c, debtorId);
        Portrait.Contacts contacts = PortraitFigures.contacts(attempts);
        ListHourProfiles.Profile profile = campaign == null || profiles == null ? null : profiles.current(campaign);
        long[] listAttempts = profile == null ? new long[24] : profile.attempts();
        long[] listRpc = profile == null ? new long[24] : profile.rightPartyContacts();
        Portrait.BestHours best = new Portrait.BestHours(PortraitFigures.bestHours(debtorId, attempts, listAttempts, listRpc),
                profile == null ? 0 : profile.total(), profile == null ? null : profile.asOf());
        SegmentRules.Segment segment = rules.classify(new SegmentRules.Facts(contacts.attempts(), contacts.rightPartyContacts(),
                promises.made(), promises.partial(), promises.broken(), promises.brokenInARow(), payments.countEver(),
                payments.small90Days(), oldest, buckets.everCured(), flags));
        return new Portrait(debtorId, now, campaign, zone, new Portrait.Overdue(total, oldest, accounts), buckets, payments,
                promises, contacts, best, debtorFlags, segment, own != null);
    }

    /** Rules are validated when written; rules written some other way that do not hold give the defaults, not a failed screen pop. */
    private static SegmentRules storedRules(JsonObject stored) {
        try {
            return SegmentRules.fromJson(stored);
        } catch (dialer.core.Invalid e) {
            return null;
        }
    }

    private static List<Portrait.Account> accounts(Connection c, long debtorId) throws SQLException {
        List<Portrait.Account> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(ACCOUNTS)) {
            ps.setLong(1, debtorId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Portrait.Account(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
                            rs.getInt(5), rs.getString(6), strings(rs.getArray(7))));
                }
            }
        }
        return out;
    }

    private static List<Portrait.BucketChange> bucketChanges(Connection c, long debtorId) throws SQLException {
        List<Portrait.BucketChange> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(BUCKET_CHANGES)) {
            ps.setLong(1, debtorId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Portrait.BucketChange(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getTimestamp(4).toInstant()));
                }
            }
        }
        return out;
    }

    /** The debtor's attempts, newest first; the campaign of the newest goes into {@code campaigns}. */
    private List<PortraitFigures.AttemptFact> attempts(Connection c, long debtorId, String debtorZone, List<Long> campaigns)
            throws SQLException {
        List<PortraitFigures.AttemptFact> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(ATTEMPTS)) {
            ps.setLong(1, debtorId);
            ps.setInt(2, MAX_ATTEMPTS);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (campaigns.isEmpty()) {
                        campaigns.add(rs.getLong(1));
                    }
                    String phone = rs.getString(3);
                    Instant at = rs.getTimestamp(5).toInstant();
                    ZoneId zone = zones.of(debtorZone, phone);
                    var local = at.atZone(zone);
                    out.add(new PortraitFigures.AttemptFact(rs.getLong(2), Masked.phone(phone), rs.getString(4), at,
                            local.getHour(), LOCAL.format(local) + " " + zone.getId(), rs.getTimestamp(6) != null,
                            rs.getBoolean(7), rs.getString(9), rs.getString(8)));
                }
            }
        }
        return out;
    }

    private static JsonObject rules(Connection c, long campaignId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(RULES)) {
            ps.setLong(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getString(1) != null ? new JsonObject(rs.getString(1)) : null;
            }
        }
    }

    private static Portrait.Payments payments(Connection c, long debtorId, Instant now, BigDecimal small) throws SQLException {
        Date since = Date.valueOf(LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(PAYMENT_DAYS));
        try (PreparedStatement ps = c.prepareStatement(PAYMENTS)) {
            ps.setDate(1, since);
            ps.setDate(2, since);
            ps.setDate(3, since);
            ps.setBigDecimal(4, small);
            ps.setLong(5, debtorId);
            ps.setLong(6, debtorId);
            ps.setLong(7, debtorId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Date last = rs.getDate(5);
                return new Portrait.Payments(last == null ? null : last.toLocalDate(), rs.getBigDecimal(6), rs.getBigDecimal(3),
                        rs.getInt(2), rs.getInt(4), rs.getInt(1));
            }
        }
    }

    private static Portrait.Promises promises(Connection c, long debtorId) throws SQLException {
        int open = 0;
        int kept = 0;
        int broken = 0;
        int cancelled = 0;
        int partial = 0;
        List<String> statuses = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(PROMISES)) {
            ps.setLong(1, debtorId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String status = rs.getString(1);
                    statuses.add(status);
                    switch (status) {
                        case "OPEN" -> open++;
                        case "KEPT" -> kept++;
                        case "BROKEN" -> {
                            broken++;
                            partial += rs.getBigDecimal(2).signum() > 0 ? 1 : 0;
                        }
                        default -> cancelled++;
                    }
                }
            }
        }
        return new Portrait.Promises(statuses.size(), open, kept, broken, cancelled, partial,
                PortraitFigures.brokenInARow(statuses));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
