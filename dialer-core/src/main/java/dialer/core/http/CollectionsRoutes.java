package dialer.core.http;

import dialer.core.Forbidden;
import dialer.core.Invalid;
import dialer.core.auth.Access;
import dialer.core.auth.Role;
import dialer.core.auth.User;
import dialer.core.campaign.Campaign;
import dialer.core.campaign.CampaignDraft;
import dialer.core.campaign.CampaignStore;
import dialer.core.campaign.DispositionDraft;
import dialer.core.db.Sql;
import dialer.core.engine.DialerEngine;
import dialer.core.followup.PaymentImporter;
import dialer.core.history.DebtorHistory;
import dialer.core.lead.CallbackStore;
import dialer.core.lead.DebtorStore;
import dialer.core.lead.PromiseStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collections work over HTTP: campaign settings and disposition sets, debtors' files and
 * histories, payments, promises and callbacks.
 */
final class CollectionsRoutes {

    private static final Set<String> DEBTOR_FLAGS = Set.of("CEASE_COMMUNICATION", "ATTORNEY_REPRESENTED", "NO_CALLS_AT_WORK",
            "DISPUTE", "DISPUTE_UNVERIFIED", "COMPLAINT", "SENSITIVE", "VIP");
    private static final Set<String> PROMISE_STATUSES = Set.of("OPEN", "KEPT", "BROKEN", "CANCELLED");
    private static final Set<String> CALLBACK_STATUSES = Set.of("PENDING", "DIALING", "DONE", "MISSED", "CANCELLED");

    private final Vertx vertx;
    private final Sql sql;
    /** Payments files: the import pool, bounded (429 beyond it). */
    private final Sql imports;
    private final DialerEngine engine;
    private final Clock clock;
    private final Access access;
    private final CampaignStore campaigns = new CampaignStore();
    private final DebtorStore debtors = new DebtorStore();
    private final DebtorHistory history = new DebtorHistory();
    private final PaymentImporter payments = new PaymentImporter();
    private final PromiseStore promises = new PromiseStore();
    private final CallbackStore callbacks = new CallbackStore();

    CollectionsRoutes(Vertx vertx, Sql sql, Sql imports, DialerEngine engine, Access access, Clock clock) {
        this.imports = imports;
        this.clock = clock;
        this.access = access;
        this.vertx = vertx;
        this.sql = sql;
        this.engine = engine;
    }

    void mount(Router router, BodyHandler json) {
        router.patch("/api/campaigns/:id").handler(json).handler(this::changeCampaign);
        router.get("/api/campaigns/:id/dispositions").handler(this::dispositions);
        router.put("/api/campaigns/:id/dispositions/:code").handler(json).handler(this::putDisposition);
        router.get("/api/debtors/:id").handler(this::debtor);
        router.get("/api/debtors").handler(this::debtorByExternalId);
        router.get("/api/debtors/:id/history").handler(this::history);
        router.post("/api/debtors/:id/flags").handler(json).handler(this::flags);
        router.post("/api/payments/import").handler(this::importPayments);
        router.get("/api/promises").handler(this::promises);
        router.post("/api/promises/check").handler(this::checkPromises);
        router.get("/api/callbacks").handler(this::callbacks);
        router.delete("/api/callbacks/:id").handler(this::cancelCallback);
    }

    private void changeCampaign(RoutingContext ctx) {
        String actor = Access.admin(ctx).actor();
        long id = Params.id(ctx, "id");
        JsonObject patch = Params.body(ctx);
        if (patch.containsKey("compliance")) {
            throw Invalid.of("compliance", "changes through PUT /api/campaigns/{id}/compliance, which audits them");
        }
        Responses.reply(ctx, 200, sql.tx(c -> {
            Campaign current = campaigns.get(c, id);
            JsonObject merged = Json.campaign(current).mergeIn(patch);
            CampaignDraft draft = CampaignDraft.fromJson(merged);
            Campaign updated = campaigns.update(c, id, draft);
            campaigns.audit(c, actor, "campaign " + id + " settings: " + patch.encode(), null);
            return updated;
        }).compose(c -> engine.campaignChanged(id)).map(Json::campaign));
    }

