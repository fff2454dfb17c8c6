package dialer.core.lead;

import dialer.core.Masked;
import dialer.core.NotFound;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A debtor with accounts, numbers, addresses, flags, promises and callbacks, as the API and the agent's screen show it. */
public final class DebtorStore {

    static final String ID_OF = """
            select id from debtor where external_id = ?
            """;

    static final String DEBTOR = """
            select id, external_id, name, time_zone, flags, custom, broken_promises from debtor where id = ?
            """;

    static final String ACCOUNTS = """
            select id, account_ref, product, amount_overdue, days_overdue, bucket, creditor_ref, flags
            from debtor_account where debtor_id = ? order by id
            """;

    /** The debtor's own mobile first, then home, work and third parties. */
    static final String PHONES = """
            select id, e164, phone_type, relationship, status, attempts, last_outcome, last_attempt_at, consent_source,
                   consent_expires_at
            from debtor_phone where debtor_id = ?
            order by array_position(array['OWN_MOBILE','HOME','WORK','THIRD_PARTY'], phone_type), id
            """;

    static final String ADDRESSES = """
            select line1, city, state, postal_code, country, is_primary from debtor_address
            where debtor_id = ? order by is_primary desc, id
            """;

    static final String PROMISES = """
            select id, amount, due_date, status, paid_amount, agent_id, campaign_id, created_at
            from promise where debtor_id = ? order by created_at desc
            """;

    static final String CALLBACKS = """
            select id, due_at, zone, owner_agent_id, status, note, campaign_id
            from callback where debtor_id = ? order by due_at desc
            """;

    static final String SET_FLAGS = """
            update debtor set flags = array(select distinct f from unnest(flags || ?::text[]) f where f <> all(?::text[]))
            where id = ?
            """;

    /**
     * The debtor's file; {@code custom} is the creditor's own columns as stored (a JSON object). Numbers
     * are in full or partly masked, as asked for.
     */
    public record DebtorFile(long id, String externalId, String name, String timeZone, List<String> flags, String custom,
                             int brokenPromises, List<Account> accounts, List<Phone> phones, List<Address> addresses,
                             List<Promise> promises, List<Callback> callbacks) {
    }

    public record Account(long id, String ref, String product, BigDecimal amountOverdue, int daysOverdue, String bucket,
                          String creditorRef, List<String> flags) {
    }

    /** A number of the debtor; {@code consent} null when none is recorded. */
    public record Phone(long id, String number, String type, String relationship, String status, int attempts,
                        String lastOutcome, Instant lastAttemptAt, Consent consent) {
    }

    public record Consent(String source, Instant expiresAt) {
    }

    public record Address(String line1, String city, String state, String postalCode, String country, boolean primary) {
    }

    public record Promise(long id, BigDecimal amount, LocalDate dueDate, String status, BigDecimal paidAmount, Long agentId,
                          Long campaignId, Instant createdAt) {
    }

    public record Callback(long id, Instant dueAt, String zone, Long ownerAgentId, String status, String note,
                           Long campaignId) {
    }

    private final LeadStore leads = new LeadStore();

    public long idOf(Connection c, String externalId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ID_OF)) {
            ps.setString(1, externalId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFound("debtor '" + externalId + "'");
                }
                return rs.getLong(1);
            }
        }
    }

    /**
     * The debtor's file. {@code fullNumbers}: numbers in full (administrators, supervisors); agents
     * see them partly masked.
     */
    public DebtorFile get(Connection c, long id, boolean fullNumbers) throws SQLException {
        String externalId;
        String name;
        String timeZone;
        List<String> flags;
        String custom;
        int brokenPromises;
        try (PreparedStatement ps = c.prepareStatement(DEBTOR)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFound("debtor " + id);
                }
                externalId = rs.getString(2);
                name = rs.getString(3);
                timeZone = rs.getString(4);
                flags = texts(rs, 5);
                custom = rs.getString(6);
                brokenPromises = rs.getInt(7);
            }
        }
        return new DebtorFile(id, externalId, name, timeZone, flags, custom, brokenPromises,
                rows(c, ACCOUNTS, id, a -> new Account(a.getLong(1), a.getString(2), a.getString(3), a.getBigDecimal(4),
                        a.getInt(5), a.getString(6), a.getString(7), texts(a, 8))),
                rows(c, PHONES, id, p -> new Phone(p.getLong(1), fullNumbers ? p.getString(2) : Masked.phone(p.getString(2)),
                        p.getString(3), p.getString(4), p.getString(5), p.getInt(6), p.getString(7), instant(p.getTimestamp(8)),
                        p.getString(9) == null ? null : new Consent(p.getString(9), instant(p.getTimestamp(10))))),
                rows(c, ADDRESSES, id, a -> new Address(a.getString(1), a.getString(2), a.getString(3), a.getString(4),
                        a.getString(5), a.getBoolean(6))),
                rows(c, PROMISES, id, p -> new Promise(p.getLong(1), p.getBigDecimal(2), p.getObject(3, LocalDate.class),
                        p.getString(4), p.getBigDecimal(5), (Long) p.getObject(6), (Long) p.getObject(7),
                        instant(p.getTimestamp(8)))),
                rows(c, CALLBACKS, id, b -> new Callback(b.getLong(1), instant(b.getTimestamp(2)), b.getString(3),
                        (Long) b.getObject(4), b.getString(5), b.getString(6), (Long) b.getObject(7))));
    }

    /** Sets or clears debtor flags (cease, attorney, ...); account flags are set on the accounts. */
    public void setFlags(Connection c, long id, Set<String> add, Set<String> remove) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SET_FLAGS)) {
            ps.setArray(1, c.createArrayOf("text", add.toArray()));
            ps.setArray(2, c.createArrayOf("text", remove.toArray()));
            ps.setLong(3, id);
            if (ps.executeUpdate() == 0) {
                throw new NotFound("debtor " + id);
            }
        }
        // a cleared flag may allow what was blocked until something changed
        leads.unblockDebtor(c, id);
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static <T> List<T> rows(Connection c, String sql, long id, Row<T> row) throws SQLException {
        List<T> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.read(rs));
                }
            }
        }
        return out;
    }

    private static List<String> texts(ResultSet rs, int column) throws SQLException {
        return List.of((String[]) rs.getArray(column).getArray());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
