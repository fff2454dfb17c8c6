package dialer.core.lead;

import java.util.List;

/**
 * What an import did. {@code accepted} rows are in the campaign (new or updated); every rejected
 * row is listed with its line and reason, up to {@link #DETAIL_LIMIT}; {@code rejectedCount}
 * counts them all.
 */
public record ImportReport(int rows, int accepted, int newLeads, int updatedLeads, int rejectedCount,
                           List<Rejection> rejected) {

    public static final int DETAIL_LIMIT = 10_000;

    /** One row that was not imported. {@code line} is the file's line number; the header is line 1. */
    public record Rejection(long line, String reason) {
    }
}