    private void dispositions(RoutingContext ctx) {
        long id = Params.id(ctx, "id");
        User u = Access.user(ctx);
        // agents read the set of the campaign they work, for their disposition form
        Future<Void> allowed = u.role() == Role.AGENT
                ? engine.agentStatuses().compose(all -> all.stream().anyMatch(s -> s.agentId() == u.agentId()
                && s.campaignId() != null && s.campaignId() == id) ? Future.succeededFuture()
                : Future.failedFuture(new Forbidden("you are not working campaign " + id)))
                : Future.succeededFuture(Access.supervisorOf(ctx, id)).mapEmpty();
        Responses.reply(ctx, 200, allowed.compose(v -> sql.tx(c -> campaigns.dispositions(c, id))).map(Json::dispositions));
    }

    private void putDisposition(RoutingContext ctx) {
        String actor = Access.admin(ctx).actor();
        long id = Params.id(ctx, "id");
        String code = ctx.pathParam("code").toUpperCase();
        JsonObject body = Params.body(ctx);
        DispositionDraft draft = DispositionDraft.fromJson(code, body);
        Responses.reply(ctx, 200, sql.tx(c -> {
            campaigns.putDisposition(c, id, draft);
            campaigns.audit(c, actor, "campaign " + id + " disposition " + code
                    + ": " + body.encode(), null);
            return campaigns.dispositions(c, id);
        }).map(Json::dispositions));
    }

    private void debtor(RoutingContext ctx) {
        long id = Params.id(ctx, "id");
        // agents see numbers partly masked: they dial through the dialer, never by hand
        Responses.reply(ctx, 200, access.debtor(ctx, id).compose(u -> sql.tx(c -> debtors.get(c, id, u.role() != Role.AGENT)))
                .map(Json::debtor));
    }

    private void debtorByExternalId(RoutingContext ctx) {
        Access.require(ctx, Role.ADMIN, Role.SUPERVISOR);
        String external = ctx.request().getParam("externalId");
        if (external == null || external.isBlank()) {
            throw Invalid.of("externalId", "is required: the debtor's id in the creditor's files");
        }
        Responses.reply(ctx, 200, sql.tx(c -> debtors.idOf(c, external)).compose(id -> access.debtor(ctx, id)
                .compose(u -> sql.tx(c -> debtors.get(c, id, true)))).map(Json::debtor));
    }

    private void history(RoutingContext ctx) {
        long id = Params.id(ctx, "id");
        int limit = Params.limit(ctx);
        Responses.reply(ctx, 200, access.debtor(ctx, id).compose(u -> sql.tx(c -> history.list(c, id, limit)))
                .map(list -> Json.array(list, Json::historyEntry)));
    }

    private void flags(RoutingContext ctx) {
        String actor = Access.admin(ctx).actor();
        long id = Params.id(ctx, "id");
        JsonObject body = Params.body(ctx);
        Set<String> add = flags(body, "add");
        Set<String> remove = flags(body, "remove");
        Responses.reply(ctx, 200, sql.tx(c -> {
            debtors.setFlags(c, id, add, remove);
            history.add(c, id, clock.instant(), DebtorHistory.Kind.FLAG, null, null, null,
                    "Flags" + (add.isEmpty() ? "" : " set " + add) + (remove.isEmpty() ? "" : " cleared " + remove) + " by " + actor,
                    new JsonObject().put("add", new JsonArray(List.copyOf(add))).put("remove", new JsonArray(List.copyOf(remove))));
            return debtors.get(c, id, true);
        }).map(Json::debtor));
    }

    private void importPayments(RoutingContext ctx) {
        Uploads.refuseIfBusy(imports);
        Responses.reply(ctx, 200, admin(ctx).compose(v -> Uploads.withBodyFile(vertx, ctx,
                file -> imports.tx(c -> payments.importCsv(c, file, clock.instant())))
                .map(CollectionsRoutes::paymentReport)));
    }

