package dialer.core.lead;

import dialer.core.Invalid;
import dialer.core.campaign.Campaign;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Imports a file of debtors into a list, in the caller's transaction: the file goes in whole or
 * not at all (a file that cannot be read is refused with the reason; records that are wrong are
 * left out and reported with their line and reason). Records of the same debtor (same id, in the
 * file or already known) are merged: accounts by their reference, numbers once each. The queues
 * of the campaigns that work the list are brought up to date, and the report is kept.
 */
public final class LeadImporter {

    private static final String INSERT_BATCH_SQL = """
            insert into import_batch (list_id, format, rows, accepted, new_debtors, merged, rejected, report)
            values (?,?,?,?,?,?,?,?::jsonb)""";

    private final LeadStore leads = new LeadStore();

    /** A file posted straight to a campaign: into the campaign's own list. */
    public ImportReport importIntoCampaign(Connection c, Campaign campaign, ImportFormat format,
                                           Path file, ColumnMapping override) throws SQLException, IOException {
        return importFile(c, lists.get(c, campaign.ownListId()), override, format, file, campaign.id());
    }

    private final ListStore lists = new ListStore();

    /**
     * @param campaignId the campaign whose queue changes to count in the report (the one the file
     *                   was posted to), or null
     */
    public ImportReport importFile(Connection c, ContactList list, ColumnMapping override, ImportFormat format, Path file,
                                   Long campaignId) throws SQLException, IOException {
        ColumnMapping mapping = list.mapping().with(override);
        List<ImportReport.Rejection> rejected = new ArrayList<>();
        List<ImportReport.Rejection> warnings = new ArrayList<>();
        int rows = 0;
        int rejectedCount = 0;
        int warningCount = 0;
        List<String> unknown;
        ImportStaging.Merged merged;
        try (RecordSource records = format == ImportFormat.CSV ? new CsvRecords(file, mapping, list.defaultRegion())
                : new JsonRecords(file, mapping, list.defaultRegion());
             ImportStaging staging = new ImportStaging()) {
            RecordSource.Numbered record;
            while ((record = records.next()) != null) {
                rows++;
                LeadRow row = record.row();
                if (row.problem() != null) {
                    rejectedCount++;
                    if (rejected.size() < ImportReport.DETAIL_LIMIT) {
                        rejected.add(new ImportReport.Rejection(record.line(), row.problem()));
                    }
                    continue;
                }
                for (String w : row.warnings()) {
                    warningCount++;
                    if (warnings.size() < ImportReport.DETAIL_LIMIT) {
                        warnings.add(new ImportReport.Rejection(record.line(), w));
                    }
                }
                staging.add(record.line(), row);
            }
            if (rows == 0) {
                throw Invalid.of("file", "has no records");
            }
            unknown = records.unknownColumns();
            merged = staging.merge(c, list.id());
        }
        int[] queue = leads.syncImported(c, list.id(), campaignId);
        ImportReport report = new ImportReport(0, rows, rows - rejectedCount, merged.newDebtors(), merged.merged(),
                queue[0], queue[1], rejectedCount, List.copyOf(rejected), warningCount, List.copyOf(warnings), unknown);
        long batchId = record(c, list.id(), format, report);
        return new ImportReport(batchId, report.rows(), report.accepted(), report.newDebtors(), report.merged(),
                report.newLeads(), report.updatedLeads(), report.rejectedCount(), report.rejected(), report.warningCount(),
                report.warnings(), report.unknownColumns());
    }

    private static long record(Connection c, long listId, ImportFormat format, ImportReport r) throws SQLException {
        JsonArray rejected = new JsonArray();
        r.rejected().stream().limit(1000).forEach(x -> rejected.add(new JsonObject().put("line", x.line()).put("reason", x.reason())));
        JsonObject report = new JsonObject().put("rejected", rejected).put("unknownColumns", new JsonArray(r.unknownColumns()))
                .put("warnings", r.warningCount());
        try (PreparedStatement ps = c.prepareStatement(INSERT_BATCH_SQL, Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, listId);
            ps.setString(2, format.name());
            ps.setInt(3, r.rows());
            ps.setInt(4, r.accepted());
            ps.setInt(5, r.newDebtors());
            ps.setInt(6, r.merged());
            ps.setInt(7, r.rejectedCount());
            ps.setString(8, report.encode());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }
}
