package dialer.core.recording;

import dialer.core.db.Sql;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Deletes the recordings past their campaign's retention, every {@link #EVERY} (and once soon after
 * the start): the file goes, the row stays, marked PURGED and audited as the system.
 */
public final class RecordingPurge {

    private static final Logger log = LoggerFactory.getLogger(RecordingPurge.class);
    public static final Duration EVERY = Duration.ofHours(1);

    private final Sql sql;
    private final RecordingFiles files;
    private final Clock clock;
    private final RecordingStore store = new RecordingStore();

    public RecordingPurge(Sql sql, RecordingFiles files, Clock clock) {
        this.sql = sql;
        this.files = files;
        this.clock = clock;
    }

    /** Runs the purge periodically on Vert.x's timer (the work itself on the database pool). */
    public void start(Vertx vertx) {
        vertx.setTimer(60_000, t -> runLogged());
        vertx.setPeriodic(EVERY.toMillis(), t -> runLogged());
    }

    private void runLogged() {
        run().onSuccess(n -> {
            if (n > 0) {
                log.info("purged {} recordings past their campaign's retention", n);
            }
        }).onFailure(e -> log.warn("the recordings' purge failed: {}", e.getMessage()));
    }

    /** Purges what is due now; completes with how many recordings were purged. */
    public Future<Integer> run() {
        Instant now = clock.instant();
        return sql.tx(c -> {
            List<Retention.Kept> due = Retention.due(store.kept(c), now);
            int purged = 0;
            for (Retention.Kept k : due) {
                try {
                    Files.deleteIfExists(files.resolve(k.file()));
                } catch (IOException | IllegalArgumentException e) {
                    log.warn("recording {}: its file could not be deleted ({}); kept for the next purge", k.recordingId(),
                            e.getMessage());
                    continue;
                }
                store.purged(c, k.recordingId(), now);
                purged++;
            }
            return purged;
        });
    }
}
