package dialer.compliance;

import java.time.Instant;

/**
 * An active entry of a stored list. It holds for one campaign ({@code campaignId}), for every campaign
 * of one creditor ({@code creditorId}), or, with both null, globally. {@code expiresAt} null = no expiry.
 */
public record ListEntry(long id, ListKind kind, String campaignId, String debtorId, String phone, Instant addedAt,
                        String source, Instant expiresAt, String note, String creditorId) {

    /** An entry global or of one campaign. */
    public ListEntry(long id, ListKind kind, String campaignId, String debtorId, String phone, Instant addedAt,
                     String source, Instant expiresAt, String note) {
        this(id, kind, campaignId, debtorId, phone, addedAt, source, expiresAt, note, null);
    }

    public boolean global() {
        return campaignId == null && creditorId == null;
    }

    /** Whether the entry holds for a call of this campaign of this creditor (creditor may be null: unknown). */
    public boolean holdsFor(String campaign, String creditor) {
        return global() || (campaignId != null && campaignId.equals(campaign))
                || (creditorId != null && creditorId.equals(creditor));
    }

    /** Not expired at {@code t}. A restriction applies from the moment it is stored, whatever its addedAt. */
    public boolean activeAt(Instant t) {
        return expiresAt == null || t.isBefore(expiresAt);
    }

    /** e.g. "global do-not-call list since 2024-01-02 (source: debtor request)". */
    public String describe() {
        return (global() ? "global " : campaignId != null ? "campaign " + campaignId + " " : "creditor " + creditorId + " ") + kind.name().toLowerCase().replace('_', '-')
                + " list since " + addedAt + " (source: " + source + ", entry #" + id + ")";
    }
}
