package dialer.core.live;

import dialer.core.campaign.AbandonTarget;
import dialer.core.campaign.Campaign;
import dialer.core.campaign.CampaignStore;
import dialer.core.db.Sql;
import dialer.core.engine.AgentStatus;
import dialer.core.engine.AgentState;
import dialer.core.engine.DialerEngine;
import dialer.core.http.Json;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;

/**
 * The supervisor dashboard's view of one campaign: agents by state with time in state, calls by
 * stage, lines per agent, and the campaign's figures (abandonment against its cap, contact and
 * right-party rates, promises, compliance blocks, the last hour).
 */
final class SupervisorView {

    private final Sql sql;
    private final DialerEngine engine;
    private final Clock clock;
    private final CampaignStore campaigns = new CampaignStore();
    private final CampaignFigures figures;

    /** Who listens in to whom (null: nobody can). */
    private final dialer.core.monitor.Monitoring monitoring;

    SupervisorView(Sql sql, DialerEngine engine, Clock clock, CampaignFigures figures, dialer.core.monitor.Monitoring monitoring) {
        this.monitoring = monitoring;
        this.sql = sql;
        this.engine = engine;
        this.clock = clock;
        this.figures = figures;
    }

    Future<JsonObject> of(long campaignId) {
        return engine.campaignLive(campaignId).compose(live -> sql.tx(c -> {
            Campaign campaign = campaigns.get(c, campaignId);
            return new Object[] {campaign, figures.of(c, campaign, clock.instant())};
        }).map(read -> {
            Campaign campaign = (Campaign) read[0];
            JsonObject numbers = Json.figures((CampaignFigures.Figures) read[1]);
            JsonObject byState = new JsonObject();
            for (AgentState state : AgentState.values()) {
                if (state != AgentState.LOGGED_OUT) {
                    byState.put(state.name(), 0);
                }
            }
            JsonArray agents = new JsonArray();
            for (AgentStatus a : live.agents()) {
                byState.put(a.state().name(), byState.getInteger(a.state().name()) + 1);
                agents.add(new JsonObject().put("agentId", a.agentId()).put("name", a.name()).put("extension", a.extension())
                        .put("state", a.state().name()).put("since", a.since().toString()).put("pauseReason", a.pauseReason())
                        .put("attemptId", a.attemptId()).put("simulated", a.simulated()).put("monitor", monitor(a.agentId())));
            }
            JsonObject calls = new JsonObject();
            live.callsByStage().forEach(calls::put);
            return new JsonObject()
                    .put("serverTime", clock.instant().toString())
                    .put("campaign", new JsonObject().put("id", campaign.id()).put("name", campaign.name())
                            .put("status", campaign.status().name()).put("dialMode", campaign.dialMode().name())
                            .put("maxAbandonRate", campaign.maxAbandonRate().doubleValue())
                            .put("targetBounds", new JsonObject().put("min", AbandonTarget.MIN).put("max", AbandonTarget.MAX)))
                    .put("agents", agents)
                    .put("agentsByState", byState)
                    .put("calls", calls)
                    .put("pacing", new JsonObject().put("linesPerAgent", live.linesPerAgent())
                            .put("maxLinesPerAgent", live.maxLinesPerAgent()).put("decision", live.pacing())
                            .put("queued", live.queued()))
                    .mergeIn(numbers);
        }));
    }

    /** Who listens in to the agent and how (null: nobody): the campaign's supervisors all see it. */
    private JsonObject monitor(long agentId) {
        if (monitoring == null) {
            return null;
        }
        return monitoring.of(agentId).map(m -> new JsonObject().put("mode", m.mode().name()).put("supervisor", m.supervisor())
                .put("supervisorId", m.supervisorId()).put("answered", m.answered())).orElse(null);
    }
}
