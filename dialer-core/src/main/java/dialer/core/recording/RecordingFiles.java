package dialer.core.recording;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The recordings' files: named by the attempt only ({@code attempt-123.wav}: no number, no name),
 * relative to the recordings directory (Asterisk's monitor directory, as this server sees it).
 */
public final class RecordingFiles {

    private static final Pattern NAME = Pattern.compile("attempt-[0-9]{1,19}\\.wav");

    private final Path dir;

    public RecordingFiles(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path dir() {
        return dir;
    }

    /** The file name of an attempt's recording, as MixMonitor is given it and as it is stored. */
    public static String nameOf(long attemptId) {
        if (attemptId <= 0) {
            throw new IllegalArgumentException("attempt id must be positive: " + attemptId);
        }
        return "attempt-" + attemptId + ".wav";
    }

    /** Whether {@code name} is one of ours (an attempt's, and nothing that leaves the directory). */
    public static boolean isRecordingName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** Where a stored name is on this machine; refuses anything but a recording's name. */
    public Path resolve(String name) {
        if (!isRecordingName(name)) {
            throw new IllegalArgumentException("not a recording's file name: " + name);
        }
        return dir.resolve(name);
    }

    /**
     * How long a WAV file plays, from its header (the fmt chunk's byte rate and the data chunk's
     * size, or what follows the data chunk's start when the size was never written): empty when
     * the file is not a readable WAV.
     */
    public static OptionalLong lengthMillis(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4096);
            return lengthMillis(head, Files.size(file));
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** The same from the file's first bytes and its size. */
    static OptionalLong lengthMillis(byte[] head, long fileSize) {
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        if (head.length < 12 || !tag(head, 0, "RIFF") || !tag(head, 8, "WAVE")) {
            return OptionalLong.empty();
        }
        long byteRate = 0;
        int at = 12;
        while (at + 8 <= head.length) {
            long size = Integer.toUnsignedLong(b.getInt(at + 4));
            if (tag(head, at, "fmt ") && at + 16 <= head.length) {
                byteRate = Integer.toUnsignedLong(b.getInt(at + 8 + 8));
            } else if (tag(head, at, "data")) {
                if (byteRate == 0) {
                    return OptionalLong.empty();
                }
                long available = fileSize - (at + 8);
                long data = size == 0 || size > available ? available : size;
                return OptionalLong.of(Math.max(0, data) * 1000 / byteRate);
            }
            at += 8 + (int) Math.min(size + (size & 1), Integer.MAX_VALUE - at - 8);
        }
        return OptionalLong.empty();
    }

    private static boolean tag(byte[] b, int at, String tag) {
        for (int i = 0; i < 4; i++) {
            if (at + i >= b.length || b[at + i] != tag.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
