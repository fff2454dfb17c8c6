package dialer.core.floor;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per collector and per day or week: time logged in, ready, previewing, talking (reserved for a
 * call or on it), in wrap-up, paused (and by reason), connecting; calls taken, contacts and
 * right-party contacts (as the campaign's disposition set marks them), promises made and their
 * amount, promises falling due in the period (kept, broken) and the amount collected.
 *
 * <p>Amount collected (attribution): each payment goes, whole, to one promise: among the debtor's
 * promises not cancelled whose window holds the payment's date (from the day the promise was given
 * to its due date, the window the payment import keeps promises by) and whose account is the
 * payment's (or either has none), the one given last. The payment counts for that promise's
 * collector and campaign, in the period of its paid_on date. A payment with no such promise is
 * counted for no collector.
 *
 * <p>Rows are read from a cursor ({@link #FETCH_SIZE} at a time), in period then agent order.
 */
public final class AgentFloorReport {

    static final int FETCH_SIZE = 500;

    /** One collector in one period; times in seconds. */
    public record Row(java.time.LocalDate period, long agentId, String agent, double loggedIn, double ready, double previewing,
                      double talking, double wrapUp, double paused, double connecting, Map<String, Double> pausedByReason,
                      long calls, long contacts, long rightPartyContacts, long promises, BigDecimal promisedAmount,
                      long promisesDue, long kept, long broken, BigDecimal collected) {

        public BigDecimal rpcPerHour() {
            return Rates.perHour(rightPartyContacts, loggedIn);
        }

        public BigDecimal promisesPerHour() {
            return Rates.perHour(promises, loggedIn);
        }

        /** Kept among the promises due in the period that are decided (kept or broken). */
        public BigDecimal keptRate() {
            return Rates.share(kept, kept + broken);
        }
    }

    /** Receives rows as the cursor gives them. */
    @FunctionalInterface
    public interface RowSink {
        void accept(Row row) throws Exception;
    }

    /**
     * Parameters: campaigns (null: all), agent (null: all), now (where spans still going end), then the
     * periods as four arrays: first days, next days, starts, ends.
     */
    static final String SQL = """
            with q as (select ?::bigint[] as campaigns, ?::bigint as agent, ?::timestamptz as now),
            p as (select * from unnest(?::date[], ?::date[], ?::timestamptz[], ?::timestamptz[]) as t(period, next_day, ps, pe)),
            b as (select min(ps) as lo, max(pe) as hi, min(period) as first_day, max(next_day) as end_day from p),
            spans as (
              select s.agent_id, p.period, s.state, s.pause_reason,
                     greatest(0, extract(epoch from least(coalesce(s.ended_at, q.now), p.pe) - greatest(s.started_at, p.ps)))::float8 as secs
                from agent_state_span s cross join q cross join b
                join p on s.started_at < p.pe and coalesce(s.ended_at, q.now) > p.ps
               where s.started_at < b.hi and coalesce(s.ended_at, q.now) > b.lo
                 and (q.campaigns is null or s.campaign_id = any(q.campaigns)) and (q.agent is null or s.agent_id = q.agent)),
            times as (
              select agent_id, period, sum(secs) as logged_in,
                     coalesce(sum(secs) filter (where state = 'READY'), 0) as ready,
                     coalesce(sum(secs) filter (where state = 'PREVIEWING'), 0) as previewing,
                     coalesce(sum(secs) filter (where state in ('RESERVED', 'ON_CALL')), 0) as talking,
                     coalesce(sum(secs) filter (where state = 'WRAP_UP'), 0) as wrap_up,
                     coalesce(sum(secs) filter (where state = 'PAUSED'), 0) as paused,
                     coalesce(sum(secs) filter (where state = 'CONNECTING'), 0) as connecting
                from spans group by agent_id, period),
            pauses as (
              select agent_id, period, jsonb_object_agg(reason, secs) as by_reason from (
                select agent_id, period, coalesce(pause_reason, '') as reason, sum(secs) as secs
                  from spans where state = 'PAUSED' group by 1, 2, 3) r group by 1, 2),
            calls as (
              select a.agent_id, p.period, count(*) as calls
                from call_attempt a cross join q cross join b join p on a.originated_at >= p.ps and a.originated_at < p.pe
               where a.agent_id is not null and a.outcome is distinct from 'NOT_DIALED' and a.outcome is distinct from 'TRUNK_FAILURE'
                 and a.originated_at >= b.lo and a.originated_at < b.hi
                 and (q.campaigns is null or a.campaign_id = any(q.campaigns)) and (q.agent is null or a.agent_id = q.agent)
               group by 1, 2),
            contacts as (
              select d.agent_id, p.period, count(*) filter (where coalesce(k.is_contact, g.is_contact)) as contacts,
                     count(*) filter (where coalesce(k.is_right_party, g.is_right_party)) as rpc
                from disposition d left join campaign_disposition k on k.campaign_id = d.campaign_id and k.code = d.code
                left join disposition_code g on g.code = d.code
                cross join q cross join b join p on d.created_at >= p.ps and d.created_at < p.pe
               where d.agent_id is not null and d.created_at >= b.lo and d.created_at < b.hi
                 and (q.campaigns is null or d.campaign_id = any(q.campaigns)) and (q.agent is null or d.agent_id = q.agent)
               group by 1, 2),
            made as (
              select pr.agent_id, p.period, count(*) as promises, sum(pr.amount) as amount
                from promise pr cross join q cross join b join p on pr.created_at >= p.ps and pr.created_at < p.pe
               where pr.agent_id is not null and pr.created_at >= b.lo and pr.created_at < b.hi
                 and (q.campaigns is null or pr.campaign_id = any(q.campaigns)) and (q.agent is null or pr.agent_id = q.agent)
               group by 1, 2),
            due as (
              select pr.agent_id, p.period, count(*) as due, count(*) filter (where pr.status = 'KEPT') as kept,
                     count(*) filter (where pr.status = 'BROKEN') as broken
                from promise pr cross join q cross join b join p on pr.due_date >= p.period and pr.due_date < p.next_day
               where pr.agent_id is not null and pr.status <> 'CANCELLED' and pr.due_date >= b.first_day and pr.due_date < b.end_day
                 and (q.campaigns is null or pr.campaign_id = any(q.campaigns)) and (q.agent is null or pr.agent_id = q.agent)
               group by 1, 2),
            paid as (
              select distinct on (x.id) x.id, x.amount, x.paid_on, pr.agent_id, pr.campaign_id
                from payment x cross join b
                join promise pr on pr.debtor_id = x.debtor_id and pr.status <> 'CANCELLED'
                 and (pr.account_id is null or x.account_id is null or pr.account_id = x.account_id)
                 and x.paid_on between pr.created_at::date and pr.due_date
               where x.paid_on >= b.first_day and x.paid_on < b.end_day
               order by x.id, pr.created_at desc, pr.id desc),
            collected as (
              select paid.agent_id, p.period, sum(paid.amount) as collected
                from paid cross join q join p on paid.paid_on >= p.period and paid.paid_on < p.next_day
               where paid.agent_id is not null
                 and (q.campaigns is null or paid.campaign_id = any(q.campaigns)) and (q.agent is null or paid.agent_id = q.agent)
               group by 1, 2),
            k as (
              select agent_id, period from times union select agent_id, period from calls
              union select agent_id, period from contacts union select agent_id, period from made
              union select agent_id, period from due union select agent_id, period from collected)
            select k.period, k.agent_id, ag.name,
                   coalesce(t.logged_in, 0), coalesce(t.ready, 0), coalesce(t.previewing, 0), coalesce(t.talking, 0),
                   coalesce(t.wrap_up, 0), coalesce(t.paused, 0), coalesce(t.connecting, 0), coalesce(ps.by_reason, '{}')::text,
                   coalesce(c.calls, 0), coalesce(ct.contacts, 0), coalesce(ct.rpc, 0), coalesce(m.promises, 0),
                   coalesce(m.amount, 0), coalesce(d.due, 0), coalesce(d.kept, 0), coalesce(d.broken, 0),
                   coalesce(co.collected, 0)
              from k join agent ag on ag.id = k.agent_id
              left join times t using (agent_id, period) left join pauses ps using (agent_id, period)
              left join calls c using (agent_id, period) left join contacts ct using (agent_id, period)
              left join made m using (agent_id, period) left join due d using (agent_id, period)
              left join collected co using (agent_id, period)
             order by k.period, k.agent_id
            """;

    /** Reads the report's rows from a cursor into {@code sink}, in period then agent order. */
    public static void stream(Connection c, FloorQuery query, RowSink sink) throws Exception {
        List<Periods.Period> periods = query.periods();
        try (PreparedStatement ps = c.prepareStatement(SQL)) {
            // a cursor: rows come FETCH_SIZE at a time (the connection is in a transaction, as a cursor needs)
            ps.setFetchSize(FETCH_SIZE);
            if (query.campaignIds() == null) {
                ps.setNull(1, java.sql.Types.ARRAY);
            } else {
                ps.setArray(1, c.createArrayOf("bigint", query.campaignIds().toArray()));
            }
            ps.setObject(2, query.agentId());
            ps.setTimestamp(3, Timestamp.from(query.now()));
            ps.setArray(4, c.createArrayOf("date", periods.stream().map(p -> Date.valueOf(p.first())).toArray()));
            ps.setArray(5, c.createArrayOf("date", periods.stream().map(p -> Date.valueOf(p.next())).toArray()));
            ps.setArray(6, c.createArrayOf("timestamptz", periods.stream().map(p -> Timestamp.from(p.start())).toArray()));
            ps.setArray(7, c.createArrayOf("timestamptz", periods.stream().map(p -> Timestamp.from(p.end())).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(new Row(rs.getDate(1).toLocalDate(), rs.getLong(2), rs.getString(3), rs.getDouble(4),
                            rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8), rs.getDouble(9), rs.getDouble(10),
                            reasons(rs.getString(11)), rs.getLong(12), rs.getLong(13), rs.getLong(14), rs.getLong(15),
                            rs.getBigDecimal(16), rs.getLong(17), rs.getLong(18), rs.getLong(19), rs.getBigDecimal(20)));
                }
            }
        }
    }

    /** {"lunch": 600.5, "": 12} as a map in name order ("" is a pause without a reason). */
    static Map<String, Double> reasons(String json) {
        Map<String, Double> out = new TreeMap<>();
        io.vertx.core.json.JsonObject o = new io.vertx.core.json.JsonObject(json);
        for (String name : o.fieldNames()) {
            out.put(name, o.getDouble(name));
        }
        return out;
    }

    private AgentFloorReport() {
    }
}
