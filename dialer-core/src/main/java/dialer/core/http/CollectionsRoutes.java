package dialer.core.http;

import dialer.core.Invalid;
import dialer.core.auth.Access;
import dialer.core.auth.Role;
import dialer.core.auth.User;
import dialer.core.campaign.Campaign;
import dialer.core.campaign.CampaignDraft;
import dialer.core.campaign.CampaignStore;
import dialer.core.db.Sql;
import dialer.core.engine.DialerEngine;
import dialer.core.followup.PaymentImporter;
import dialer.core.history.DebtorHistory;
import dialer.core.lead.DebtorStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collections work over HTTP: campaign settings and disposition sets, debtors' files and
 * histories, payments, promises and callbacks.
 */
final class CollectionsRoutes {

    private static final Set<String> DEBTOR_FLAGS = Set.of("CEASE_COMMUNICATION", "ATTORNEY_REPRESENTED", "NO_CALLS_AT_WORK",
            "DISPUTE", "COMPLAINT", "SENSITIVE", "VIP");

    private final Vertx vertx;
    private final Sql sql;
    private final DialerEngine engine;
    private final CampaignStore campaigns = new CampaignStore();
    private final DebtorStore debtors = new DebtorStore();
    private final DebtorHistory history = new DebtorHistory();
    private final PaymentImporter payments = new PaymentImporter();

    private final java.time.Clock clock;
    private final Access access;

    CollectionsRoutes(Vertx vertx, Sql sql, DialerEngine engine, Access access, java.time.Clock clock) {
        this.clock = clock;
        this.access = access;
        this.vertx = vertx;
        this.sql = sql;
        this.engine = engine;
    }