    private void promises(RoutingContext ctx) {
        User u = Access.require(ctx, Role.ADMIN, Role.SUPERVISOR);
        String status = ctx.request().getParam("status");
        if (status != null && !PROMISE_STATUSES.contains(status)) {
            throw Invalid.of("status", "must be OPEN, KEPT, BROKEN or CANCELLED");
        }
        Long campaignId = Params.optionalId(ctx, "campaignId");
        supervised(ctx, u, campaignId);
        int limit = Params.limit(ctx);
        Responses.reply(ctx, 200, sql.tx(c -> promises.list(c, status, campaignId, limit)).map(list -> Json.array(list, Json::promise)));
    }

    private void checkPromises(RoutingContext ctx) {
        Responses.reply(ctx, 200, admin(ctx).compose(v -> engine.checkPromises()).map(n -> new JsonObject().put("broken", n)));
    }

    private void callbacks(RoutingContext ctx) {
        User u = Access.user(ctx);
        String status = ctx.request().getParam("status");
        Long campaignId = Params.optionalId(ctx, "campaignId");
        // an agent sees their own callbacks; supervisors those of their campaigns
        Long agentId = u.role() == Role.AGENT ? u.agentId() : Params.optionalId(ctx, "agentId");
        if (status != null && !CALLBACK_STATUSES.contains(status)) {
            throw Invalid.of("status", "must be PENDING, DIALING, DONE, MISSED or CANCELLED");
        }
        if (u.role() == Role.SUPERVISOR) {
            supervised(ctx, u, campaignId);
        }
        int limit = Params.limit(ctx);
        Responses.reply(ctx, 200, sql.tx(c -> callbacks.list(c, status, campaignId, agentId, limit))
                .map(list -> Json.array(list, Json::callback)));
    }

    private void cancelCallback(RoutingContext ctx) {
        User u = Access.require(ctx, Role.ADMIN, Role.SUPERVISOR);
        long id = Params.id(ctx, "id");
        Responses.reply(ctx, 200, sql.tx(c -> {
            if (!u.supervises(callbacks.campaignOf(c, id))) {
                throw new Forbidden("callback " + id + " is of a campaign you do not supervise");
            }
            callbacks.cancel(c, id);
            return new JsonObject().put("cancelled", id);
        }));
    }

    private static Future<Void> admin(RoutingContext ctx) {
        Access.admin(ctx);
        return Future.succeededFuture();
    }

    /** Supervisors ask about one campaign they supervise at a time; administrators about any. */
    private static void supervised(RoutingContext ctx, User u, Long campaignId) {
        if (u.admin()) {
            return;
        }
        if (campaignId == null) {
            throw Invalid.of("campaignId", "is required: a campaign you supervise");
        }
        Access.supervisorOf(ctx, campaignId);
    }

    private static Set<String> flags(JsonObject body, String field) {
        Set<String> out = new HashSet<>();
        Object v = body.getValue(field);
        if (v == null) {
            return out;
        }
        if (!(v instanceof JsonArray a)) {
            throw Invalid.of(field, "must be a list of flags");
        }
        for (Object f : a) {
            String flag = String.valueOf(f).trim().toUpperCase();
            if (!DEBTOR_FLAGS.contains(flag)) {
                throw Invalid.of(field, "'" + dialer.core.Masked.excerpt(String.valueOf(f)) + "' is not one of " + DEBTOR_FLAGS);
            }
            out.add(flag);
        }
        return out;
    }

    private static JsonObject paymentReport(PaymentImporter.Report r) {
        JsonArray rejected = new JsonArray();
        r.rejected().forEach(p -> rejected.add(new JsonObject().put("line", p.line()).put("reason", p.reason())));
        return new JsonObject().put("rows", r.rows()).put("imported", r.imported()).put("duplicates", r.duplicates())
                .put("rejected", rejected).put("promisesKept", r.promisesKept())
                .put("instalmentsKept", r.instalmentsKept()).put("instalmentsBroken", r.instalmentsBroken());
    }
}
