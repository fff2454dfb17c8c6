package dialer.core.lead;

import java.util.List;

/**
 * What an import did. {@code accepted} records are in the list; those of a debtor that already
 * existed, or that appeared earlier in the same file, were {@code merged} into it. Every rejected
 * record is listed with its line (its position, for JSON) and reason, and every number dropped
 * from an accepted record with its warning, each up to {@link #DETAIL_LIMIT}; the counts count
 * them all. {@code newLeads} and {@code updatedLeads} are the campaign's queue changes when the
 * file was posted to a campaign.
 */
public record ImportReport(long batchId, int rows, int accepted, int newDebtors, int merged, int newLeads,
                           int updatedLeads, int rejectedCount, List<Rejection> rejected, int warningCount,
                           List<Rejection> warnings, List<String> unknownColumns) {

    public static final int DETAIL_LIMIT = 10_000;

    /** One record that was not imported, or a warning about an accepted one. */
    public record Rejection(long line, String reason) {
    }
}
