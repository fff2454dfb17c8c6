package dialer.core.floor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.util.List;

/**
 * Per delinquency bucket, between the start of day {@code from} and the end of day {@code to} (in
 * a zone): where the accounts in each bucket at the start were at the end (roll rates), and what
 * was collected on them over their balance at the start (recovery rate). Buckets and balances at an
 * instant come from account_bucket_history (the last record before it).
 *
 * <p>Collected: payments made from {@code from} to {@code to} (both days) on the account; a payment
 * naming no account counts for the debtor's account with the largest balance at the start.
 */
public final class BucketReport {

    /** Parameters: campaigns (null: all), start, end, first day, day after the last. */
    static final String SQL = """
            with q as (select ?::bigint[] as campaigns, ?::timestamptz as t0, ?::timestamptz as t1, ?::date as d0, ?::date as d1),
            at_start as (
              select distinct on (h.account_id) h.account_id, h.debtor_id, h.bucket, h.amount_overdue
                from account_bucket_history h cross join q
               where h.recorded_at < q.t0 and (q.campaigns is null or exists (select 1 from campaign_lead l
                     where l.debtor_id = h.debtor_id and l.campaign_id = any(q.campaigns)))
               order by h.account_id, h.recorded_at desc, h.id desc),
            at_end as (
              select distinct on (h.account_id) h.account_id, h.bucket
                from account_bucket_history h cross join q
               where h.recorded_at < q.t1 and h.account_id in (select account_id from at_start)
               order by h.account_id, h.recorded_at desc, h.id desc),
            paid as (
              select coalesce(x.account_id, (select s.account_id from at_start s where s.debtor_id = x.debtor_id
                       order by s.amount_overdue desc, s.account_id limit 1)) as account_id, x.amount
                from payment x cross join q where x.paid_on >= q.d0 and x.paid_on < q.d1),
            collected as (select account_id, sum(amount) as amount from paid where account_id is not null group by 1)
            select s.bucket, e.bucket, count(*), sum(s.amount_overdue), coalesce(sum(c.amount), 0)
              from at_start s join at_end e using (account_id) left join collected c using (account_id)
             where s.bucket is not null
             group by 1, 2
            """;

    private BucketReport() {
    }

    public static RollMatrix between(Connection c, java.time.LocalDate from, java.time.LocalDate to, ZoneId zone,
                                     List<Long> campaignIds) throws Exception {
        if (to.isBefore(from)) {
            throw dialer.core.Invalid.of("to", "must not be before from (" + from + ")");
        }
        RollMatrix matrix = new RollMatrix();
        try (PreparedStatement ps = c.prepareStatement(SQL)) {
            if (campaignIds == null) {
                ps.setNull(1, java.sql.Types.ARRAY);
            } else {
                ps.setArray(1, c.createArrayOf("bigint", campaignIds.toArray()));
            }
            ps.setTimestamp(2, Timestamp.from(from.atStartOfDay(zone).toInstant()));
            ps.setTimestamp(3, Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant()));
            ps.setObject(4, from);
            ps.setObject(5, to.plusDays(1));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    matrix.add(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBigDecimal(4), rs.getBigDecimal(5));
                }
            }
        }
        return matrix;
    }
}
