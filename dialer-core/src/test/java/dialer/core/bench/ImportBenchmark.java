package dialer.core.bench;

import dialer.core.campaign.Campaign;
import dialer.core.campaign.CampaignDraft;
import dialer.core.campaign.CampaignStore;
import dialer.core.db.Database;
import dialer.core.db.Sql;
import dialer.core.lead.ColumnMapping;
import dialer.core.lead.ImportFormat;
import dialer.core.lead.ImportReport;
import dialer.core.lead.LeadImporter;
import dialer.core.lead.RowByRowImporter;
import dialer.postgres.EmbeddedPostgres;
import io.vertx.core.json.JsonObject;

import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Imports a generated list of N rows (default 1,000,000; 2% dirty rows, 5% repeated debtors with a
 * second account) into a real PostgreSQL, and prints rows/s and peak heap, beside a baseline that
 * writes the same rows one upsert per table per row in JDBC batches. Run it with a small heap to
 * see the import's memory stay flat:
 *
 * <pre>
 * mvn -q -pl dialer-core -am install -DskipTests
 * mvn -q -pl dialer-core test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *     -Dexec.args="-Xmx512m -cp %classpath dialer.core.bench.ImportBenchmark 1000000"
 * </pre>
 */
public final class ImportBenchmark {

    record Result(String importer, int rows, int accepted, double seconds, long peakHeapBytes) {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path csv = Files.createTempFile("import-benchmark", ".csv");
        // BENCH_JDBC_URL: a real PostgreSQL server to measure against (user postgres, no password) instead of the embedded one
        String url = System.getenv("BENCH_JDBC_URL");
        try (EmbeddedPostgres pg = url == null ? EmbeddedPostgres.startThrowaway("bench") : null) {
            generate(csv, rows);
            System.out.printf(Locale.ROOT, "Import benchmark: %,d rows (%,d MB) into PostgreSQL, heap limit %,d MB%n", rows,
                    Files.size(csv) / 1_000_000, Runtime.getRuntime().maxMemory() / 1_000_000);
            Database db = url == null ? Database.open(pg.jdbcUrl("bench"), pg.user(), "", null)
                    : Database.open(url, "postgres", "", null);
            Result[] both = run(db, csv);
            Result ours = both[0];
            print(both);
            db.close();
            boolean ok = rows < 1_000_000 || ours.seconds() < 120;
            if (!ok) {
                System.out.println("FAILED: 1,000,000 rows must import in under 2 minutes");
                System.exit(1);
            }
        } finally {
            Files.deleteIfExists(csv);
        }
        System.exit(0);
    }

    /** Our importer, then the baseline, on the same file, each into a campaign of its own: [ours, baseline]. */
    static Result[] run(Database db, Path csv) throws Exception {
        return new Result[] {runOurs(db, csv), runBaseline(db, csv)};
    }

    private static Result runOurs(Database db, Path csv) throws Exception {
        Campaign campaign = campaign(db, "ours");
        resetPeaks();
        long start = System.nanoTime();
        ImportReport r = Sql.inTransaction(db.dataSource(), c -> new LeadImporter().importIntoCampaign(c, campaign,
                ImportFormat.CSV, csv, ColumnMapping.NONE));
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result("COPY + set-based merge (LeadImporter)", r.rows(), r.accepted(), seconds, peakHeap());
    }

    private static Result runBaseline(Database db, Path csv) throws Exception {
        Campaign campaign = campaign(db, "baseline");
        System.gc();
        resetPeaks();
        long start = System.nanoTime();
        int[] r = Sql.inTransaction(db.dataSource(), c -> new RowByRowImporter().importCsv(c, campaign.id(), campaign.ownListId(), csv));
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result("upsert per row, JDBC batches (baseline)", r[0], r[1], seconds, peakHeap());
    }

    private static Campaign campaign(Database db, String name) throws Exception {
        return Sql.inTransaction(db.dataSource(), c -> new CampaignStore().create(c, CampaignDraft.fromJson(new JsonObject()
                .put("name", "bench " + name + " " + System.nanoTime()).put("simulatedCallees", true))));
    }

    /** A collections-like list: most rows good, some dirty, some debtors twice (a second account). */
    static void generate(Path csv, int rows) throws Exception {
        Random random = new Random(1);
        String[] areas = {"212", "213", "312", "415", "617", "713", "305", "404", "206", "503", "602", "702", "214", "512",
                "612", "314", "504", "919", "704", "615"};
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("id,name,account_ref,amount,days_overdue,phone,phone_type,phone_home\n");
            for (int i = 0; i < rows; i++) {
                int debtor = random.nextInt(100) < 5 && i > 0 ? random.nextInt(i) : i;
                String phone = "+1" + areas[random.nextInt(areas.length)] + (200 + random.nextInt(700)) + String.format("%04d", random.nextInt(10_000));
                String amount = String.format(Locale.ROOT, "%.2f", random.nextDouble() * 20_000);
                int dirt = random.nextInt(100);
                if (dirt == 0) {
                    phone = "12345";
                } else if (dirt == 1) {
                    amount = "-" + amount;
                }
                w.write("D" + debtor + ",Debtor " + debtor + ",ACC-" + i + "," + amount + "," + random.nextInt(400) + "," + phone
                        + ",OWN_MOBILE," + (random.nextBoolean() ? "+1" + areas[random.nextInt(areas.length)] + "5550" + String.format("%03d", random.nextInt(1000)) : "")
                        + "\n");
            }
        }
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static void print(Result... results) {
        System.out.println();
        System.out.printf("%-42s %10s %10s %9s %12s %14s%n", "importer", "rows", "accepted", "seconds", "rows/s", "peak heap MB");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "%-42s %,10d %,10d %9.1f %,12.0f %14.0f%n", r.importer(), r.rows(), r.accepted(),
                    r.seconds(), r.rows() / r.seconds(), r.peakHeapBytes() / 1e6);
        }
        System.out.println("peak heap: the largest heap in use while the import ran (includes garbage not yet collected)");
    }
}
