package dialer.core.live;

import dialer.core.db.Sql;
import dialer.core.engine.AgentStatus;
import dialer.core.engine.DialerEngine;
import dialer.core.http.Json;
import dialer.core.campaign.CampaignStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent console's view: the agent's state and time in it, the screen pop of the debtor they
 * are connected to or preview, and their campaign's dispositions for the form. The screen pop is
 * read once per call (or preview) and kept until the next.
 */
final class AgentView {

    private record PopKey(long debtorId, Long attemptId, Long phoneId) {
    }

    private record Pop(PopKey key, JsonObject value) {
    }

    private final Sql sql;
    private final DialerEngine engine;
    private final Clock clock;
    private final ScreenPop screenPop = new ScreenPop();
    /** The debtor's portrait, first in the screen pop; the list's hour profiles read in the background. */
    private final dialer.core.portrait.PortraitReader portraits = new dialer.core.portrait.PortraitReader();
    private final dialer.core.portrait.ListHourProfiles profiles;
    private final CampaignStore campaigns = new CampaignStore();
    private final Map<Long, Pop> pops = new ConcurrentHashMap<>();
    /** Campaigns' disposition sets, read again after {@link #DISPOSITIONS_TTL} (an administrator may change them). */
    private final Map<Long, Codes> dispositions = new ConcurrentHashMap<>();
    static final java.time.Duration DISPOSITIONS_TTL = java.time.Duration.ofSeconds(30);

    private record Codes(JsonArray codes, java.time.Instant readAt) {
    }

    AgentView(Sql sql, DialerEngine engine, Clock clock) {
        this.sql = sql;
        this.engine = engine;
        this.clock = clock;
        this.profiles = new dialer.core.portrait.ListHourProfiles(sql, clock);
    }

    /** How each agent's last session ended, for their console to say. */
    private final Map<Long, AgentStatus> ended = new ConcurrentHashMap<>();

    void ended(AgentStatus status) {
        ended.put(status.agentId(), status);
    }

    Future<JsonObject> of(long agentId) {
        return engine.agentStatus(agentId).compose(found -> {
            if (found.isEmpty()) {
                pops.remove(agentId);
                AgentStatus last = ended.get(agentId);
                return Future.succeededFuture(new JsonObject().put("agentId", agentId).put("state", "LOGGED_OUT")
                        .put("serverTime", clock.instant().toString())
                        .put("since", last == null ? null : last.since().toString())
                        .put("endedBecause", last == null ? null : last.pauseReason()));
            }
            AgentStatus s = found.get();
            JsonObject view = new JsonObject()
                    .put("agentId", s.agentId()).put("name", s.name()).put("extension", s.extension())
                    .put("campaignId", s.campaignId()).put("state", s.state().name()).put("since", s.since().toString())
                    .put("pauseReason", s.pauseReason()).put("attemptId", s.attemptId()).put("debtorId", s.debtorId())
                    .put("previewLeadId", s.previewLeadId()).put("manual", s.manual()).put("disposed", s.disposed())
                    .put("inbound", s.inbound())
                    .put("wrapUpEndsAt", s.wrapUpEndsAt() == null ? null : s.wrapUpEndsAt().toString())
                    .put("serverTime", clock.instant().toString());
            Future<JsonObject> pop = screenPop(s);
            Future<JsonArray> codes = dispositions(s.campaignId());
            return Future.all(pop, codes).map(v -> view.put("screenPop", pop.result()).put("dispositions", codes.result()));
        });
    }

    private Future<JsonObject> screenPop(AgentStatus s) {
        if (s.debtorId() == null) {
            pops.remove(s.agentId());
            return Future.succeededFuture(null);
        }
        PopKey key = new PopKey(s.debtorId(), s.attemptId(), s.phoneId());
        Pop cached = pops.get(s.agentId());
        if (cached != null && Objects.equals(cached.key(), key)) {
            return Future.succeededFuture(cached.value());
        }
        return sql.tx(c -> Json.screenPop(screenPop.of(c, s.debtorId(), s.phoneId(), s.attemptId())).put("portrait",
                dialer.core.portrait.PortraitJson.of(portraits.read(c, s.debtorId(), s.campaignId(), clock.instant(), profiles))))
                .onSuccess(value ->
                pops.put(s.agentId(), new Pop(key, value)));
    }

    private Future<JsonArray> dispositions(Long campaignId) {
        if (campaignId == null) {
            return Future.succeededFuture(new JsonArray());
        }
        Codes cached = dispositions.get(campaignId);
        if (cached != null && cached.readAt().plus(DISPOSITIONS_TTL).isAfter(clock.instant())) {
            return Future.succeededFuture(cached.codes());
        }
        return sql.tx(c -> Json.dispositions(campaigns.dispositions(c, campaignId)))
                .onSuccess(codes -> dispositions.put(campaignId, new Codes(codes, clock.instant())));
    }
}
