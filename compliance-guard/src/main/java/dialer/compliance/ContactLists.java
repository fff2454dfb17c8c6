package dialer.compliance;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The stored lists: do-not-call (by number), cease-communication, attorney, no-calls-at-work (by
 * debtor) and consent (by debtor and number, with optional expiry); each global (campaign null), per
 * campaign, or for every campaign of one creditor, with the date added and its source. Adding an entry that is already active returns
 * the existing one. Removing keeps the row, marked removed (who, when, why).
 */
public final class ContactLists {

    private static final Logger log = LoggerFactory.getLogger(ContactLists.class);
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final String COLUMNS = "id, kind, campaign_id, debtor_id, phone_e164, added_at, source, expires_at, note, creditor_id";

    private final DataSource dataSource;
    private final Clock clock;

    ContactLists(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public ListEntry addDoNotCall(String phone, String campaignId, String source, String addedBy) {
        return add(ListKind.DO_NOT_CALL, campaignId, null, phone, source, addedBy, null, null);
    }

    /**
     * A do-not-call request for every campaign of {@code creditorId} (the consumer asked this creditor,
     * not one campaign, to stop calling the number). It holds for requests that name the creditor
     * ({@link CallRequest#creditorId()}).
     */
    public ListEntry addDoNotCallForCreditor(String phone, String creditorId, String source, String addedBy) {
        return addForCreditor(ListKind.DO_NOT_CALL, creditorId, null, phone, source, addedBy, null, null);
    }

    /** Adds an entry that holds for every campaign of {@code creditorId} (required); otherwise as {@link #add}. */
    public ListEntry addForCreditor(ListKind kind, String creditorId, String debtorId, String phone, String source, String addedBy,
                                    Instant expiresAt, String note) {
        if (creditorId == null || creditorId.isBlank()) {
            throw new IllegalArgumentException("a creditor's list entry needs the creditor id");
        }
        return add(kind, null, creditorId, debtorId, phone, source, addedBy, expiresAt, note);
    }

    public ListEntry addCeaseCommunication(String debtorId, String campaignId, String source, String addedBy) {
        return add(ListKind.CEASE_COMMUNICATION, campaignId, debtorId, null, source, addedBy, null, null);
    }

    public ListEntry addAttorney(String debtorId, String campaignId, String source, String addedBy) {
        return add(ListKind.ATTORNEY, campaignId, debtorId, null, source, addedBy, null, null);
    }

    public ListEntry addNoCallsAtWork(String debtorId, String campaignId, String source, String addedBy) {
        return add(ListKind.NO_CALLS_AT_WORK, campaignId, debtorId, null, source, addedBy, null, null);
    }

    public ListEntry addConsent(String debtorId, String phone, String campaignId, Instant expiresAt, String source, String addedBy) {
        return add(ListKind.CONSENT, campaignId, debtorId, phone, source, addedBy, expiresAt, null);
    }

    /**
     * Adds an entry. Phone lists need an E.164 {@code phone}; debtor lists a {@code debtorId};
     * consent both. {@code campaignId} null = global; {@code expiresAt} null = no expiry.
     */
    public ListEntry add(ListKind kind, String campaignId, String debtorId, String phone, String source, String addedBy,
                         Instant expiresAt, String note) {
        return add(kind, campaignId, null, debtorId, phone, source, addedBy, expiresAt, note);
    }

    private ListEntry add(ListKind kind, String campaignId, String creditorId, String debtorId, String phone, String source,
                          String addedBy, Instant expiresAt, String note) {
        if (kind == null) {
            throw new IllegalArgumentException("list kind is required");
        }
        if (kind.keyedByPhone() && (phone == null || !E164.matcher(phone).matches())) {
            throw new IllegalArgumentException(kind + " entries need an E.164 phone number, got "
                    + (phone == null ? "none" : Masking.phone(phone)));
        }
        if (!kind.keyedByPhone() && phone != null) {
            throw new IllegalArgumentException(kind + " entries are per debtor; do not give a phone number");
        }
        if (kind.keyedByDebtor() && (debtorId == null || debtorId.isBlank())) {
            throw new IllegalArgumentException(kind + " entries need a debtor id");
        }
        if (kind == ListKind.DO_NOT_CALL && debtorId != null) {
            throw new IllegalArgumentException("do-not-call entries are per number; do not give a debtor id");
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException(kind + " entries need a source (who asked, through which channel)");
        }
        if (campaignId != null && campaignId.isBlank()) {
            throw new IllegalArgumentException("campaign id must be null (global) or not blank");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new IllegalArgumentException(kind + " entry would expire at " + expiresAt + ", which is not after now (" + now + ")");
        }
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("insert into compliance.list_entry (kind, campaign_id, debtor_id, "
                    + "phone_e164, added_at, source, added_by, expires_at, note, creditor_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    + "on conflict (kind, coalesce(campaign_id, ''), coalesce(creditor_id, ''), coalesce(debtor_id, ''), "
                    + "coalesce(phone_e164, '')) "
                    + "where removed_at is null do nothing returning " + COLUMNS)) {
                ps.setString(1, kind.name());
                ps.setString(2, campaignId);
                ps.setString(3, debtorId);
                ps.setString(4, phone);
                Sql.setInstant(ps, 5, now);
                ps.setString(6, source);
                ps.setString(7, addedBy);
                Sql.setInstant(ps, 8, expiresAt);
                ps.setString(9, note);
                ps.setString(10, creditorId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        ListEntry e = entry(rs);
                        log.info("list entry #{} added: {} {} debtor {} phone {} (source: {})", e.id(), kind,
                                campaignId != null ? "campaign " + campaignId : creditorId != null ? "creditor " + creditorId : "global",
                                debtorId, Masking.phone(phone), source);
                        return e;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from compliance.list_entry where kind = ? "
                    + "and campaign_id is not distinct from ? and debtor_id is not distinct from ? "
                    + "and phone_e164 is not distinct from ? and creditor_id is not distinct from ? and removed_at is null")) {
                ps.setString(1, kind.name());
                ps.setString(2, campaignId);
                ps.setString(3, debtorId);
                ps.setString(4, phone);
                ps.setString(5, creditorId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return entry(rs);
                    }
                }
            }
            throw new IllegalStateException("list entry neither inserted nor found (removed concurrently?); retry");
        } catch (SQLException e) {
            throw new ComplianceException("could not add a " + kind + " list entry: " + e.getMessage(), e);
        }
    }

    /** Removes an active entry (kept, marked removed). False when no active entry has this id. */
    public boolean remove(long entryId, String removedBy, String reason) {
        if (removedBy == null || removedBy.isBlank() || reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("removing list entry #" + entryId + " needs who (removedBy) and why (reason)");
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("update compliance.list_entry set removed_at = ?, removed_by = ?, "
                     + "removed_reason = ? where id = ? and removed_at is null")) {
            Sql.setInstant(ps, 1, clock.instant().truncatedTo(ChronoUnit.MICROS));
            ps.setString(2, removedBy);
            ps.setString(3, reason);
            ps.setLong(4, entryId);
            boolean removed = ps.executeUpdate() == 1;
            if (removed) {
                log.info("list entry #{} removed by {}: {}", entryId, removedBy, reason);
            }
            return removed;
        } catch (SQLException e) {
            throw new ComplianceException("could not remove list entry #" + entryId + ": " + e.getMessage(), e);
        }
    }

    /** Active entries for this debtor or this number, global or of this campaign (null = global only). */
    public List<ListEntry> lookup(String debtorId, String phone, String campaignId) {
        return lookup(debtorId, phone, campaignId, null);
    }

    /** Active entries for this debtor or this number, global, of this campaign or of this creditor (nulls: none). */
    public List<ListEntry> lookup(String debtorId, String phone, String campaignId, String creditorId) {
        try (Connection c = dataSource.getConnection()) {
            return query(c, debtorId, phone, campaignId, creditorId);
        } catch (SQLException e) {
            throw new ComplianceException("could not look up list entries: " + e.getMessage(), e);
        }
    }

    private static List<ListEntry> query(Connection c, String debtorId, String phone, String campaignId, String creditorId)
            throws SQLException {
        List<ListEntry> out = new ArrayList<>();
        String scope = "((campaign_id is null and creditor_id is null) or campaign_id = ? or creditor_id = ?)";
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from compliance.list_entry "
                + "where removed_at is null and " + scope + " and phone_e164 = ? "
                + "union all select " + COLUMNS + " from compliance.list_entry "
                + "where removed_at is null and " + scope + " and debtor_id = ? "
                + "and (phone_e164 is null or phone_e164 <> ?)")) {
            ps.setString(1, campaignId);
            ps.setString(2, creditorId);
            ps.setString(3, phone);
            ps.setString(4, campaignId);
            ps.setString(5, creditorId);
            ps.setString(6, debtorId);
            ps.setString(7, phone);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(entry(rs));
                }
            }
        }
        return out;
    }

    private static ListEntry entry(ResultSet rs) throws SQLException {
        return new ListEntry(rs.getLong("id"), ListKind.valueOf(rs.getString("kind")), rs.getString("campaign_id"),
                rs.getString("debtor_id"), rs.getString("phone_e164"), Sql.getInstant(rs, "added_at"),
                rs.getString("source"), Sql.getInstant(rs, "expires_at"), rs.getString("note"), rs.getString("creditor_id"));
    }
}
