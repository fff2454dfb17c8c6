package dialer.core.bench;

import dialer.core.campaign.Campaign;
import dialer.core.campaign.CampaignDraft;
import dialer.core.campaign.CampaignStore;
import dialer.core.db.Database;
import dialer.core.db.Sql;
import dialer.core.lead.ColumnMapping;
import dialer.core.lead.ImportFormat;
import dialer.core.lead.LeadImporter;
import dialer.postgres.EmbeddedPostgres;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the bucket history's triggers (V14) cost a lead import: the import benchmark's generated list
 * (size: -Dbucket.cost.rows, 25,000 by default: the suite runs it; the README's figures are of 200,000) imported into a fresh database with the triggers
 * disabled (the baseline) and into another with them, each twice (the second import updates every
 * account without changing one), in -Dbucket.cost.rounds alternated rounds (1 by default; the README's figures, 3). Prints the times;
 * checks the history holds one row per account.
 */
class BucketHistoryCostIT {

    private record Timing(double firstSeconds, double againSeconds, long accounts, long history) {
    }

    @Test
    void importsWithAndWithoutTheBucketHistory() throws Exception {
        int rows = Integer.getInteger("bucket.cost.rows", 25_000);
        int rounds = Integer.getInteger("bucket.cost.rounds", 1);
        Path csv = Files.createTempFile("bucket-history-cost", ".csv");
        try {
            ImportBenchmark.generate(csv, rows);
            // alternated (without, with, without, with...): the machine is shared, a single pair says little
            for (int round = 1; round <= rounds; round++) {
                Timing without = importTwice(csv, false);
                Timing with = importTwice(csv, true);
                System.out.printf(Locale.ROOT, "bucket history cost, %,d rows, round %d: without triggers %.1f s then %.1f s again; "
                        + "with triggers %.1f s then %.1f s again%n", rows, round, without.firstSeconds(), without.againSeconds(),
                        with.firstSeconds(), with.againSeconds());
                assertThat(without.history()).isZero();
                assertThat(with.accounts()).isEqualTo(without.accounts()).isPositive();
                assertThat(with.history()).as("one row per account: the second import changed none").isEqualTo(with.accounts());
            }
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    private static Timing importTwice(Path csv, boolean triggers) throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.startThrowaway("bench")) {
            Database db = Database.open(pg.jdbcUrl("bench"), pg.user(), "", null);
            try {
                if (!triggers) {
                    execute(db, "alter table debtor_account disable trigger debtor_account_bucket_inserted");
                    execute(db, "alter table debtor_account disable trigger debtor_account_bucket_updated");
                }
                Campaign campaign = Sql.inTransaction(db.dataSource(), c -> new CampaignStore().create(c, CampaignDraft.fromJson(
                        new JsonObject().put("name", "bucket cost").put("simulatedCallees", true))));
                double first = timed(db, campaign, csv);
                double again = timed(db, campaign, csv);
                return new Timing(first, again, count(db, "select count(*) from debtor_account"),
                        count(db, "select count(*) from account_bucket_history"));
            } finally {
                db.close();
            }
        }
    }

    private static double timed(Database db, Campaign campaign, Path csv) throws Exception {
        long start = System.nanoTime();
        Sql.inTransaction(db.dataSource(), c -> new LeadImporter().importIntoCampaign(c, campaign, ImportFormat.CSV, csv,
                ColumnMapping.NONE));
        return (System.nanoTime() - start) / 1e9;
    }

    private static void execute(Database db, String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(Database db, String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
