package dialer.core.http;

import dialer.core.Forbidden;
import dialer.core.Invalid;
import dialer.core.agent.Agent;
import dialer.core.agent.AgentDraft;
import dialer.core.agent.AgentStore;
import dialer.core.auth.Access;
import dialer.core.auth.Role;
import dialer.core.auth.User;
import dialer.core.campaign.CampaignStore;
import dialer.core.db.Sql;
import dialer.core.engine.AgentStatus;
import dialer.core.engine.DialResult;
import dialer.core.engine.DialerEngine;
import dialer.core.phone.PhoneAccount;
import dialer.core.phone.PhoneAccounts;
import dialer.core.phone.PhoneProvisioning;
import dialer.core.phone.PhoneType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.HashMap;
import java.util.Map;

/**
 * Agents: registering and listing them, and an agent's session: signing in to a campaign, ready,
 * pause, sign out, hanging up, preview calls and calls dialed by hand.
 */
final class AgentRoutes {

    private final Sql sql;
    private final DialerEngine engine;
    private final Access access;
    private final AgentStore agents = new AgentStore();
    private final CampaignStore campaigns = new CampaignStore();
    private final PhoneAccounts phoneAccounts = new PhoneAccounts();
    private final PhoneProvisioning phones;

    AgentRoutes(Sql sql, DialerEngine engine, Access access, PhoneProvisioning phones) {
        this.sql = sql;
        this.engine = engine;
        this.access = access;
        this.phones = phones;
    }

    void mount(Router router, BodyHandler json) {
        router.post("/api/agents").handler(json).handler(this::register);
        router.get("/api/agents").handler(this::list);
        router.get("/api/agents/:id/phone").handler(this::phone);
        router.post("/api/agents/:id/login").handler(json).handler(this::login);
        router.post("/api/agents/:id/ready").handler(this::ready);
        router.post("/api/agents/:id/pause").handler(json).handler(this::pause);
        router.post("/api/agents/:id/logout").handler(this::logout);
        router.post("/api/agents/:id/hangup").handler(this::hangup);
        router.post("/api/agents/:id/preview/dial").handler(this::previewDial);
        router.post("/api/agents/:id/preview/skip").handler(json).handler(this::previewSkip);
        router.post("/api/agents/:id/dial").handler(json).handler(this::dial);
    }

    /**
     * An agent; with {@code phoneType} SIP or WEBRTC the dialer makes the phone's SIP account, writes
     * it into the agent's PBX (all in the transaction: a PBX that refuses leaves nothing registered)
     * and answers its password this once (for a desk phone's set-up; the browser phone fetches it).
     */
    private void register(RoutingContext ctx) {
        User admin = Access.admin(ctx);
        JsonObject body = Params.body(ctx);
        PhoneType type = PhoneType.fromJson(body.getValue("phoneType"));
        if (type.hasAccount()) {
            if (body.getValue("phone") != null) {
                throw Invalid.of("phone", "leave it out with phoneType " + type + ": the dialer makes the phone's dial string");
            }
            if (Boolean.TRUE.equals(body.getValue("simulated"))) {
                throw Invalid.of("simulated", "a simulated agent has no real phone: leave out phoneType " + type);
            }
            body = body.copy();
            Object extension = body.getValue("extension");
            String ext = extension instanceof String e && e.trim().matches("[0-9]{2,10}") ? e.trim() : "00";
            body.put("phone", PhoneAccount.dialStringFor(PhoneAccount.usernameFor(ext)));
        }
        AgentDraft draft = AgentDraft.fromJson(body, engine.pbxNames());
        Responses.reply(ctx, 201, sql.tx(c -> {
            Agent created = agents.create(c, draft);
            PhoneAccount account = null;
            if (type.hasAccount()) {
                account = phoneAccounts.create(c, created.id(), created.extension(), type);
                phones.write(c, created.pbx());
            }
            campaigns.audit(c, admin.actor(), "registered agent " + created.id() + " (extension " + created.extension()
                    + (account == null ? "" : ", " + type + " phone " + account.username()) + ")", null);
            JsonObject out = Json.agent(created, null, account);
            if (account != null) {
                out.put("sipPassword", account.password());
            }
            return out;
        }));
    }

    /**
     * The signed-in agent's own phone account, for the console's browser phone (or their softphone's
     * set-up): agents only, and only their own.
     */
    private void phone(RoutingContext ctx) {
        long agentId = Params.id(ctx, "id");
        User u = Access.require(ctx, Role.AGENT);
        if (u.agentId() == null || u.agentId() != agentId) {
            throw new Forbidden("an agent reads only their own phone");
        }
        Responses.reply(ctx, 200, sql.tx(c -> {
            Agent agent = agents.get(c, agentId);
            PhoneAccount account = phoneAccounts.ofAgent(c, agentId).orElse(null);
            JsonObject out = new JsonObject().put("agentId", agentId)
                    .put("phoneType", account == null ? PhoneType.DIAL_STRING.name() : account.type().name());
            if (account != null) {
                campaigns.audit(c, u.actor(), "read their phone account " + account.username(), null);
                String domain = phones.sipDomain(agent.pbx());
                out.put("username", account.username()).put("password", account.password())
                        .put("sipUri", "sip:" + account.username() + "@" + domain)
                        .put("wsUrl", phones.wsUrl(agent.pbx()));
            }
            return out;
        }));
    }

