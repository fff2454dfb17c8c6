package dialer.compliance;

import java.time.Instant;

/**
 * An active entry of a stored list. {@code campaignId} null = global. {@code expiresAt} null = no expiry.
 */
public record ListEntry(long id, ListKind kind, String campaignId, String debtorId, String phone, Instant addedAt,
                        String source, Instant expiresAt, String note) {

    public boolean global() {
        return campaignId == null;
    }

    /** Not expired at {@code t}. A restriction applies from the moment it is stored, whatever its addedAt. */
    public boolean activeAt(Instant t) {
        return expiresAt == null || t.isBefore(expiresAt);
    }

    /** e.g. "global do-not-call list since 2024-01-02 (source: debtor request)". */
    public String describe() {
        return (global() ? "global " : "campaign " + campaignId + " ") + kind.name().toLowerCase().replace('_', '-')
                + " list since " + addedAt + " (source: " + source + ", entry #" + id + ")";
    }
}
