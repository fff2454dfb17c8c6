package dialer.core.testing;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real SIP desk phone for tests: Debian's baresip, registered with the test Asterisk under a
 * SIP account, answering every call by itself and sending a 440 Hz tone (no sound card: it plays
 * a WAV file it is given and hears into nowhere). Its configuration lives in a temporary directory;
 * its SIP trace (-s) goes to a log the test can read.
 */
public final class DeskPhone implements AutoCloseable {

    static final String BARESIP = "/usr/bin/baresip";

    private final Process process;
    private final Path dir;
    private final Path log;

    private DeskPhone(Process process, Path dir, Path log) {
        this.process = process;
        this.dir = dir;
        this.log = log;
    }

    /** Starts baresip listening on 127.0.0.1:{@code sipPort}, registering {@code username} with Asterisk at 127.0.0.1:5060. */
    public static DeskPhone start(String username, String password, int sipPort) throws IOException {
        if (!Files.isExecutable(Path.of(BARESIP))) {
            throw new AssertionError(BARESIP + " is missing: bash .ci/install-test-prerequisites installs baresip");
        }
        Path dir = Files.createTempDirectory("baresip-");
        Path tone = dir.resolve("tone.wav");
        writeTone(tone, 60);
        Files.writeString(dir.resolve("config"), String.join("\n",
                "poll_method epoll",
                "sip_listen 127.0.0.1:" + sipPort,
                "audio_player aubridge,nowhere",
                "audio_source aufile," + tone,
                "audio_alert aubridge,nowhere",
                "module_path /usr/lib/baresip/modules",
                "module g711.so",
                "module aufile.so",
                "module aubridge.so",
                "module_app account.so",
                "module_app menu.so",
                ""));
        Files.writeString(dir.resolve("accounts"), "<sip:" + username + "@127.0.0.1;transport=udp>;auth_pass=" + password
                + ";answermode=auto;regint=60\n");
        Path log = dir.resolve("baresip.log");
        Process p = new ProcessBuilder(BARESIP, "-f", dir.toString(), "-s", "-t", "120")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new DeskPhone(p, dir, log);
    }

    /** What baresip printed so far: its SIP trace and its own lines. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + log, e);
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    private static void writeTone(Path file, int seconds) throws IOException {
        int rate = 8000;
        byte[] pcm = new byte[rate * seconds * 2];
        for (int i = 0; i < rate * seconds; i++) {
            short v = (short) (Math.sin(2 * Math.PI * 440 * i / rate) * 8000);
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, pcm.length / 2)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }

    @Override
    public void close() {
        ChildProcesses.stop(process);
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temporary directory left behind is no failure of the test
        }
    }
}
