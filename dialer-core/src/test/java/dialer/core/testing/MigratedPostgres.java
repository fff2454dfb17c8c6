package dialer.core.testing;

import dialer.core.db.Database;
import dialer.postgres.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * Fresh throwaway databases with the dialer's schema, for integration tests: the first call runs
 * initdb and every migration once into a template data directory (kept for this JVM, deleted at its
 * exit); every call returns a server on a copy of it. Each test still gets a database of its own,
 * and Flyway still checks the copy at {@link Database#open} (it finds nothing to apply). Saves the
 * suite initdb and the migrations for each of its servers.
 */
public final class MigratedPostgres {

    /** Guarded by the class: made once per JVM. */
    private static Path template;

    private MigratedPostgres() {
    }

    /** A throwaway server whose database {@code dialer} holds the migrated, empty schema. */
    public static EmbeddedPostgres startThrowaway() {
        return EmbeddedPostgres.startThrowawayCopyOf(template(), "dialer");
    }

    private static synchronized Path template() {
        if (template == null) {
            try {
                Path dir = Files.createTempDirectory("dialer-pg-template-");
                dir.toFile().setExecutable(true, false);
                Path data = dir.resolve("data");
                EmbeddedPostgres pg = EmbeddedPostgres.start(data, 0, "dialer");
                Database.open(pg.jdbcUrl("dialer"), pg.user(), "", pg).close();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir), "delete-pg-template"));
                template = data;
            } catch (IOException e) {
                throw new UncheckedIOException("could not make the template database", e);
            }
        }
        return template;
    }

    private static void delete(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: the system cleans it up in the end
        }
    }
}
