package dialer.postgres;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedPostgresIT {

    @TempDir
    Path temp;

    @org.junit.jupiter.api.BeforeEach
    void openTheTemporaryDirectoryToTheServerUser() throws Exception {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwx--x--x"));
    }

    @Test
    void keepsCommittedDataAcrossARestartOnTheSameDirectory() throws Exception {
        Path data = temp.resolve("pgdata");
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(data, 0, "dialer")) {
            try (Connection c = pg.connect("dialer"); var s = c.createStatement()) {
                s.execute("create table t (v text)");
                s.execute("insert into t values ('kept')");
            }
        }
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(data, 0, "dialer");
             Connection c = pg.connect("dialer");
             ResultSet rs = c.createStatement().executeQuery("select v from t")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("kept");
            assertThat(pg.jdbcUrl("dialer")).isEqualTo("jdbc:postgresql://127.0.0.1:" + pg.port() + "/dialer");
        }
    }

    @Test
    void takesOverAServerThatAnEarlierProcessLeftRunning() throws Exception {
        Path data = temp.resolve("pgdata");
        EmbeddedPostgres abandoned = EmbeddedPostgres.start(data, 0, "dialer");
        // not closed: as if its JVM had been killed
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(data, 0, "dialer");
             Connection c = pg.connect("dialer")) {
            assertThat(c.isValid(2)).isTrue();
            assertThat(pg.port()).isNotEqualTo(abandoned.port());
        }
    }

    @Test
    void throwawayServerDeletesItsDirectoryOnClose() throws Exception {
        Path dir;
        try (EmbeddedPostgres pg = EmbeddedPostgres.startThrowaway("scratch");
             Connection c = pg.connect("scratch")) {
            dir = pg.dataDir();
            assertThat(c.isValid(2)).isTrue();
        }
        assertThat(dir).doesNotExist();
    }

    @Test
    void aThrowawayCopyStartsWithTheTemplatesDataAndLeavesTheTemplateAsItWas() throws Exception {
        Path template = temp.resolve("template");
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(template, 0, "dialer");
             Connection c = pg.connect("dialer"); var s = c.createStatement()) {
            s.execute("create table t (v text)");
            s.execute("insert into t values ('from the template')");
        }
        Path copyDir;
        try (EmbeddedPostgres copy = EmbeddedPostgres.startThrowawayCopyOf(template, "dialer");
             Connection c = copy.connect("dialer"); var s = c.createStatement()) {
            copyDir = copy.dataDir();
            ResultSet rs = s.executeQuery("select v from t");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("from the template");
            s.execute("insert into t values ('only in the copy')");
        }
        assertThat(copyDir).doesNotExist();
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(template, 0, "dialer");
             Connection c = pg.connect("dialer");
             ResultSet rs = c.createStatement().executeQuery("select count(*) from t")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void refusesToCopyTheDirectoryOfARunningServer() {
        Path template = temp.resolve("template");
        try (EmbeddedPostgres running = EmbeddedPostgres.start(template, 0, "dialer")) {
            assertThatThrownBy(() -> EmbeddedPostgres.startThrowawayCopyOf(template, "dialer"))
                    .hasMessageContaining("stopped");
        }
    }

    @Test
    void refusesADatabaseNameItWouldHaveToQuote() {
        assertThatThrownBy(() -> EmbeddedPostgres.start(temp.resolve("pgdata"), 0, "Robert'); drop"))
                .hasMessageContaining("database name");
    }

    @Test
    void namesTheClosedDirectoryWhenRootCannotHandTheDataToTheServerUser() throws Exception {
        if (!EmbeddedPostgres.runningAsRoot()) {
            return; // the restriction only exists for root; a normal user owns its data directory
        }
        Path closed = temp.resolve("closed");
        Files.createDirectories(closed);
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        assertThatThrownBy(() -> EmbeddedPostgres.start(closed.resolve("pgdata"), 0, "dialer"))
                .hasMessageContaining(closed.toString())
                .hasMessageContaining("nobody");
    }
}
