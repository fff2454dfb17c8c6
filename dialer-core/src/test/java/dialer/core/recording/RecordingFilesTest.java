package dialer.core.recording;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The recordings' file names (the attempt only) and their length read from the WAV header. */
class RecordingFilesTest {

    @TempDir
    Path dir;

    @Test
    void aFileIsNamedByTheAttemptOnly() {
        assertThat(RecordingFiles.nameOf(123)).isEqualTo("attempt-123.wav");
        assertThat(RecordingFiles.isRecordingName("attempt-123.wav")).isTrue();
        assertThatThrownBy(() -> RecordingFiles.nameOf(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyRecordingsNamesResolveAndNothingLeavesTheDirectory() {
        RecordingFiles files = new RecordingFiles(dir);
        assertThat(files.resolve("attempt-7.wav")).isEqualTo(dir.toAbsolutePath().normalize().resolve("attempt-7.wav"));
        for (String bad : new String[]{"../attempt-7.wav", "attempt-7.wav/..", "/etc/passwd", "attempt-+12125550100.wav",
                "attempt-7.gsm", "", null}) {
            assertThatThrownBy(() -> files.resolve(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theLengthComesFromTheHeader() throws Exception {
        Path wav = dir.resolve("attempt-1.wav");
        Files.write(wav, wav(8000, 16000 * 3 / 2, true));
        assertThat(RecordingFiles.lengthMillis(wav)).hasValue(1500);
        // a file whose header was never completed (the recording still open): what follows the data chunk
        Files.write(wav, wav(8000, 16000 * 2, false));
        assertThat(RecordingFiles.lengthMillis(wav)).hasValue(2000);
        Files.writeString(wav, "not a wav");
        assertThat(RecordingFiles.lengthMillis(wav)).isEmpty();
        assertThat(RecordingFiles.lengthMillis(dir.resolve("attempt-2.wav"))).isEmpty();
    }

    /** A mono 16-bit PCM WAV of {@code dataBytes} bytes of silence; {@code sized}: the data chunk's size is written. */
    static byte[] wav(int rate, int dataBytes, boolean sized) {
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(sized ? 36 + dataBytes : 0).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(sized ? dataBytes : 0);
        return b.array();
    }
}
