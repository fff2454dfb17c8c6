package dialer.core.lead;

import dialer.core.Invalid;
import dialer.core.campaign.Campaign;
import dialer.core.campaign.CampaignDraft;
import dialer.core.campaign.CampaignStore;
import dialer.core.db.Database;
import dialer.core.db.Sql;
import dialer.postgres.EmbeddedPostgres;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CSV import against a real PostgreSQL: good, dirty, malformed and large files. */
class LeadImportIT {

    private static Database db;
    private final LeadImporter importer = new LeadImporter();
    private final CampaignStore campaigns = new CampaignStore();

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        EmbeddedPostgres pg = EmbeddedPostgres.startThrowaway("dialer");
        db = Database.open(pg.jdbcUrl("dialer"), pg.user(), "", pg);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private Campaign campaign() throws Exception {
        return Sql.inTransaction(db.dataSource(), c -> campaigns.create(c, CampaignDraft.fromJson(new JsonObject()
                .put("name", "import " + System.nanoTime()).put("simulatedCallees", true))));
    }

    private ImportReport load(Campaign campaign, String csv) throws Exception {
        Path file = dir.resolve("leads-" + System.nanoTime() + ".csv");
        Files.writeString(file, csv);
        return Sql.inTransaction(db.dataSource(), c -> importer.importCsv(c, campaign, file));
    }

    private long count(String sql, Object... params) throws Exception {
        return Sql.inTransaction(db.dataSource(), c -> {
            try (var ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Test
    void columnsMayComeInAnyOrderUnderTheirOtherNames() throws Exception {
        Campaign campaign = campaign();
        ImportReport r = load(campaign, "Days,Amount_Overdue,Phone,Name,External_ID\n12,\"1,250.50\",2125550110,Ann Lee,X-" + campaign.id() + "\n");
        assertThat(r.accepted()).isEqualTo(1);
        assertThat(count("select count(*) from campaign_lead where campaign_id = ? and amount_overdue = 1250.50 and days_overdue = 12",
                campaign.id())).isEqualTo(1);
    }

    @Test
    void importingAgainUpdatesInsteadOfDuplicating() throws Exception {
        Campaign campaign = campaign();
        String id = "R-" + campaign.id();
        load(campaign, "id,name,phone,amount,days_overdue\n" + id + ",Ann Lee,2125550110,100,10\n");
        ImportReport again = load(campaign, "id,name,phone,amount,days_overdue\n" + id + ",Ann Lee-Smith,2125550121,150,40\n");
        assertThat(again.newLeads()).isZero();
        assertThat(again.updatedLeads()).isEqualTo(1);
        assertThat(count("select count(*) from campaign_lead l join debtor d on d.id = l.debtor_id where d.external_id = ? "
                + "and l.amount_overdue = 150 and d.name = 'Ann Lee-Smith'", id)).isEqualTo(1);
        // the second number is added to the debtor, the first is kept
        assertThat(count("select count(*) from debtor_phone p join debtor d on d.id = p.debtor_id where d.external_id = ?", id))
                .isEqualTo(2);
    }

    @Test
    void aBrokenFileLeavesNothingBehind() throws Exception {
        Campaign campaign = campaign();
        String csv = "id,name,phone,amount,days_overdue\nOK-" + campaign.id() + ",Ann,2125550110,1,1\nX,\"never closed,2125550121,1,1\n";
        assertThatThrownBy(() -> load(campaign, csv)).isInstanceOf(Invalid.class).hasMessageContaining("not readable as CSV");
        assertThat(count("select count(*) from campaign_lead where campaign_id = ?", campaign.id())).isZero();
        assertThatThrownBy(() -> load(campaign, "")).hasMessageContaining("empty");
        assertThatThrownBy(() -> load(campaign, "id,name,phone,amount,days_overdue\n")).hasMessageContaining("no rows");
        assertThatThrownBy(() -> load(campaign, "id,id,name\n1,2,3\n")).hasMessageContaining("header");
    }

    @Test
    void shortRowsAndOversizedValuesAreRejectedWithTheirLine() throws Exception {
        Campaign campaign = campaign();
        ImportReport r = load(campaign, "id,name,phone,amount,days_overdue\n"
                + "S1,Ann,2125550110\n"
                + "S2,Ann,2125550110,1.005,1\n"
                + "S3,Ann,2125550110,1,99999\n"
                + "S4," + "x".repeat(201) + ",2125550110,1,1\n");
        assertThat(r.accepted()).isZero();
        assertThat(r.rejected()).extracting(ImportReport.Rejection::line).containsExactly(2L, 3L, 4L, 5L);
        assertThat(r.rejected().get(0).reason()).contains("fewer than the header");
        assertThat(r.rejected().get(1).reason()).contains("2 decimals");
        assertThat(r.rejected().get(2).reason()).contains("days_overdue");
        assertThat(r.rejected().get(3).reason()).contains("name");
    }

    @Test
    void aLargeFileGoesInWhole() throws Exception {
        Campaign campaign = campaign();
        StringBuilder sb = new StringBuilder("id,name,phone,amount,days_overdue\n");
        int rows = 50_000;
        for (int i = 0; i < rows; i++) {
            sb.append("BIG-").append(campaign.id()).append('-').append(i).append(",Debtor ").append(i)
                    .append(",+1212555").append(String.format("%04d", i % 10_000)).append(',').append(i % 5000).append(".25,")
                    .append(i % 365).append('\n');
        }
        sb.append("BIG-bad,Bad,0,1,1\n");
        ImportReport r = load(campaign, sb.toString());
        assertThat(r.accepted()).isEqualTo(rows);
        assertThat(r.rejectedCount()).isEqualTo(1);
        assertThat(r.rejected().get(0).line()).isEqualTo(rows + 2L);
        assertThat(count("select count(*) from campaign_lead where campaign_id = ?", campaign.id())).isEqualTo(rows);
    }
}
