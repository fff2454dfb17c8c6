package dialer.core.recording;

import dialer.ami.CallIds;
import dialer.core.Conflict;
import dialer.core.Unavailable;
import dialer.core.call.PlacedCall;
import dialer.core.db.Sql;
import dialer.core.engine.EngineListener;
import dialer.core.engine.Pbx;
import dialer.core.recording.RecordingStore.Recording;
import dialer.core.recording.RecordingStore.State;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Records connected calls: MixMonitor on the callee's channel once it is in the agent's conference
 * (it hears both the person and the agent), started by the campaign ({@link RecordingMode#ALL}) or
 * by the agent ({@link RecordingMode#ON_DEMAND}); paused and resumed by the agent (MixMonitorMute
 * on both directions: silence is written meanwhile); ended with the call. When the campaign has a
 * recording notice, it is played into the call's conference once the recording runs
 * ({@link RecordingNotice}): both sides hear it, and it is in the file.
 *
 * <p>Told by the engine on its thread, it does nothing there but hand the work to its own context
 * (the database work to the pool); it keeps no state of its own: each recording's state is its row.
 */
public final class Recorder implements EngineListener {

    private static final Logger log = LoggerFactory.getLogger(Recorder.class);
    /** MixMonitor closes the file a moment after the channel hangs up: its length is read after this. */
    private static final Duration SETTLE = Duration.ofMillis(1500);

    private final Vertx vertx;
    private final Sql sql;
    /** Fixed at construction. */
    private final Map<String, Pbx> pbxs = new LinkedHashMap<>();
    private final RecordingFiles files;
    private final Clock clock;
    private final RecordingStore store = new RecordingStore();
    private final Conferences conferences;

    /** The recorder's own event-loop context: what the engine tells it continues there, never on the engine's thread. */
    private final Context context;

    /** Where an agent's calls are: the conference of their session ({@code agent-<extension>}), while they have one. */
    public interface Conferences {
        Future<Optional<String>> ofAgent(long agentId);
    }

    /** Call outside any Vert.x context (the server's start), so that the recorder gets a context of its own. */
    public Recorder(Vertx vertx, Sql sql, Collection<Pbx> pbxs, RecordingFiles files, Conferences conferences, Clock clock) {
        this.vertx = vertx;
        this.conferences = conferences;
        this.context = vertx.getOrCreateContext();
        this.sql = sql;
        pbxs.forEach(p -> this.pbxs.put(p.name(), p));
        this.files = files;
        this.clock = clock;
    }

    public RecordingFiles files() {
        return files;
    }

    /** Engine thread: hands the start to the recorder's own context at once. */
    @Override
    public void callConnected(long campaignId, long attemptId, long agentId) {
        context.runOnContext(v -> sql.tx(c -> RecordingSetting.of(c, campaignId)).compose(setting -> setting.mode().fromConnection()
                        ? start(attemptId, agentId, RecordingStore.SYSTEM).map(r -> (Object) r) : Future.succeededFuture())
                .onFailure(e -> log.warn("attempt {}: the recording did not start: {}", attemptId, e.getMessage())));
    }

    /** Engine thread: hands the end to the recorder's own context at once. */
    @Override
    public void callEnded(long campaignId, long attemptId) {
        context.runOnContext(v -> vertx.setTimer(SETTLE.toMillis(), t -> finish(attemptId)
                .onFailure(e -> log.warn("attempt {}: the recording's end not stored: {}", attemptId, e.getMessage()))));
    }

    /**
     * Starts recording the attempt's call, connected now to {@code agentId} (null: the attempt's agent
     * as written): a row (the file's name is the attempt's), then MixMonitor; the row says FAILED when
     * the PBX refuses. A call recorded already is a conflict. Then the campaign's notice, if it has one,
     * is played into the call; a notice that cannot be played is logged and does not stop the recording.
     */
    public Future<Recording> start(long attemptId, Long agentId, String actor) {
        Instant now = clock.instant();
        return sql.tx(c -> {
            // the engine said it is connected (its write of the connection may not be done yet): a call gone
            // meanwhile is refused by the PBX, and its recording marked FAILED
            RecordingStore.AttemptFacts attempt = store.attempt(c, attemptId);
            if ("ENDED".equals(attempt.state())) {
                throw new Conflict("attempt " + attemptId + " has ended");
            }
            String notice = RecordingSetting.of(c, attempt.campaignId()).noticePrompt();
            Recording r = store.start(c, attemptId, now, actor)
                    .orElseThrow(() -> new Conflict("attempt " + attemptId + " is recorded already"));
            return new Started(attempt.pbx(), r, notice, agentId != null ? agentId : attempt.agentId());
        }).compose(started -> {
            Recording r = started.recording();
            return command(started.pbx(), p -> p.control().startRecording(channelOf(attemptId), r.file()))
                    .map(v -> {
                        log.info("attempt {}: recording", attemptId);
                        return r;
                    })
                    .recover(e -> sql.tx(c -> {
                        store.failed(c, r.id(), clock.instant());
                        return null;
                    }).transform(ignored -> Future.failedFuture(new Conflict("the recording could not start: " + e.getMessage()))))
                    .compose(recording -> started.notice() == null ? Future.succeededFuture(recording)
                            : notice(started).transform(ar -> {
                                if (ar.failed()) {
                                    log.warn("attempt {}: the recording notice did not play: {}", attemptId, ar.cause().getMessage());
                                }
                                return Future.succeededFuture(recording);
                            }));
        });
    }

    /** What a start found: the call's PBX, its new recording, the campaign's notice (or null), the agent on the call. */
    private record Started(String pbx, Recording recording, String notice, Long agentId) {
    }

    /** Places the notice's call into the agent's conference (where the person is now), audited as NOTICE. */
    private Future<Void> notice(Started s) {
        long attemptId = s.recording().attemptId();
        if (s.agentId() == null) {
            return Future.failedFuture(new Conflict("the call's agent is not known"));
        }
        return here(conferences.ofAgent(s.agentId()))
                .compose(conference -> conference.isPresent() ? Future.succeededFuture(conference.get())
                        : Future.failedFuture(new Conflict("agent " + s.agentId() + " has no session")))
                .compose(conference -> command(s.pbx(),
                        p -> p.control().originate(RecordingNotice.request(attemptId, conference, s.notice()))))
                .compose(v -> sql.tx(c -> {
                    store.audit(c, s.recording().id(), "NOTICE", RecordingStore.SYSTEM, clock.instant());
                    log.info("attempt {}: recording notice sent into the call", attemptId);
                    return null;
                }));
    }

    /** The same outcome, told on the recorder's own context (not on the engine's thread). */
    private <T> Future<T> here(Future<T> elsewhere) {
        io.vertx.core.Promise<T> promise = io.vertx.core.Promise.promise();
        elsewhere.onComplete(ar -> context.runOnContext(v -> promise.handle(ar)));
        return promise.future();
    }

    /** Pauses ({@code pause}) or resumes the attempt's recording, audited with {@code actor}. */
    public Future<Recording> pause(long attemptId, boolean pause, String actor) {
        State from = pause ? State.RECORDING : State.PAUSED;
        State to = pause ? State.PAUSED : State.RECORDING;
        return sql.tx(c -> {
            Recording r = store.ofAttempt(c, attemptId).orElseThrow(() -> new Conflict("attempt " + attemptId + " is not recorded"));
            if (r.state() != from) {
                throw new Conflict("the recording is " + r.state().name().toLowerCase() + ", not " + from.name().toLowerCase());
            }
            return Map.entry(store.attempt(c, attemptId).pbx(), r);
        }).compose(found -> command(found.getKey(), p -> p.control().muteRecording(channelOf(attemptId), pause))
                .compose(v -> sql.tx(c -> {
                    Recording r = found.getValue();
                    store.move(c, r.id(), from, to, pause ? "PAUSE" : "RESUME", actor, clock.instant());
                    log.info("attempt {}: recording {}", attemptId, pause ? "paused" : "resumed");
                    return new Recording(r.id(), r.attemptId(), r.file(), to, r.startedAt(), null, null, null);
                })));
    }

    /** The call ended: its recording (if any, still open) ends too, with the length its file plays. */
    Future<Optional<Recording>> finish(long attemptId) {
        return sql.tx(c -> {
            Optional<Recording> r = store.ofAttempt(c, attemptId);
            if (r.isEmpty() || r.get().state() != State.RECORDING && r.get().state() != State.PAUSED) {
                return Optional.<Recording>empty();
            }
            Instant now = clock.instant();
            long length = RecordingFiles.lengthMillis(files.resolve(r.get().file()))
                    .orElse(Duration.between(r.get().startedAt(), now).toMillis());
            store.ended(c, r.get().id(), now, length);
            return r;
        });
    }

    private static String channelOf(long attemptId) {
        return CallIds.channelId(PlacedCall.callIdOf(attemptId));
    }

    private Future<Void> command(String pbxName, java.util.function.Function<Pbx, java.util.concurrent.CompletableFuture<Void>> send) {
        Pbx pbx = pbxs.get(pbxName);
        if (pbx == null) {
            return Future.failedFuture(new Unavailable("PBX " + pbxName + " is not one this server drives", 5));
        }
        return Future.fromCompletionStage(send.apply(pbx), context).recover(e -> {
            Throwable t = e;
            while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
                t = t.getCause();
            }
            return Future.failedFuture(t instanceof dialer.ami.PbxCommandRefused
                    ? new Conflict("the PBX refused: " + t.getMessage())
                    : new Unavailable("the PBX did not answer: " + t.getMessage(), 5));
        });
    }
}
