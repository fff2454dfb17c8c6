package dialer.core.http;

import dialer.core.Conflict;
import dialer.core.Invalid;
import dialer.core.auth.Access;
import dialer.core.auth.Role;
import dialer.core.auth.User;
import dialer.core.campaign.CampaignStore;
import dialer.core.db.Sql;
import dialer.core.history.DebtorHistory;
import dialer.core.script.CallScript;
import dialer.core.script.ScriptDraft;
import dialer.core.script.ScriptStore;
import dialer.core.script.ScriptView;
import dialer.core.script.Situation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.time.Clock;
import java.time.Instant;

/**
 * Agents' scripts over HTTP: administrators write a campaign's scripts (audited); the agent of a
 * call (and supervisors of its campaign) read the script chosen for it; the agent records each
 * disclosure as read, kept with the call and in the debtor's history.
 */
final class ScriptRoutes {

    private final Sql sql;
    private final Access access;
    private final Clock clock;
    private final ScriptStore scripts = new ScriptStore();
    private final ScriptView views = new ScriptView();
    private final CampaignStore campaigns = new CampaignStore();
    private final DebtorHistory history = new DebtorHistory();

    ScriptRoutes(Sql sql, Access access, Clock clock) {
        this.sql = sql;
        this.access = access;
        this.clock = clock;
    }

    void mount(Router router, BodyHandler json) {
        router.get("/api/campaigns/:id/scripts").handler(this::list);
        router.post("/api/campaigns/:id/scripts").handler(json).handler(this::create);
        router.put("/api/campaigns/:id/scripts/:scriptId").handler(json).handler(this::update);
        router.delete("/api/campaigns/:id/scripts/:scriptId").handler(this::delete);
        router.get("/api/attempts/:id/script").handler(this::forCall);
        router.post("/api/attempts/:id/disclosures").handler(json).handler(this::read);
    }

    private void list(RoutingContext ctx) {
        long campaignId = Params.id(ctx, "id");
        Access.supervisorOf(ctx, campaignId);
        Responses.reply(ctx, 200, sql.tx(c -> {
            campaigns.get(c, campaignId);
            JsonArray out = new JsonArray();
            scripts.list(c, campaignId).forEach(s -> out.add(ScriptDraft.toJson(s)));
            return out;
        }));
    }

    private void create(RoutingContext ctx) {
        String actor = Access.admin(ctx).actor();
        long campaignId = Params.id(ctx, "id");
        CallScript draft = ScriptDraft.fromJson(campaignId, Params.body(ctx));
        Responses.reply(ctx, 201, sql.tx(c -> {
            campaigns.get(c, campaignId);
            CallScript saved = scripts.create(c, draft, actor, clock.instant());
            campaigns.audit(c, actor, "campaign " + campaignId + " script " + saved.id() + " created: " + saved.name(), null);
            return ScriptDraft.toJson(saved);
        }));
    }

    private void update(RoutingContext ctx) {
        String actor = Access.admin(ctx).actor();
        long campaignId = Params.id(ctx, "id");
        long scriptId = Params.id(ctx, "scriptId");
        CallScript draft = ScriptDraft.fromJson(campaignId, Params.body(ctx));
        Responses.reply(ctx, 200, sql.tx(c -> {
            CallScript saved = scripts.update(c, scriptId, draft, clock.instant());
            campaigns.audit(c, actor, "campaign " + campaignId + " script " + scriptId + " changed: " + saved.name(), null);
            return ScriptDraft.toJson(saved);
        }));
    }

    private void delete(RoutingContext ctx) {
        String actor = Access.admin(ctx).actor();
        long campaignId = Params.id(ctx, "id");
        long scriptId = Params.id(ctx, "scriptId");
        Responses.reply(ctx, 200, sql.tx(c -> {
            scripts.delete(c, campaignId, scriptId);
            campaigns.audit(c, actor, "campaign " + campaignId + " script " + scriptId + " deleted", null);
            return new JsonObject().put("deleted", scriptId);
        }));
    }

    private void forCall(RoutingContext ctx) {
        long attemptId = Params.id(ctx, "id");
        Situation situation = situation(ctx.request().getParam("situation"), "situation");
        Responses.reply(ctx, 200, access.attempt(ctx, attemptId).compose(u -> sql.tx(c ->
                views.json(c, attemptId, views.choose(c, attemptId, situation, clock.instant())))));
    }

    private void read(RoutingContext ctx) {
        User u = Access.require(ctx, Role.AGENT);
        long attemptId = Params.id(ctx, "id");
        JsonObject body = Params.body(ctx);
        String disclosureId = body.getValue("disclosureId") instanceof String s && !s.isBlank() ? s : null;
        if (disclosureId == null) {
            throw Invalid.of("disclosureId", "is required: the id of the disclosure read, such as mini-miranda");
        }
        Situation situation = situation(body.getValue("situation") == null ? null : String.valueOf(body.getValue("situation")),
                "situation");
        Instant now = clock.instant();
        Responses.reply(ctx, 201, access.attempt(ctx, attemptId).compose(ok -> sql.tx(c -> {
            ScriptView.Chosen chosen = views.choose(c, attemptId, situation, now);
            if (chosen.agentId() != u.agentId()) {
                throw new Conflict("attempt " + attemptId + " is not a call you took");
            }
            CallScript.Disclosure d = ScriptView.disclosure(chosen, disclosureId);
            if (d == null) {
                throw Invalid.of("disclosureId", "the script of this call (" + chosen.script().name() + ") has no disclosure '"
                        + disclosureId + "'");
            }
            scripts.read(c, new ScriptStore.DisclosureRead(attemptId, d.id(), d.text(), chosen.script().id(), u.agentId(), now));
            history.add(c, chosen.debtorId(), now, DebtorHistory.Kind.DISCLOSURE, null, attemptId, u.agentId(),
                    "Disclosure read: " + d.id(), new JsonObject().put("disclosureId", d.id()).put("text", d.text()));
            return views.json(c, attemptId, chosen);
        })));
    }

    private static Situation situation(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Situation.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw Invalid.of(field, "must be RIGHT_PARTY, THIRD_PARTY, BROKEN_PROMISE or HARDSHIP");
        }
    }
}
