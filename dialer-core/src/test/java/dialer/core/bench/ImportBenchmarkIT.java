package dialer.core.bench;

import dialer.core.db.Database;
import dialer.postgres.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's code path on a small list in a real PostgreSQL: both importers agree, not timings. */
class ImportBenchmarkIT {

    @Test
    void ourImportAndTheBaselineAcceptTheSameRowsOfTheGeneratedList() throws Exception {
        Path csv = Files.createTempFile("import-benchmark-it", ".csv");
        try (EmbeddedPostgres pg = EmbeddedPostgres.startThrowaway("bench")) {
            ImportBenchmark.generate(csv, 3_000);
            Database db = Database.open(pg.jdbcUrl("bench"), pg.user(), "", null);
            try {
                ImportBenchmark.Result[] both = ImportBenchmark.run(db, csv);
                ImportBenchmark.Result ours = both[0];
                ImportBenchmark.Result baseline = both[1];
                assertThat(ours.rows()).isEqualTo(3_000);
                assertThat(baseline.rows()).isEqualTo(3_000);
                // about 2% of the generated rows are dirty (a short number or a negative amount)
                assertThat(ours.accepted()).isBetween(2_880, 2_980);
                assertThat(baseline.accepted()).isEqualTo(ours.accepted());
                assertThat(ours.seconds()).isPositive();
                assertThat(ours.peakHeapBytes()).isPositive();
            } finally {
                db.close();
            }
        } finally {
            Files.deleteIfExists(csv);
        }
    }
}
