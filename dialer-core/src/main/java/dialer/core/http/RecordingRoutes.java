package dialer.core.http;

import dialer.core.Forbidden;
import dialer.core.NotFound;
import dialer.core.auth.Access;
import dialer.core.auth.Role;
import dialer.core.auth.User;
import dialer.core.campaign.CampaignStore;
import dialer.core.db.Sql;
import dialer.core.engine.DialerEngine;
import dialer.core.recording.ByteRange;
import dialer.core.recording.Recorder;
import dialer.core.recording.RecordingSetting;
import dialer.core.recording.RecordingStore;
import dialer.core.recording.RecordingStore.Recording;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * Call recording over HTTP: a campaign's recording setting; starting (on demand), pausing and
 * resuming the recording of the agent's call; a recording's facts and its audio, played or
 * downloaded by supervisors and administrators (an agent only their own calls, when the campaign
 * allows), every playback audited.
 */
final class RecordingRoutes {

    private final Sql sql;
    private final DialerEngine engine;
    private final Access access;
    private final Recorder recorder;
    private final Clock clock;
    private final CampaignStore campaigns = new CampaignStore();
    private final RecordingStore store = new RecordingStore();

    RecordingRoutes(Sql sql, DialerEngine engine, Access access, Recorder recorder, Clock clock) {
        this.sql = sql;
        this.engine = engine;
        this.access = access;
        this.recorder = recorder;
        this.clock = clock;
    }

    void mount(Router router, BodyHandler json) {
        router.get("/api/campaigns/:id/recording").handler(this::getSetting);
        router.put("/api/campaigns/:id/recording").handler(json).handler(this::putSetting);
        router.get("/api/attempts/:id/recording").handler(this::ofAttempt);
        router.post("/api/attempts/:id/recording/start").handler(this::start);
        router.post("/api/attempts/:id/recording/pause").handler(ctx -> pause(ctx, true));
        router.post("/api/attempts/:id/recording/resume").handler(ctx -> pause(ctx, false));
        router.get("/api/recordings/:id/audio").handler(this::audio);
        router.get("/api/debtors/:id/recordings").handler(this::ofDebtor);
    }

    private void getSetting(RoutingContext ctx) {
        long campaignId = Params.id(ctx, "id");
        Access.supervisorOf(ctx, campaignId);
        Responses.reply(ctx, 200, sql.tx(c -> {
            campaigns.get(c, campaignId);
            return RecordingSetting.of(c, campaignId).toJson();
        }));
    }

    private void putSetting(RoutingContext ctx) {
        String actor = Access.admin(ctx).actor();
        long campaignId = Params.id(ctx, "id");
        RecordingSetting setting = RecordingSetting.fromJson(Params.body(ctx));
        Responses.reply(ctx, 200, sql.tx(c -> {
            campaigns.get(c, campaignId);
            setting.save(c, campaignId);
            campaigns.audit(c, actor, "campaign " + campaignId + " recording " + setting.toJson().encode(), null);
            return setting.toJson();
        }));
    }

    /** The attempt's recording (state, length, its audit trail), for whoever may see the attempt. */
    private void ofAttempt(RoutingContext ctx) {
        long attemptId = Params.id(ctx, "id");
        User me = Access.user(ctx);
        // the agent's own call is known to the engine before its connection is written
        Future<?> allowed = me.role() == Role.AGENT
                ? engine.agentHolds(me.agentId(), attemptId).compose(holds -> holds ? Future.succeededFuture() : access.attempt(ctx, attemptId))
                : access.attempt(ctx, attemptId);
        Responses.reply(ctx, 200, allowed.compose(u -> sql.tx(c -> {
            RecordingStore.AttemptFacts attempt = store.attempt(c, attemptId);
            RecordingSetting setting = RecordingSetting.of(c, attempt.campaignId());
            Optional<Recording> r = store.ofAttempt(c, attemptId);
            JsonObject out = new JsonObject().put("attemptId", attemptId).put("mode", setting.mode().name())
                    .put("recording", r.map(Recording::toJson).orElse(null));
            if (r.isPresent()) {
                out.put("audit", RecordingStore.toJson(store.trail(c, r.get().id())));
                out.put("audio", "/api/recordings/" + r.get().id() + "/audio");
            }
            return out;
        })));
    }

    /** The agent on the call (or an administrator) starts its recording, when the campaign records on demand. */
    private void start(RoutingContext ctx) {
        long attemptId = Params.id(ctx, "id");
        Responses.reply(ctx, 201, onTheCall(ctx, attemptId).compose(u -> sql.tx(c -> {
            RecordingSetting setting = RecordingSetting.of(c, store.attempt(c, attemptId).campaignId());
            if (!setting.mode().agentMayStart()) {
                throw new dialer.core.Conflict("the campaign records " + setting.mode().describe()
                        + (setting.mode().fromConnection() ? " calls by itself" : " calls"));
            }
            return u;
            // the agent on the call (for the notice): the one asking, or (an administrator asks) the attempt's as written
        })).compose(u -> recorder.start(attemptId, u.role() == Role.AGENT ? u.agentId() : null, u.actor())).map(Recording::toJson));
    }

