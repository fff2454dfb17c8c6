package dialer.core.http;

import dialer.core.Invalid;
import dialer.core.auth.Access;
import dialer.core.auth.Role;
import dialer.core.auth.User;
import dialer.core.campaign.CampaignStore;
import dialer.core.db.Sql;
import dialer.core.monitor.MonitorMode;
import dialer.core.monitor.MonitorStore;
import dialer.core.monitor.Monitoring;
import dialer.core.monitor.SupervisorPhone;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Supervisors listening in to agents ({@link Monitoring}): start or switch the mode, stop; the
 * phone a supervisor is rung on; whether a campaign's agents are shown who listens. Every change is
 * authorised by role and written to the audit trail.
 */
final class MonitorRoutes {

    private final Sql sql;
    private final Monitoring monitoring;
    private final MonitorStore store = new MonitorStore();
    private final CampaignStore campaigns = new CampaignStore();

    MonitorRoutes(Sql sql, Monitoring monitoring) {
        this.sql = sql;
        this.monitoring = monitoring;
    }

    void mount(Router router, BodyHandler json) {
        router.post("/api/agents/:id/monitor").handler(json).handler(this::monitor);
        router.delete("/api/agents/:id/monitor").handler(this::stop);
        router.put("/api/users/:id/phone").handler(json).handler(this::setPhone);
        router.get("/api/campaigns/:id/monitoring").handler(this::settings);
        router.put("/api/campaigns/:id/monitoring").handler(json).handler(this::setSettings);
    }

    /** A supervisor (of the agent's campaign) or an administrator starts listening in, or switches the mode. */
    private void monitor(RoutingContext ctx) {
        User u = Access.require(ctx, Role.SUPERVISOR, Role.ADMIN);
        long agentId = Params.id(ctx, "id");
        MonitorMode mode = MonitorMode.parse(Params.body(ctx).getValue("mode"), "mode");
        Responses.reply(ctx, 200, monitoring.monitor(u, agentId, mode).map(MonitorRoutes::json));
    }

    private void stop(RoutingContext ctx) {
        User u = Access.require(ctx, Role.SUPERVISOR, Role.ADMIN);
        long agentId = Params.id(ctx, "id");
        Responses.reply(ctx, 200, monitoring.stop(u, agentId).map(s -> json(s).put("stopped", true)));
    }

    /** An administrator sets (or clears, with null) the phone a supervisor or administrator listens in on. */
    private void setPhone(RoutingContext ctx) {
        User admin = Access.admin(ctx);
        long userId = Params.id(ctx, "id");
        JsonObject body = Params.body(ctx);
        if (!body.containsKey("phone")) {
            throw Invalid.of("phone", "is required: a dial string such as PJSIP/2001, or null to clear it");
        }
        String phone = SupervisorPhone.parse(body.getValue("phone"), "phone");
        Responses.reply(ctx, 200, sql.tx(c -> {
            dialer.core.auth.User user = new dialer.core.auth.UserStore().get(c, userId);
            if (user.role() == Role.AGENT) {
                throw Invalid.of("phone", "an agent's account uses the agent's phone (set on the agent)");
            }
            store.setPhone(c, userId, phone);
            campaigns.audit(c, admin.actor(), "set the listening-in phone of user " + userId + " (" + user.username() + ") to "
                    + SupervisorPhone.masked(phone), null);
            return new JsonObject().put("userId", userId).put("phone", phone);
        }));
    }

    private void settings(RoutingContext ctx) {
        long campaignId = Params.id(ctx, "id");
        Access.supervisorOf(ctx, campaignId);
        Responses.reply(ctx, 200, sql.tx(c -> new JsonObject().put("campaignId", campaignId)
                .put("showMonitoringToAgent", store.shownToAgent(c, campaignId))));
    }

    /** An administrator decides whether the campaign's agents see "monitored by <supervisor>". */
    private void setSettings(RoutingContext ctx) {
        User admin = Access.admin(ctx);
        long campaignId = Params.id(ctx, "id");
        Object value = Params.body(ctx).getValue("showMonitoringToAgent");
        if (!(value instanceof Boolean shown)) {
            throw Invalid.of("showMonitoringToAgent", "is required: true or false");
        }
        Responses.reply(ctx, 200, sql.tx(c -> {
            store.setShownToAgent(c, campaignId, shown);
            campaigns.audit(c, admin.actor(), "campaign " + campaignId + ": agents are " + (shown ? "" : "not ")
                    + "shown who listens in to them", null);
            return new JsonObject().put("campaignId", campaignId).put("showMonitoringToAgent", shown);
        }).onSuccess(v -> monitoring.shownChanged(campaignId, shown)));
    }

    static JsonObject json(Monitoring.Session s) {
        return new JsonObject().put("agentId", s.agentId()).put("campaignId", s.campaignId()).put("mode", s.mode().name())
                .put("supervisorId", s.supervisorId()).put("supervisor", s.supervisor()).put("answered", s.answered())
                .put("shownToAgent", s.shownToAgent()).put("since", s.since().toString()).put("callId", s.callId());
    }
}
