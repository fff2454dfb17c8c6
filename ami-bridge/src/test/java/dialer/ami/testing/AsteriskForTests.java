package dialer.ami.testing;

import dialer.ami.asterisk.AmiSettings;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Asterisk for integration tests and benchmarks, configured from docker/asterisk/etc.
 *
 * <p>Where a Docker engine answers, a container built from docker/asterisk/Dockerfile
 * (Testcontainers); elsewhere the project's script docker/asterisk/local-asterisk.sh, which builds
 * a Debian root with debootstrap once and runs Asterisk chrooted in it. Choose with the
 * environment variable {@code DIALER_TEST_ASTERISK=docker|local} (default: docker if available).
 *
 * <p>There is no fallback and no skipping: when no Asterisk can be had, {@link #ami()} throws
 * with the reason, and the test that asked fails.
 */
public final class AsteriskForTests {

    private static AmiSettings settings;
    private static GenericContainer<?> container;

    private AsteriskForTests() {
    }

    /** Starts Asterisk once per JVM and returns how to reach its AMI. */
    public static synchronized AmiSettings ami() {
        if (settings == null) {
            settings = useDocker() ? startContainer() : startLocal();
        }
        return settings;
    }

    /** The project's root directory (the one holding docker/asterisk). */
    public static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docker/asterisk/local-asterisk.sh"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find docker/asterisk/local-asterisk.sh above " + dir);
    }

    /** Runs an Asterisk CLI command on the test Asterisk (local mode: through the script). */
    public static String cli(String command) {
        ami();
        if (container != null) {
            try {
                return container.execInContainer("asterisk", "-rx", command).getStdout();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("asterisk -rx '" + command + "' failed in the container", e);
            }
        }
        return run(Duration.ofSeconds(30), "bash", script().toString(), "cli", command);
    }

    /**
     * Restarts the test Asterisk the way an operator would (a clean stop, which announces the
     * shutdown on AMI, then a start): for tests of what survives it.
     */
    public static synchronized void restart() {
        ami();
        if (container != null) {
            try {
                container.execInContainer("asterisk", "-rx", "core restart now");
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("could not restart Asterisk in the container", e);
            }
            return;
        }
        run(Duration.ofMinutes(3), "bash", script().toString(), "restart");
    }

    private static boolean useDocker() {
        String choice = System.getenv().getOrDefault("DIALER_TEST_ASTERISK", "auto");
        return switch (choice) {
            case "docker" -> true;
            case "local" -> false;
            case "auto" -> dockerEngineAnswers();
            default -> throw new IllegalStateException("DIALER_TEST_ASTERISK must be docker, local or auto, was " + choice);
        };
    }

    private static boolean dockerEngineAnswers() {
        if (!Files.exists(Path.of("/var/run/docker.sock")) && System.getenv("DOCKER_HOST") == null) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static AmiSettings startContainer() {
        Path dir = projectRoot().resolve("docker/asterisk");
        GenericContainer<?> c = new GenericContainer<>(new ImageFromDockerfile("collections-dialer-asterisk-test", false)
                .withFileFromPath(".", dir))
                .withExposedPorts(5038)
                .waitingFor(Wait.forListeningPort().withStartupTimeout(Duration.ofMinutes(5)));
        c.start();
        container = c;
        return AmiSettings.of(c.getHost(), c.getMappedPort(5038), "dialer", "dialer-secret");
    }

    private static AmiSettings startLocal() {
        run(Duration.ofMinutes(15), "bash", script().toString(), "start");
        return AmiSettings.of("127.0.0.1", 5038, "dialer", "dialer-secret");
    }

    private static Path script() {
        return projectRoot().resolve("docker/asterisk/local-asterisk.sh");
    }

    private static String run(Duration timeout, String... command) {
        try {
            Path output = Files.createTempFile("local-asterisk", ".out");
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
                if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("no real Asterisk for the tests: '" + String.join(" ", command)
                            + "' did not finish within " + timeout + ":\n" + Files.readString(output, StandardCharsets.UTF_8));
                }
                String text = Files.readString(output, StandardCharsets.UTF_8);
                if (p.exitValue() != 0) {
                    throw new IllegalStateException("no real Asterisk for the tests: '" + String.join(" ", command)
                            + "' failed with exit code " + p.exitValue() + ":\n" + text);
                }
                return text;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("no real Asterisk for the tests: could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Asterisk", e);
        }
    }
}
