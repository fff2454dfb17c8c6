package dialer.core.lead;

import dialer.core.Invalid;
import dialer.core.campaign.Campaign;
import dialer.core.campaign.CampaignDraft;
import dialer.core.campaign.CampaignStore;
import dialer.core.db.Database;
import dialer.core.db.Sql;
import dialer.core.http.Json;
import dialer.postgres.EmbeddedPostgres;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Imports against a real PostgreSQL: good, dirty, malformed, merged, mapped, JSON and large files. */
class LeadImportIT {

    private static Database db;
    private final LeadImporter importer = new LeadImporter();
    private final CampaignStore campaigns = new CampaignStore();
    private final ListStore lists = new ListStore();
    private final DebtorStore debtors = new DebtorStore();

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        EmbeddedPostgres pg = dialer.core.testing.MigratedPostgres.startThrowaway();
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
        return load(campaign, csv, ImportFormat.CSV, ColumnMapping.NONE);
    }

    private ImportReport load(Campaign campaign, String content, ImportFormat format, ColumnMapping mapping) throws Exception {
        Path file = dir.resolve("leads-" + System.nanoTime());
        Files.writeString(file, content);
        return Sql.inTransaction(db.dataSource(), c -> importer.importIntoCampaign(c, campaign, format, file, mapping));
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

    private JsonObject debtor(String externalId) throws Exception {
        return Json.debtor(Sql.inTransaction(db.dataSource(), c -> debtors.get(c, debtors.idOf(c, externalId), true)));
    }

    @Test
    void columnsMayComeInAnyOrderUnderTheirUsualNames() throws Exception {
        Campaign campaign = campaign();
        ImportReport r = load(campaign, "Days,Amount_Overdue,Phone,Name,External_ID\n12,\"1,250.50\",2125550110,Ann Lee,X-" + campaign.id() + "\n");
        assertThat(r.accepted()).isEqualTo(1);
        assertThat(count("select count(*) from campaign_lead where campaign_id = ? and amount_overdue = 1250.50 and days_overdue = 12",
                campaign.id())).isEqualTo(1);
        assertThat(debtor("X-" + campaign.id()).getJsonArray("accounts").getJsonObject(0).getString("bucket")).isEqualTo("M1");
    }

    @Test
    void recordsOfOneDebtorMergeIntoAccountsAndNumbers() throws Exception {
        Campaign campaign = campaign();
        String id = "M-" + campaign.id();
        ImportReport r = load(campaign, "id,name,account_ref,product,amount,days_overdue,bucket,phone,phone_type,phone_work\n"
                + id + ",Ann Lee,CARD-1,credit card,400,95,M4,+12125550110,OWN_MOBILE,\n"
                + id + ",Ann Lee,LOAN-7,consumer loan,600,35,M2,+12125550121,HOME,+12125550132\n"
                + id + ",Ann Lee,CARD-1,credit card,450,96,M4,+12125550110,OWN_MOBILE,\n");
        assertThat(r.accepted()).isEqualTo(3);
        assertThat(r.newDebtors()).isEqualTo(1);
        assertThat(r.merged()).isEqualTo(2);
        JsonObject d = debtor(id);
        assertThat(d.getJsonArray("accounts")).hasSize(2);
        assertThat(d.getJsonArray("accounts").getJsonObject(0).getString("amountOverdue")).as("the last record of CARD-1").isEqualTo("450.00");
        assertThat(d.getJsonArray("phones").stream().map(p -> ((JsonObject) p).getString("type"))).containsExactly("OWN_MOBILE", "HOME", "WORK");
        // the queue orders by the debtor's total and oldest debt
        assertThat(count("select count(*) from campaign_lead where campaign_id = ? and amount_overdue = 1050 and days_overdue = 96 "
                + "and bucket_rank = 4", campaign.id())).isEqualTo(1);
    }

    @Test
    void importingAgainUpdatesInsteadOfDuplicating() throws Exception {
        Campaign campaign = campaign();
        String id = "R-" + campaign.id();
        load(campaign, "id,name,phone,amount,days_overdue\n" + id + ",Ann Lee,2125550110,100,10\n");
        ImportReport again = load(campaign, "id,name,phone,amount,days_overdue\n" + id + ",Ann Lee-Smith,2125550121,150,40\n");
        assertThat(again.newLeads()).isZero();
        assertThat(again.updatedLeads()).isEqualTo(1);
        assertThat(again.merged()).isEqualTo(1);
        assertThat(count("select count(*) from campaign_lead l join debtor d on d.id = l.debtor_id where d.external_id = ? "
                + "and l.amount_overdue = 150 and d.name = 'Ann Lee-Smith'", id)).isEqualTo(1);
        assertThat(debtor(id).getJsonArray("phones")).hasSize(2);
    }

    @Test
    void aListsMappingTranslatesItsHeadersAndKeepsCustomFields() throws Exception {
        Campaign campaign = campaign();
        ColumnMapping mapping = ColumnMapping.fromJson(new JsonObject().put("Customer No", "id").put("Full Name", "name")
                .put("Cell", "phone_mobile").put("Home Tel", "phone_home").put("Balance", "amount").put("DPD", "days_overdue")
                .put("Branch", "custom:branch").put("Internal", "ignore"));
        ImportReport r = load(campaign, "Customer No,Full Name,Cell,Home Tel,Balance,DPD,Branch,Internal,Colour\n"
                + "C-" + campaign.id() + ",Bo Ng,(212) 555-0110,212 555 0121,99.90,400,Queens,x,blue\n", ImportFormat.CSV, mapping);
        assertThat(r.accepted()).isEqualTo(1);
        assertThat(r.unknownColumns()).containsExactly("Colour");
        JsonObject d = debtor("C-" + campaign.id());
        assertThat(d.getJsonObject("custom").getString("branch")).isEqualTo("Queens");
        assertThat(d.getJsonArray("accounts").getJsonObject(0).getString("bucket")).isEqualTo("M6+");
        assertThatThrownBy(() -> ColumnMapping.fromJson(new JsonObject().put("X", "amount_due")))
                .isInstanceOf(Invalid.class).hasMessageContaining("mapping.X").hasMessageContaining("amount_due");
    }

    @Test
    void jsonRecordsCarryTheirNumbersAndCustomFields() throws Exception {
        Campaign campaign = campaign();
        String json = """
                [{"id": "J1-%1$d", "name": "Ann Lee", "amount": 120.5, "days_overdue": 61, "flags": ["DISPUTE"],
                  "phones": [{"number": "+12125550110", "type": "HOME"},
                             {"number": "+12125550121", "type": "THIRD_PARTY", "relationship": "sister"},
                             {"number": "911", "type": "WORK"}],
                  "custom": {"segment": "gold"}, "country": "US", "state": "TX", "postal_code": "78701"},
                 {"id": "J2-%1$d", "name": "", "amount": 1, "days_overdue": 1, "phone": "+12125550132"},
                 "not a record"]
                """.formatted(campaign.id());
        ImportReport r = load(campaign, json, ImportFormat.JSON, ColumnMapping.NONE);
        assertThat(r.rows()).isEqualTo(3);
        assertThat(r.accepted()).isEqualTo(1);
        assertThat(r.rejected()).extracting(ImportReport.Rejection::line).containsExactly(2L, 3L);
        assertThat(r.warnings()).singleElement().satisfies(w -> assertThat(w.reason()).contains("phones dropped"));
        JsonObject d = debtor("J1-" + campaign.id());
        assertThat(d.getJsonArray("phones").stream().map(p -> ((JsonObject) p).getString("relationship"))).contains("sister");
        assertThat(d.getJsonArray("flags")).contains("DISPUTE");
        assertThat(d.getJsonArray("addresses").getJsonObject(0).getString("state")).isEqualTo("TX");
        assertThat(d.getJsonObject("custom").getString("segment")).isEqualTo("gold");
        assertThatThrownBy(() -> load(campaign, "{\"id\": 1}", ImportFormat.JSON, ColumnMapping.NONE)).hasMessageContaining("array");
        assertThatThrownBy(() -> load(campaign, "[{\"id\": ", ImportFormat.JSON, ColumnMapping.NONE))
                .isInstanceOf(Invalid.class).hasMessageContaining("not readable as JSON");
    }

    @Test
    void undialableNumbersAreDroppedWithAWarningAndARecordWithoutAnyIsRefused() throws Exception {
        Campaign campaign = campaign();
        ImportReport r = load(campaign, "id,name,phone,phone_work,phone_third_party,amount,days_overdue,bucket\n"
                + "W1-" + campaign.id() + ",Ann,2125550110,123,2125550121,10,5,\n"
                + "W2-" + campaign.id() + ",Bob,555,,,10,5,\n"
                + "W3-" + campaign.id() + ",Cy,2125550132,,,10,5,M9\n");
        assertThat(r.accepted()).isEqualTo(1);
        assertThat(r.warnings()).extracting(ImportReport.Rejection::reason)
                .anySatisfy(w -> assertThat(w).contains("phone_work dropped"))
                .anySatisfy(w -> assertThat(w).contains("third_party_relationship"));
        assertThat(r.rejected()).extracting(ImportReport.Rejection::reason)
                .anySatisfy(x -> assertThat(x).contains("no dialable phone"))
                .anySatisfy(x -> assertThat(x).contains("bucket 'M9'"));
    }

    @Test
    void aBrokenFileLeavesNothingBehind() throws Exception {
        Campaign campaign = campaign();
        String csv = "id,name,phone,amount,days_overdue\nOK-" + campaign.id() + ",Ann,2125550110,1,1\nX,\"never closed,2125550121,1,1\n";
        assertThatThrownBy(() -> load(campaign, csv)).isInstanceOf(Invalid.class).hasMessageContaining("not readable as CSV");
        assertThat(count("select count(*) from campaign_lead where campaign_id = ?", campaign.id())).isZero();
        assertThat(count("select count(*) from debtor where external_id = ?", "OK-" + campaign.id())).isZero();
        assertThatThrownBy(() -> load(campaign, "")).hasMessageContaining("empty");
        assertThatThrownBy(() -> load(campaign, "id,name,phone,amount,days_overdue\n")).hasMessageContaining("no records");
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
    void aCampaignThatTakesOnAListQueuesItsDebtors() throws Exception {
        Campaign campaign = campaign();
        ContactList list = Sql.inTransaction(db.dataSource(), c -> lists.create(c, "bank A " + System.nanoTime(), "US", ColumnMapping.NONE));
        Path file = dir.resolve("list.csv");
        Files.writeString(file, "id,name,phone,amount,days_overdue\nL1-" + list.id() + ",Ann,2125550110,10,5\nL2-" + list.id()
                + ",Bob,2125550121,20,5\n");
        ImportReport r = Sql.inTransaction(db.dataSource(), c -> importer.importFile(c, list, ColumnMapping.NONE, ImportFormat.CSV, file, null));
        assertThat(r.accepted()).isEqualTo(2);
        assertThat(count("select count(*) from campaign_lead where campaign_id = ?", campaign.id())).isZero();
        int added = Sql.inTransaction(db.dataSource(), c -> lists.attach(c, campaign.id(), list.id()));
        assertThat(added).isEqualTo(2);
        // a later import into the list reaches the campaign's queue too
        Files.writeString(file, "id,name,phone,amount,days_overdue\nL3-" + list.id() + ",Cy,2125550132,30,5\n");
        Sql.inTransaction(db.dataSource(), c -> importer.importFile(c, list, ColumnMapping.NONE, ImportFormat.CSV, file, null));
        assertThat(count("select count(*) from campaign_lead where campaign_id = ?", campaign.id())).isEqualTo(3);
        assertThat(count("select count(*) from import_batch where list_id = ?", list.id())).isEqualTo(2);
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
