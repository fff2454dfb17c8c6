package dialer.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * SIPp (Debian's {@code sip-tester}) running one of the scenarios under {@code
 * src/test/resources/sipp/} as a SIP peer on 127.0.0.1 (UDP), e.g. the carrier behind a PJSIP trunk.
 * It answers OPTIONS by itself ({@code -aa}), so a trunk's qualify sees it reachable. Its log
 * ({@code -trace_logs}: what the scenario's {@code <log>} actions write) is read with {@link #log()}.
 * Close it to stop it.
 */
public final class Sipp implements AutoCloseable {

    private final Process process;
    private final Path dir;
    private final String scenario;

    private Sipp(Process process, Path dir, String scenario) {
        this.process = process;
        this.dir = dir;
        this.scenario = scenario;
    }

    /**
     * Starts {@code scenario} (a file name under sipp/ on the test class path) as a UAS on
     * 127.0.0.1:{@code port}, its media (RTP echo) on {@code mediaPort} and {@code mediaPort + 2}.
     */
    public static Sipp uas(String scenario, int port, int mediaPort) {
        try {
            Path xml = Path.of(Sipp.class.getResource("/sipp/" + scenario).toURI());
            Path dir = Files.createTempDirectory("sipp-" + port + "-");
            List<String> command = new ArrayList<>(List.of("sipp", "-sf", xml.toString(), "-i", "127.0.0.1", "-p",
                    String.valueOf(port), "-mi", "127.0.0.1", "-mp", String.valueOf(mediaPort), "-aa", "-nostdin",
                    "-trace_logs", "-trace_err", "-max_recv_loops", "1000"));
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("sipp.out").toFile()).start();
            Sipp sipp = new Sipp(process, dir, scenario);
            // SIPp binds at once; a moment for it to be listening
            Thread.sleep(300);
            if (!process.isAlive()) {
                throw new IllegalStateException("sipp " + scenario + " on port " + port + " exited at once: "
                        + Files.readString(dir.resolve("sipp.out")));
            }
            return sipp;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start sipp (apt-get install sip-tester)", e);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The lines the scenario logged so far. */
    public List<String> log() {
        try (Stream<Path> files = Files.list(dir)) {
            List<String> lines = new ArrayList<>();
            for (Path p : files.filter(p -> p.getFileName().toString().endsWith("_logs.log")).toList()) {
                lines.addAll(Files.readAllLines(p));
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The scenario's errors (unexpected messages and the like), for a failing test's message. */
    public String errors() {
        try (Stream<Path> files = Files.list(dir)) {
            StringBuilder out = new StringBuilder();
            for (Path p : files.filter(p -> p.getFileName().toString().endsWith("_errors.log")).toList()) {
                out.append(Files.readString(p));
            }
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path directory() {
        return dir;
    }

    @Override
    public void close() {
        ChildProcesses.stop(process);
    }

    @Override
    public String toString() {
        return "sipp " + scenario + " in " + dir + " (alive: " + process.isAlive() + ")";
    }

    /** How long to wait for SIPp to see something. */
    public static final Duration PATIENCE = Duration.ofSeconds(15);
}