    private void list(RoutingContext ctx) {
        User u = Access.require(ctx, Role.ADMIN, Role.SUPERVISOR);
        Map<Long, PhoneAccount> accounts = new HashMap<>();
        Responses.reply(ctx, 200, sql.tx(c -> {
            accounts.putAll(phoneAccounts.byAgent(c));
            return agents.list(c);
        }).compose(list -> engine.agentStatuses().map(statuses -> {
            Map<Long, AgentStatus> byAgent = new HashMap<>();
            // a supervisor sees the sessions of the agents working their campaigns (the others' are not theirs)
            statuses.stream().filter(s -> s.campaignId() != null && u.supervises(s.campaignId()))
                    .forEach(s -> byAgent.put(s.agentId(), s));
            JsonArray out = new JsonArray();
            for (Agent a : list) {
                out.add(Json.agent(a, byAgent.get(a.id()), accounts.get(a.id())));
            }
            return out;
        })));
    }

    private void login(RoutingContext ctx) {
        long agentId = Params.id(ctx, "id");
        JsonObject body = Params.bodyOrEmpty(ctx);
        Object campaign = body.getValue("campaignId");
        if (!(campaign instanceof Number n)) {
            throw Invalid.of("campaignId", "is required: the campaign the agent works on");
        }
        Responses.reply(ctx, 200, access.agent(ctx, agentId).compose(u -> engine.login(agentId, n.longValue(),
                Boolean.TRUE.equals(body.getValue("ready")))).map(Json::session));
    }

    private void ready(RoutingContext ctx) {
        long agentId = Params.id(ctx, "id");
        Responses.reply(ctx, 200, access.agent(ctx, agentId).compose(u -> engine.ready(agentId)).map(Json::session));
    }

    private void pause(RoutingContext ctx) {
        long agentId = Params.id(ctx, "id");
        Object reason = Params.bodyOrEmpty(ctx).getValue("reason");
        String text = reason instanceof String s && !s.isBlank() ? s.trim() : "break";
        if (text.length() > 50) {
            throw Invalid.of("reason", "at most 50 characters");
        }
        Responses.reply(ctx, 200, access.agent(ctx, agentId).compose(u -> engine.pause(agentId, text)).map(Json::session));
    }

    private void logout(RoutingContext ctx) {
        long agentId = Params.id(ctx, "id");
        Responses.reply(ctx, 200, access.agent(ctx, agentId).compose(u -> engine.logout(agentId)).map(Json::session));
    }

    private void hangup(RoutingContext ctx) {
        long agentId = Params.id(ctx, "id");
        Responses.reply(ctx, 200, access.agent(ctx, agentId).compose(u -> engine.hangupCall(agentId))
                .map(v -> new JsonObject().put("hungUp", true)));
    }

    private void previewDial(RoutingContext ctx) {
        long agentId = Params.id(ctx, "id");
        dialed(ctx, access.agent(ctx, agentId).compose(u -> engine.previewDial(agentId)));
    }

    private void previewSkip(RoutingContext ctx) {
        long agentId = Params.id(ctx, "id");
        Object reason = Params.bodyOrEmpty(ctx).getValue("reason");
        if (reason != null && (!(reason instanceof String r) || r.isBlank() || r.length() > 200)) {
            throw Invalid.of("reason", "a text of at most 200 characters");
        }
        Responses.reply(ctx, 200, access.agent(ctx, agentId).compose(u -> engine.previewSkip(agentId, (String) reason))
                .map(Json::session));
    }

    private void dial(RoutingContext ctx) {
        long agentId = Params.id(ctx, "id");
        JsonObject body = Params.body(ctx);
        Object phoneId = body.getValue("phoneId");
        Object number = body.getValue("number");
        if (phoneId != null && !(phoneId instanceof Number)) {
            throw Invalid.of("phoneId", "must be the id of one of the debtor's numbers");
        }
        if (number != null && !(number instanceof String)) {
            throw Invalid.of("number", "must be a phone number as text");
        }
        if ((phoneId == null) == (number == null)) {
            throw Invalid.of("phoneId", "give either phoneId (a number of the debtor on screen) or number (typed)");
        }
        Long phone = phoneId == null ? null : ((Number) phoneId).longValue();
        // only the agent dials for themself: a call comes to the phone of whoever dialed it
        dialed(ctx, access.agent(ctx, agentId).compose(u -> u.agentId() != null && u.agentId() == agentId
                ? engine.manualDial(agentId, phone, (String) number)
                : Future.failedFuture(new Forbidden("only agent " + agentId + " dials for themself"))));
    }

    /** A call an agent asked for: 201 with its attempt, or 409 with each rule of the guard that blocked it. */
    private static void dialed(RoutingContext ctx, Future<DialResult> result) {
        result.onComplete(ar -> {
            if (ar.failed()) {
                Responses.error(ctx, ar.cause());
                return;
            }
            DialResult r = ar.result();
            if (r.wasPlaced()) {
                Responses.json(ctx, 201, new JsonObject().put("placed", true).put("attemptId", r.attemptId()));
                return;
            }
            JsonArray blocked = new JsonArray();
            r.blocked().forEach(b -> blocked.add(new JsonObject().put("rule", b.rule()).put("reason", b.reason())));
            String why = r.blocked().isEmpty() ? "the call was not placed"
                    : "blocked by the compliance guard: " + r.blocked().get(0).reason();
            Responses.json(ctx, 409, new JsonObject().put("placed", false).put("error", why).put("blocked", blocked));
        });
    }
}