    void mount(Router router, BodyHandler json) {
        router.patch("/api/campaigns/:id").handler(json).handler(ctx -> {
            String actor = Access.admin(ctx).actor();
            long id = HttpApi.id(ctx, "id");
            JsonObject patch = HttpApi.body(ctx);
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
        });
        router.get("/api/campaigns/:id/dispositions").handler(ctx -> {
            long id = HttpApi.id(ctx, "id");
            User u = Access.user(ctx);
            // agents read the set of the campaign they work, for their disposition form
            io.vertx.core.Future<Void> allowed = u.role() == Role.AGENT
                    ? engine.agentStatuses().compose(all -> all.stream().anyMatch(s -> s.agentId() == u.agentId()
                    && s.campaignId() != null && s.campaignId() == id) ? io.vertx.core.Future.succeededFuture()
                    : io.vertx.core.Future.failedFuture(new dialer.core.Forbidden("you are not working campaign " + id)))
                    : io.vertx.core.Future.succeededFuture(Access.supervisorOf(ctx, id)).mapEmpty();
            Responses.reply(ctx, 200, allowed.compose(v -> sql.tx(c -> campaigns.dispositions(c, id))).map(JsonArray::new));
        });
        router.put("/api/campaigns/:id/dispositions/:code").handler(json).handler(ctx -> {
            String actor = Access.admin(ctx).actor();
            long id = HttpApi.id(ctx, "id");
            String code = ctx.pathParam("code").toUpperCase();
            JsonObject body = HttpApi.body(ctx);
            Responses.reply(ctx, 200, sql.tx(c -> {
                campaigns.putDisposition(c, id, code, body);
                campaigns.audit(c, actor, "campaign " + id + " disposition " + code
                        + ": " + body.encode(), null);
                return campaigns.dispositions(c, id);
            }).map(JsonArray::new));
        });

        router.get("/api/debtors/:id").handler(ctx -> {
            long id = HttpApi.id(ctx, "id");
            // agents see numbers partly masked: they dial through the dialer, never by hand
            Responses.reply(ctx, 200, access.debtor(ctx, id).compose(u -> sql.tx(c -> debtors.get(c, id, u.role() != Role.AGENT))));
        });
        router.get("/api/debtors").handler(ctx -> {
            Access.require(ctx, Role.ADMIN, Role.SUPERVISOR);
            String external = ctx.request().getParam("externalId");
            if (external == null || external.isBlank()) {
                throw Invalid.of("externalId", "is required: the debtor's id in the creditor's files");
            }
            Responses.reply(ctx, 200, sql.tx(c -> debtors.idOf(c, external)).compose(id -> access.debtor(ctx, id)
                    .compose(u -> sql.tx(c -> debtors.get(c, id, true)))));
        });
        router.get("/api/debtors/:id/history").handler(ctx -> {
            long id = HttpApi.id(ctx, "id");
            int limit = HttpApi.limit(ctx);
            Responses.reply(ctx, 200, access.debtor(ctx, id).compose(u -> sql.tx(c -> history.list(c, id, limit))));
        });
        router.post("/api/debtors/:id/flags").handler(json).handler(ctx -> {
            String actor = Access.admin(ctx).actor();
            long id = HttpApi.id(ctx, "id");
            JsonObject body = HttpApi.body(ctx);
            Set<String> add = flags(body, "add");
            Set<String> remove = flags(body, "remove");
            Responses.reply(ctx, 200, sql.tx(c -> {
                debtors.setFlags(c, id, add, remove);
                history.add(c, id, clock.instant(), DebtorHistory.Kind.FLAG, null, null, null,
                        "Flags" + (add.isEmpty() ? "" : " set " + add) + (remove.isEmpty() ? "" : " cleared " + remove) + " by " + actor,
                        new JsonObject().put("add", new JsonArray(List.copyOf(add))).put("remove", new JsonArray(List.copyOf(remove))));
                return debtors.get(c, id, true);
            }));
        });

        router.post("/api/payments/import").handler(ctx -> Responses.reply(ctx, 200,
                admin(ctx).compose(v -> Uploads.withBodyFile(vertx, ctx, file -> sql.tx(c -> payments.importCsv(c, file, clock.instant())))
                        .map(CollectionsRoutes::paymentReport))));
        router.get("/api/promises").handler(ctx -> {
            User u = Access.require(ctx, Role.ADMIN, Role.SUPERVISOR);
            String status = ctx.request().getParam("status");
            if (status != null && !Set.of("OPEN", "KEPT", "BROKEN", "CANCELLED").contains(status)) {
                throw Invalid.of("status", "must be OPEN, KEPT, BROKEN or CANCELLED");
            }
            Long campaignId = HttpApi.optionalId(ctx, "campaignId");
            supervised(ctx, u, campaignId);
            int limit = HttpApi.limit(ctx);
            Responses.reply(ctx, 200, sql.tx(c -> query(c, "select p.id, p.debtor_id, d.external_id, p.amount, p.due_date, "
                    + "p.status, p.paid_amount, p.agent_id, p.campaign_id, p.created_at, p.settled_at from promise p "
                    + "join debtor d on d.id = p.debtor_id where (?::text is null or p.status = ?) "
                    + "and (?::bigint is null or p.campaign_id = ?) order by p.due_date, p.id limit ?",
                    status, status, campaignId, campaignId, limit)));
        });
        router.post("/api/promises/check").handler(ctx -> Responses.reply(ctx, 200,
                admin(ctx).compose(v -> engine.checkPromises()).map(n -> new JsonObject().put("broken", n))));
        router.get("/api/callbacks").handler(ctx -> {
            User u = Access.user(ctx);
            String status = ctx.request().getParam("status");
            Long campaignId = HttpApi.optionalId(ctx, "campaignId");
            // an agent sees their own callbacks; supervisors those of their campaigns
            Long agentId = u.role() == Role.AGENT ? u.agentId() : HttpApi.optionalId(ctx, "agentId");
            if (status != null && !Set.of("PENDING", "DIALING", "DONE", "MISSED", "CANCELLED").contains(status)) {
                throw Invalid.of("status", "must be PENDING, DIALING, DONE, MISSED or CANCELLED");
            }
            if (u.role() == Role.SUPERVISOR) {
                supervised(ctx, u, campaignId);
            }
            int limit = HttpApi.limit(ctx);
            Responses.reply(ctx, 200, sql.tx(c -> query(c, "select cb.id, cb.debtor_id, d.external_id, cb.campaign_id, "
                    + "cb.due_at, cb.zone, cb.owner_agent_id, cb.status, cb.note, cb.attempt_id from callback cb "
                    + "join debtor d on d.id = cb.debtor_id where (?::text is null or cb.status = ?) "
                    + "and (?::bigint is null or cb.campaign_id = ?) and (?::bigint is null or cb.owner_agent_id = ?) "
                    + "order by cb.due_at limit ?", status, status, campaignId, campaignId, agentId, agentId, limit)));
        });
        router.delete("/api/callbacks/:id").handler(ctx -> {
            User u = Access.require(ctx, Role.ADMIN, Role.SUPERVISOR);
            long id = HttpApi.id(ctx, "id");
            Responses.reply(ctx, 200, sql.tx(c -> {
                try (PreparedStatement ps = c.prepareStatement("select campaign_id from callback where id = ?")) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new dialer.core.NotFound("callback " + id);
                        }
                        if (!u.supervises(rs.getLong(1))) {
                            throw new dialer.core.Forbidden("callback " + id + " is of a campaign you do not supervise");
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("update callback set status = 'CANCELLED' where id = ? "
                        + "and status = 'PENDING' returning lead_id")) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new dialer.core.Conflict("callback " + id + " is not pending");
                        }
                        try (PreparedStatement lead = c.prepareStatement("update campaign_lead set state = 'READY' "
                                + "where id = ? and state = 'CALLBACK'")) {
                            lead.setLong(1, rs.getLong(1));
                            lead.executeUpdate();
                        }
                    }
                }
                return new JsonObject().put("cancelled", id);
            }));
        });
    }

    private static io.vertx.core.Future<Void> admin(io.vertx.ext.web.RoutingContext ctx) {
        Access.admin(ctx);
        return io.vertx.core.Future.succeededFuture();
    }

    /** Supervisors ask about one campaign they supervise at a time; administrators about any. */
    private static void supervised(io.vertx.ext.web.RoutingContext ctx, User u, Long campaignId) {
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
                throw Invalid.of(field, "'" + f + "' is not one of " + DEBTOR_FLAGS);
            }
            out.add(flag);
        }
        return out;
    }

    private static JsonObject paymentReport(PaymentImporter.Report r) {
        JsonArray rejected = new JsonArray();
        r.rejected().forEach(p -> rejected.add(new JsonObject().put("line", p.line()).put("reason", p.reason())));
        return new JsonObject().put("rows", r.rows()).put("imported", r.imported()).put("duplicates", r.duplicates())
                .put("rejected", rejected).put("promisesKept", r.promisesKept());
    }

    /** Runs a query and returns its rows as JSON objects keyed by column label (snake_case to camelCase). */
    static JsonArray query(java.sql.Connection c, String sqlText, Object... params) throws java.sql.SQLException {
        JsonArray out = new JsonArray();
        try (PreparedStatement ps = c.prepareStatement(sqlText)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                var meta = rs.getMetaData();
                while (rs.next()) {
                    JsonObject row = new JsonObject();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        Object v = rs.getObject(i);
                        if (v instanceof java.sql.Timestamp t) {
                            v = t.toInstant().toString();
                        } else if (v instanceof java.math.BigDecimal b) {
                            v = b.toPlainString();
                        } else if (v instanceof java.sql.Date || v instanceof java.time.LocalDate) {
                            v = v.toString();
                        }
                        row.put(camel(meta.getColumnLabel(i)), v);
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }

    private static String camel(String snake) {
        StringBuilder sb = new StringBuilder();
        boolean up = false;
        for (char ch : snake.toCharArray()) {
            if (ch == '_') {
                up = true;
            } else {
                sb.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return sb.toString();
    }
}