    /** The agent on the call (or an administrator) pauses or resumes its recording (a card number is read meanwhile). */
    private void pause(RoutingContext ctx, boolean pause) {
        long attemptId = Params.id(ctx, "id");
        Responses.reply(ctx, 200, onTheCall(ctx, attemptId).compose(u -> recorder.pause(attemptId, pause, u.actor()))
                .map(Recording::toJson));
    }

    /** An administrator, or the agent holding the call now. */
    private Future<User> onTheCall(RoutingContext ctx, long attemptId) {
        User u = Access.require(ctx, Role.AGENT, Role.ADMIN);
        if (u.admin()) {
            return Future.succeededFuture(u);
        }
        return engine.agentHolds(u.agentId(), attemptId).compose(holds -> holds ? Future.succeededFuture(u)
                : Future.failedFuture(new Forbidden("attempt " + attemptId + " is not your call now")));
    }

    /**
     * The recording's audio (WAV), whole or one byte range; {@code download=true} asks the browser
     * to save it. Supervisors of the campaign and administrators; the agent who took the call only
     * when the campaign lets agents listen. Every playback and download is audited.
     */
    private void audio(RoutingContext ctx) {
        long recordingId = Params.id(ctx, "id");
        String download = ctx.request().getParam("download");
        if (download != null && !download.equals("true") && !download.equals("false")) {
            throw dialer.core.Invalid.of("download", "must be true or false");
        }
        boolean save = "true".equals(download);
        User u = Access.user(ctx);
        sql.tx(c -> {
            Recording r = store.get(c, recordingId);
            RecordingStore.AttemptFacts attempt = store.attempt(c, r.attemptId());
            boolean allowed = u.supervises(attempt.campaignId()) || u.role() == Role.AGENT && u.agentId() != null
                    && u.agentId().equals(attempt.agentId()) && RecordingSetting.of(c, attempt.campaignId()).agentsMayListen();
            if (!allowed) {
                throw new Forbidden("recording " + recordingId + " is not one you may hear");
            }
            if (r.state() == RecordingStore.State.PURGED) {
                throw new NotFound("recording " + recordingId + " was purged (past its campaign's retention)");
            }
            Path file = recorder.files().resolve(r.file());
            if (!Files.isRegularFile(file)) {
                throw new NotFound("recording " + recordingId + " has no file");
            }
            long size = Files.size(file);
            Optional<ByteRange> range = ByteRange.parse(ctx.request().getHeader("Range"), size);
            // a player's follow-up ranges are one playback: only the first request (none, or from byte 0) is audited
            if (range.isEmpty() || range.get().start() == 0) {
                store.audit(c, recordingId, save ? "DOWNLOAD" : "PLAY", u.actor(), clock.instant());
            }
            return new Served(file, size, range, r.file());
        }).onComplete(ar -> {
            if (ar.failed()) {
                if (ar.cause() instanceof ByteRange.Unsatisfiable bad) {
                    ctx.response().setStatusCode(416).putHeader("Content-Range", bad.getMessage()).end();
                } else {
                    Responses.error(ctx, ar.cause());
                }
                return;
            }
            Served s = ar.result();
            var response = ctx.response().putHeader("Content-Type", "audio/wav").putHeader("Accept-Ranges", "bytes")
                    .putHeader("Content-Disposition", (save ? "attachment" : "inline") + "; filename=\"" + s.name + "\"");
            if (s.range.isPresent()) {
                ByteRange b = s.range.get();
                response.setStatusCode(206).putHeader("Content-Range", "bytes " + b.start() + "-" + b.end() + "/" + s.size)
                        .sendFile(s.file.toString(), b.start(), b.length());
            } else {
                response.setStatusCode(200).sendFile(s.file.toString());
            }
        });
    }

    private record Served(Path file, long size, Optional<ByteRange> range, String name) {
    }

    /** The recordings of a debtor's calls (their history): supervisors and administrators; an agent sees only their own, when allowed. */
    private void ofDebtor(RoutingContext ctx) {
        long debtorId = Params.id(ctx, "id");
        int limit = Params.limit(ctx);
        User u = Access.user(ctx);
        Responses.reply(ctx, 200, access.debtor(ctx, debtorId).compose(x -> sql.tx(c -> {
            JsonArray out = new JsonArray();
            for (Recording r : store.ofDebtor(c, debtorId, limit)) {
                RecordingStore.AttemptFacts attempt = store.attempt(c, r.attemptId());
                boolean mayHear = u.supervises(attempt.campaignId()) || u.role() == Role.AGENT && u.agentId() != null
                        && u.agentId().equals(attempt.agentId()) && RecordingSetting.of(c, attempt.campaignId()).agentsMayListen();
                if (mayHear) {
                    out.add(r.toJson().put("audio", "/api/recordings/" + r.id() + "/audio"));
                }
            }
            return out;
        })));
    }
}
