package dialer.postgres;

import com.sun.security.auth.module.UnixSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server run from the binaries on the classpath, with its data in a directory that
 * survives restarts: the zero-setup database of the dialer and of the tests.
 *
 * <p>PostgreSQL refuses to run as root. When this JVM is root, the server runs as the
 * unprivileged user {@code nobody} (through util-linux {@code setpriv}), and the data directory is
 * owned by that user; every directory above it must then be reachable by others.
 *
 * <p>Only 127.0.0.1 is listened on, with trust authentication and no Unix socket.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final int UNPRIVILEGED_UID = 65534;
    private static final int UNPRIVILEGED_GID = 65534;
    private static final String SUPERUSER = "postgres";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);

    private final Path binaries;
    private final Path dataDir;
    private final int port;
    private volatile boolean running;
    private Path throwawayDir;

    private EmbeddedPostgres(Path binaries, Path dataDir, int port) {
        this.binaries = binaries;
        this.dataDir = dataDir;
        this.port = port;
    }

    /**
     * Starts a server on {@code dataDir} (created and initialised if empty) listening on
     * {@code port} (0 picks a free one), and creates {@code database} if it does not exist.
     */
    public static EmbeddedPostgres start(Path dataDir, int port, String database) {
        requireSimpleName(database);
        Path absolute = dataDir.toAbsolutePath().normalize();
        EmbeddedPostgres pg = new EmbeddedPostgres(PostgresBinaries.unpacked(), absolute,
                port == 0 ? freePort() : port);
        pg.prepareDataDir();
        pg.startServer();
        pg.createDatabase(database);
        return pg;
    }

    /**
     * A server on a fresh directory under the system temporary directory, deleted again by
     * {@link #close()}: for tests and benchmarks.
     */
    public static EmbeddedPostgres startThrowaway(String database) {
        try {
            Path dir = Files.createTempDirectory("dialer-pg-");
            Files.setPosixFilePermissions(dir, java.util.EnumSet.of(PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
                    PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.GROUP_EXECUTE));
            EmbeddedPostgres pg = start(dir.resolve("data"), 0, database);
            pg.throwawayDir = dir;
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary directory for PostgreSQL", e);
        }
    }

    /**
     * A throwaway server (as {@link #startThrowaway}) on a copy of {@code template}, the data
     * directory of a stopped server: what a test suite that needs many fresh, identically prepared
     * databases starts from instead of running initdb and its migrations each time.
     */
    public static EmbeddedPostgres startThrowawayCopyOf(Path template, String database) {
        if (!Files.exists(template.resolve("PG_VERSION")) || Files.exists(template.resolve("postmaster.pid"))) {
            throw new IllegalArgumentException(template + " is not the data directory of a stopped PostgreSQL server");
        }
        try {
            Path dir = Files.createTempDirectory("dialer-pg-");
            Files.setPosixFilePermissions(dir, java.util.EnumSet.of(PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
                    PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.GROUP_EXECUTE));
            copyKeepingOwners(template, dir.resolve("data"));
            EmbeddedPostgres pg = start(dir.resolve("data"), 0, database);
            pg.throwawayDir = dir;
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy " + template + " for a throwaway PostgreSQL", e);
        }
    }

    /** {@code cp -a}: the files stay the unprivileged server user's when this JVM is root. */
    private static void copyKeepingOwners(Path from, Path to) throws IOException {
        try {
            Process cp = new ProcessBuilder("cp", "-a", from.toString(), to.toString())
                    .redirectErrorStream(true).start();
            String output = new String(cp.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!cp.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || cp.exitValue() != 0) {
                throw new IOException("cp -a " + from + " " + to + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while copying " + from, e);
        }
    }

    /** The default place for the dialer's own data: it survives restarts of the machine. */
    public static Path defaultDataDir() {
        if (runningAsRoot()) {
            return Path.of("/var/lib/collections-dialer/pgdata");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("collections-dialer").resolve("pgdata");
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String user() {
        return SUPERUSER;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), SUPERUSER, "");
    }

    /** Stops the server (fast shutdown: open sessions are ended, committed data is on disk). */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        try {
            run(List.of(bin("pg_ctl"), "stop", "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "60"));
        } catch (RuntimeException e) {
            log.warn("embedded PostgreSQL on {} did not stop cleanly: {}", dataDir, e.getMessage());
        }
        if (throwawayDir != null) {
            deleteRecursively(throwawayDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.debug("could not delete {}: {}", dir, e.getMessage());
        }
    }

    private void prepareDataDir() {
        try {
            Files.createDirectories(dataDir);
            if (runningAsRoot()) {
                requireReachableByUnprivilegedUser(dataDir.getParent());
                Files.setAttribute(dataDir, "unix:uid", UNPRIVILEGED_UID);
                Files.setAttribute(dataDir, "unix:gid", UNPRIVILEGED_GID);
            }
            Files.setPosixFilePermissions(dataDir, java.util.EnumSet.of(PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
            if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
                log.info("initialising a new embedded PostgreSQL data directory in {}", dataDir);
                run(List.of(bin("initdb"), "-D", dataDir.toString(), "-U", SUPERUSER, "-A", "trust",
                        "-E", "UTF8", "--no-locale", "--no-instructions"));
                Files.writeString(dataDir.resolve("postgresql.conf"),
                        "\ninclude_if_exists = 'embedded.conf'\n", StandardOpenOption.APPEND);
            }
            String settings = String.join("\n",
                    "# written by EmbeddedPostgres at every start",
                    "port = " + port,
                    "listen_addresses = '127.0.0.1'",
                    "unix_socket_directories = ''",
                    "max_connections = 200",
                    "shared_buffers = 128MB",
                    // bulk imports write a lot at once: fewer checkpoints (and full-page writes) while they run
                    "max_wal_size = 2GB",
                    "logging_collector = off",
                    "");
            Path conf = dataDir.resolve("embedded.conf");
            Files.writeString(conf, settings, StandardCharsets.UTF_8);
            if (runningAsRoot()) {
                Files.setAttribute(conf, "unix:uid", UNPRIVILEGED_UID);
                Files.setAttribute(conf, "unix:gid", UNPRIVILEGED_GID);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare the embedded PostgreSQL data directory " + dataDir, e);
        }
    }

    private void startServer() {
        if (Files.exists(dataDir.resolve("postmaster.pid"))) {
            // a previous process was killed and left its server running, or a stale pid file:
            // pg_ctl stop handles both (it fails harmlessly on a stale file; the server removes it at start)
            log.info("embedded PostgreSQL on {} was left running by an earlier process; restarting it", dataDir);
            try {
                run(List.of(bin("pg_ctl"), "stop", "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "60"));
            } catch (RuntimeException stale) {
                log.debug("pg_ctl stop on a stale pid file: {}", stale.getMessage());
            }
        }
        Path logFile = dataDir.resolve("server.log");
        run(List.of(bin("pg_ctl"), "start", "-D", dataDir.toString(), "-l", logFile.toString(), "-w", "-t", "90"));
        running = true;
        log.info("embedded PostgreSQL listening on 127.0.0.1:{} (data in {})", port, dataDir);
    }

    private static void requireSimpleName(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be lower-case letters, digits and _: " + database);
        }
    }

    private void createDatabase(String database) {
        try (Connection c = connect("postgres");
             var exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            if (!exists.executeQuery().next()) {
                try (var create = c.createStatement()) {
                    create.execute("create database " + database);
                }
            }
        } catch (SQLException e) {
            // two processes may race to create it; the loser sees a duplicate
            if (!"42P04".equals(e.getSQLState()) && !"23505".equals(e.getSQLState())) {
                throw new IllegalStateException("could not create database " + database + " on the embedded PostgreSQL", e);
            }
        }
    }

    private String bin(String name) {
        return binaries.resolve("bin").resolve(name).toString();
    }

    /** Runs a PostgreSQL tool, as the unprivileged user when we are root, and fails with its output. */
    private void run(List<String> command) {
        List<String> full = new ArrayList<>();
        if (runningAsRoot()) {
            full.addAll(List.of("setpriv", "--reuid=" + UNPRIVILEGED_UID, "--regid=" + UNPRIVILEGED_GID,
                    "--clear-groups", "--"));
        }
        full.addAll(command);
        try {
            Path output = Files.createTempFile("embedded-postgres", ".out");
            try {
                Process process = new ProcessBuilder(full)
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .directory(binaries.toFile())
                        .start();
                if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not finish in " + COMMAND_TIMEOUT);
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed with exit code "
                            + process.exitValue() + ":\n" + Files.readString(output) + serverLogTail());
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    private String serverLogTail() {
        Path logFile = dataDir.resolve("server.log");
        try {
            if (!Files.exists(logFile)) {
                return "";
            }
            List<String> lines = Files.readAllLines(logFile);
            return "\n--- last lines of " + logFile + " ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static void requireReachableByUnprivilegedUser(Path dir) throws IOException {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IllegalStateException("PostgreSQL must run as the unprivileged user 'nobody' because this"
                        + " process is root, but directory " + p + " is closed to other users (no o+x), so the"
                        + " data directory below it cannot be used; choose a data directory such as "
                        + "/var/lib/collections-dialer/pgdata");
            }
        }
    }

    static boolean runningAsRoot() {
        return new UnixSystem().getUid() == 0;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port for the embedded PostgreSQL", e);
        }
    }
}
