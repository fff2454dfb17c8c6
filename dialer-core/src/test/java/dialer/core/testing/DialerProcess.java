package dialer.core.testing;

import dialer.ami.asterisk.AmiSettings;
import dialer.postgres.EmbeddedPostgres;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A dialer in a JVM of its own ({@code DialerMain}, as deployed), on a given PostgreSQL and
 * Asterisk, with simulated agents: several nodes side by side, or one killed with kill -9. It runs on
 * the real clock, so a test dials a region where it is daytime now ({@code DemoSetup.daytime}).
 */
public final class DialerProcess implements AutoCloseable {

    private final String node;
    private final Process process;
    private final Path log;
    private final Api api;
    /** When the JVM was launched. */
    public final Instant launchedAt;

    private DialerProcess(String node, Process process, Path log, Api api, Instant launchedAt) {
        this.node = node;
        this.process = process;
        this.log = log;
        this.api = api;
        this.launchedAt = launchedAt;
    }

    /** Starts node {@code node}; returns once its API answers, signed in as the administrator. */
    public static DialerProcess start(String node, EmbeddedPostgres pg, AmiSettings ami) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = Path.of("target", "dialer-process-" + node + "-" + System.currentTimeMillis() + ".log");
        Files.createDirectories(log.getParent());
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:MaxGCPauseMillis=20",
                "-Ddialer.http.port=" + port,
                "-Ddialer.db.url=" + pg.jdbcUrl("dialer"),
                "-Ddialer.db.user=" + pg.user(),
                "-Ddialer.pbx=local=" + ami.host() + ":" + ami.port() + ":" + ami.username() + ":" + ami.secret(),
                "-Ddialer.node=" + node,
                "-Ddialer.simulated.agents=true",
                "-Ddialer.admin.password=" + TestServer.ADMIN_PASSWORD,
                "-cp", System.getProperty("java.class.path"),
                "dialer.core.DialerMain");
        Instant launched = Instant.now();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Api api = new Api(port);
        try {
            Await.until(node + " answering (log: " + log.toAbsolutePath() + ")", Duration.ofSeconds(60), () -> {
                if (!p.isAlive()) {
                    throw new AssertionError(node + " exited; its log:\n" + read(log));
                }
                try {
                    return api.get("/health").status();
                } catch (AssertionError notYet) {
                    return 0;
                }
            }, status -> status == 200);
        } catch (RuntimeException | AssertionError e) {
            p.destroyForcibly();
            throw e;
        }
        return new DialerProcess(node, p, log, api.login("admin", TestServer.ADMIN_PASSWORD), launched);
    }

    public Api api() {
        return api;
    }

    public String node() {
        return node;
    }

    public Path log() {
        return log;
    }

    /** kill -9: the process ends at once, nothing of it runs (no shutdown hook, no hang-up, no write). */
    public Instant kill() throws InterruptedException {
        Instant at = Instant.now();
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
        return at;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
