package dialer.core.recording;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Which recordings have outlived their campaign's retention and are to be purged. */
public final class Retention {

    /** A kept recording: when it started, and its campaign's retention in days. */
    public record Kept(long recordingId, String file, Instant startedAt, int retentionDays) {
    }

    private Retention() {
    }

    /** Whether a recording started at {@code startedAt} is past a retention of {@code days} at {@code now}. */
    public static boolean expired(Instant startedAt, int days, Instant now) {
        return !startedAt.plus(Duration.ofDays(days)).isAfter(now);
    }

    /** The recordings among {@code kept} past their campaign's retention at {@code now}. */
    public static List<Kept> due(List<Kept> kept, Instant now) {
        return kept.stream().filter(k -> expired(k.startedAt(), k.retentionDays(), now)).toList();
    }
}
