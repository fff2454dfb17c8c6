package dialer.core.engine;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.function.Supplier;

/**
 * Whether the engine can record what it does. A write that fails because the database cannot be
 * reached closes the gate: no new call is placed (fail closed) until a write or a probe succeeds
 * again, and then dialing resumes by itself. Every failed write is logged with its attempt and
 * counted. Owned by the engine thread.
 */
final class RecordingHealth {

    private static final Logger log = LoggerFactory.getLogger(RecordingHealth.class);
    static final long PROBE_MILLIS = 1_000;

    private final EngineThread thread;
    private final EngineEvents events;
    private final Supplier<Future<Void>> probe;
    private Runnable onResumed = () -> { };
    // engine thread
    private boolean healthy = true;
    private long failedWrites;
    private long probeTimer = -1;

    RecordingHealth(EngineThread thread, EngineEvents events, Supplier<Future<Void>> probe) {
        this.thread = thread;
        this.events = events;
        this.probe = probe;
    }

    void onResumed(Runnable action) {
        this.onResumed = action;
    }

    boolean healthy() {
        thread.check();
        return healthy;
    }

    /** A write failed; {@code attemptId} may be null for writes of no single attempt. */
    void failed(Long attemptId, String what, Throwable error) {
        thread.check();
        failedWrites++;
        boolean unreachable = databaseUnreachable(error);
        if (attemptId != null) {
            log.error("attempt {}: could not write {}{}: {}", attemptId, what, unreachable ? " (database unreachable)" : "",
                    error.toString());
        } else {
            log.error("could not write {}{}: {}", what, unreachable ? " (database unreachable)" : "", error.toString());
        }
        if (unreachable && healthy) {
            healthy = false;
            log.warn("attempts cannot be recorded: no new calls until the database takes writes again");
            events.recording(false, failedWrites);
            probeTimer = thread.periodic(PROBE_MILLIS, this::probe);
        } else {
            events.recording(healthy, failedWrites);
        }
    }

    /** A write went through. */
    void succeeded() {
        thread.check();
        if (healthy) {
            return;
        }
        healthy = true;
        if (probeTimer >= 0) {
            thread.cancel(probeTimer);
            probeTimer = -1;
        }
        log.info("the database takes writes again: dialing resumes");
        events.recording(true, failedWrites);
        onResumed.run();
    }

    private void probe() {
        if (healthy) {
            return;
        }
        probe.get().onSuccess(v -> succeeded());
    }

    /** Connection-level failures (the server is down, restarting, or the pool timed out): worth retrying. */
    static boolean databaseUnreachable(Throwable error) {
        return dialer.core.db.Sql.unreachable(error);
    }
}
