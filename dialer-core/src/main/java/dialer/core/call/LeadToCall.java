package dialer.core.call;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Which number of a lead to call next, with everything the compliance guard must know to judge the call. */
final class LeadToCall {

    /** The lead's next number to dial (own numbers first) and what the compliance guard needs to judge a call to it. */
    private static final String NEXT_NUMBER = """
            select d.name, d.time_zone, d.flags, p.id, p.e164, p.phone_type,
                   p.consent_source, p.consent_given_at, p.consent_expires_at,
                   not exists (select 1 from debtor_phone o where o.debtor_id = d.id and o.status = 'VALID'
                                  and o.phone_type <> 'THIRD_PARTY' and o.attempts < ?) as own_exhausted,
                   a.country, a.state, a.postal_code,
                   (select coalesce(array_agg(x.id order by x.id), '{}') from debtor_account x
                     where x.debtor_id = d.id) as accounts,
                   (select coalesce(array_agg(distinct f), '{}') from debtor_account x, unnest(x.flags) f
                     where x.debtor_id = d.id) as account_flags,
                   (select coalesce(array_agg(o.e164 order by o.id), '{}') from debtor_phone o
                     where o.debtor_id = d.id and o.status = 'VALID' and o.phone_type <> 'THIRD_PARTY') as own_numbers
              from debtor d
              join debtor_phone p on p.debtor_id = d.id and p.status = 'VALID' and p.attempts < ?
                                 and (?::bigint is null or p.id = ?)
              left join lateral (select country, state, postal_code from debtor_address where debtor_id = d.id
                                  order by is_primary desc, id limit 1) a on true
             where d.id = ?
             order by array_position(array['OWN_MOBILE','HOME','WORK','THIRD_PARTY'], p.phone_type), p.attempts, p.id
             limit 1""";

    private LeadToCall() {
    }

    /**
     * A lead's next number and its context. Numbers are tried in order: the debtor's own (mobile,
     * home, work) first, each until it has had its attempts; third parties only when the debtor's
     * own numbers are used up or invalid. {@code phoneId} asks for a given number instead (a
     * callback to the number it was set on), if it is still dialable.
     */
    static Optional<QueuedLead> next(Connection c, long campaignId, long leadId, long debtorId, int attempts,
                                        int maxPerNumber, Long phoneId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(NEXT_NUMBER)) {
            ps.setInt(1, maxPerNumber);
            ps.setInt(2, maxPerNumber);
            ps.setObject(3, phoneId);
            ps.setObject(4, phoneId);
            ps.setLong(5, debtorId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                List<String> flags = new ArrayList<>(List.of((String[]) rs.getArray("flags").getArray()));
                for (String f : (String[]) rs.getArray("account_flags").getArray()) {
                    if (!flags.contains(f)) {
                        flags.add(f);
                    }
                }
                List<Long> accounts = new ArrayList<>(List.of((Long[]) rs.getArray("accounts").getArray()));
                return Optional.of(new QueuedLead(leadId, campaignId, debtorId, rs.getString("name"), attempts, accounts,
                        flags, rs.getLong("id"), rs.getString("e164"), rs.getString("phone_type"),
                        rs.getBoolean("own_exhausted"), rs.getString("time_zone"), rs.getString("country"),
                        rs.getString("state"), rs.getString("postal_code"), rs.getString("consent_source"),
                        instant(rs, "consent_given_at"), instant(rs, "consent_expires_at"), null, null,
                        List.of((String[]) rs.getArray("own_numbers").getArray())));
            }
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
