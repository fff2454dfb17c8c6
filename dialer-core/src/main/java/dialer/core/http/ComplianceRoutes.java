package dialer.core.http;

import dialer.compliance.DecisionLog;
import dialer.compliance.ListEntry;
import dialer.compliance.ListKind;
import dialer.compliance.RuleResult;
import dialer.compliance.rules.Presets;
import dialer.compliance.rules.Rule;
import dialer.compliance.rules.RuleSet;
import dialer.core.Invalid;
import dialer.core.auth.Access;
import dialer.core.auth.Role;
import dialer.core.auth.User;
import dialer.core.campaign.Campaign;
import dialer.core.campaign.CampaignStore;
import dialer.core.campaign.ComplianceSettings;
import dialer.core.compliance.CampaignRuleSets;
import dialer.core.compliance.ComplianceGate;
import dialer.core.db.Sql;
import dialer.core.engine.DialerEngine;
import dialer.core.lead.LeadStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The compliance guard over HTTP: a campaign's rules and their audited loosening, the contact
 * lists (DNC, cease, attorney, no calls at work, consent), and the decision log with its export.
 */
final class ComplianceRoutes {

    private final Sql sql;
    /** CSV exports: the reports' pool, bounded (429 beyond it). */
    private final Sql reports;
    private final Access access;
    private final DialerEngine engine;
    private final ComplianceGate gate;
    private final CampaignStore campaigns = new CampaignStore();
    private final LeadStore leads = new LeadStore();

    private final Clock clock;

    ComplianceRoutes(Sql sql, Sql reports, DialerEngine engine, ComplianceGate gate, Access access, Clock clock) {
        this.access = access;
        this.clock = clock;
        this.sql = sql;
        this.reports = reports;
        this.engine = engine;
        this.gate = gate;
    }

    void mount(Router router, BodyHandler json) {
        router.get("/api/compliance/presets").handler(this::presets);
        router.get("/api/campaigns/:id/compliance").handler(this::settings);
        router.put("/api/campaigns/:id/compliance").handler(json).handler(this::changeSettings);
        router.post("/api/campaigns/:id/compliance/overrides").handler(json).handler(this::loosen);
        router.get("/api/compliance/decisions").handler(this::decisions);
        router.get("/api/compliance/decisions.csv").handler(this::decisionsCsv);
        router.post("/api/compliance/lists").handler(json).handler(this::addListEntry);
        router.delete("/api/compliance/lists/:id").handler(json).handler(this::removeListEntry);
        router.get("/api/compliance/lists").handler(this::lookUpLists);
    }

    /** The presets, each with its rules. */
    private void presets(RoutingContext ctx) {
        JsonArray out = new JsonArray();
        for (String code : Presets.codes()) {
            RuleSet preset = Presets.byCode(code);
            out.add(new JsonObject().put("code", code).put("rules", rules(preset)).put("overlays", overlays(preset)));
        }
        Responses.json(ctx, 200, out);
    }

    /** A campaign's compliance settings, its rule set and its audited loosenings. */
    private void settings(RoutingContext ctx) {
        long id = Params.id(ctx, "id");
        Access.supervisorOf(ctx, id);
        Responses.reply(ctx, 200, sql.tx(c -> new Object[] {campaigns.get(c, id), campaigns.overrides(c, id)}).map(r -> {
            Campaign campaign = (Campaign) r[0];
            @SuppressWarnings("unchecked")
            List<CampaignRuleSets.Override> overrides = (List<CampaignRuleSets.Override>) r[1];
            RuleSet rules = CampaignRuleSets.build(campaign, overrides);
            JsonArray loosened = new JsonArray();
            overrides.forEach(o -> loosened.add(new JsonObject().put("ruleId", o.ruleId()).put("actor", o.actor())
                    .put("reason", o.reason()).put("at", o.at().toString())));
            return new JsonObject().put("settings", campaign.compliance().toJson()).put("ruleSetId", rules.id())
                    .put("ruleSetVersion", rules.version()).put("rules", rules(rules)).put("overlays", overlays(rules))
                    .put("overrides", loosened);
        }));
    }

    /** The guard's decisions over a time range (supervisors: one campaign of theirs at a time). */
    private void decisions(RoutingContext ctx) {
        DecisionLog.Query q = query(ctx, clock);
        supervisedQuery(ctx, q);
        Responses.reply(ctx, 200, sql.tx(c -> gate.guard().decisions().find(q)).map(list -> {
            JsonArray out = new JsonArray();
            list.forEach(d -> out.add(decision(d)));
            return out;
        }));
    }

    /** The same decisions as a CSV file; numbers masked unless maskPhones=false. */
    private void decisionsCsv(RoutingContext ctx) {
        DecisionLog.Query q = query(ctx, clock);
        supervisedQuery(ctx, q);
        boolean mask = !"false".equals(ctx.request().getParam("maskPhones"));
        reports.tx(c -> {
            StringBuilder csv = new StringBuilder();
            gate.guard().decisions().exportCsv(q, csv, mask);
            return csv.toString();
        }).onSuccess(csv -> ctx.response().putHeader("content-type", "text/csv; charset=utf-8")
                .putHeader("content-disposition", "attachment; filename=\"compliance-decisions.csv\"").end(csv))
                .onFailure(e -> Responses.error(ctx, e));
    }

    /** Ends an active list entry, with who and why. */
    private void removeListEntry(RoutingContext ctx) {
        User admin = Access.admin(ctx);
        long id = Params.id(ctx, "id");
        JsonObject body = Params.bodyOrEmpty(ctx);
        String by = admin.actor();
        String reason = requiredText(body, "reason");
        Responses.reply(ctx, 200, sql.tx(c -> {
            if (!gate.guard().lists().remove(id, by, reason)) {
                throw new dialer.core.NotFound("active list entry " + id);
            }
            return new JsonObject().put("removed", true);
        }));
    }

    /** List entries by debtor, number or campaign. */
    private void lookUpLists(RoutingContext ctx) {
        User u = Access.require(ctx, Role.ADMIN, Role.SUPERVISOR);
        Long debtor = Params.optionalId(ctx, "debtorId");
        String phone = ctx.request().getParam("phone");
        Long campaign = Params.optionalId(ctx, "campaignId");
        if (!u.admin()) {
            // a supervisor looks up within a campaign they supervise
            if (campaign == null) {
                throw Invalid.of("campaignId", "is required: a campaign you supervise");
            }
            Access.supervisorOf(ctx, campaign);
        }
        io.vertx.core.Future<Void> allowed = debtor == null || u.admin() ? io.vertx.core.Future.succeededFuture()
                : access.debtor(ctx, debtor).mapEmpty();
        Responses.reply(ctx, 200, allowed.compose(v -> sql.tx(c -> gate.guard().lists().lookup(debtor == null ? null
                : "debtor-" + debtor, phone, campaign == null ? null : CampaignRuleSets.ruleSetId(campaign)))).map(list -> {
            JsonArray out = new JsonArray();
            list.forEach(e -> out.add(entry(e)));
            return out;
        }));
    }

    /** Tightenings change freely; a different preset is a change of jurisdiction and needs who and why. */
    private void changeSettings(RoutingContext ctx) {
        User admin = Access.admin(ctx);
        long id = Params.id(ctx, "id");
        JsonObject body = Params.body(ctx);
        Invalid.Collector problems = new Invalid.Collector();
        ComplianceSettings settings = ComplianceSettings.fromJson(body.getValue("settings"), problems);
        problems.check(body.getValue("settings") != null, "settings", "is required, e.g. {\"preset\": \"US\"}");
        problems.throwIfAny();
        Responses.reply(ctx, 200, sql.tx(c -> {
            Campaign campaign = campaigns.get(c, id);
            if (!campaign.compliance().preset().equals(settings.preset())) {
                String reason = requiredText(body, "reason");
                campaigns.audit(c, admin.actor(), "campaign " + id + " compliance preset " + campaign.compliance().preset()
                        + " -> " + settings.preset(), reason);
            } else {
                campaigns.audit(c, admin.actor(), "campaign " + id + " compliance settings " + settings.toJson().encode(), null);
            }
            return campaigns.setCompliance(c, id, settings);
        }).compose(campaign -> engine.refreshRules(id)).map(Json::campaign));
    }

    /** Removes a preset rule from one campaign: explicit, with who and why, stored before it applies. */
    private void loosen(RoutingContext ctx) {
        User admin = Access.admin(ctx);
        long id = Params.id(ctx, "id");
        JsonObject body = Params.body(ctx);
        Invalid.Collector problems = new Invalid.Collector();
        Object rule = body.getValue("ruleId");
        problems.check(rule instanceof String s && !s.isBlank(), "ruleId", "is required: the id of the preset rule to lift");
        Object reason = body.getValue("reason");
        problems.check(reason instanceof String s && s.trim().length() >= 10, "reason", "is required: why (at least 10 characters)");
        problems.throwIfAny();
        String ruleId = ((String) rule).trim();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Responses.reply(ctx, 201, sql.tx(c -> {
            Campaign campaign = campaigns.get(c, id);
            RuleSet current = CampaignRuleSets.build(campaign, campaigns.overrides(c, id));
            if (current.rules().stream().noneMatch(r -> r.id().equals(ruleId))) {
                throw Invalid.of("ruleId", "campaign " + id + " has no rule '" + dialer.core.Masked.excerpt(String.valueOf(ruleId)) + "'");
            }
            CampaignRuleSets.Override o = new CampaignRuleSets.Override(ruleId, admin.actor(), ((String) reason).trim(), now);
            campaigns.addOverride(c, id, o);
            campaigns.audit(c, o.actor(), "campaign " + id + " loosened: rule " + ruleId + " lifted", o.reason());
            return o;
        }).compose(o -> engine.refreshRules(id).map(o)).map(o -> new JsonObject().put("ruleId", o.ruleId())
                .put("actor", o.actor()).put("reason", o.reason()).put("at", o.at().toString())));
    }

    private void addListEntry(RoutingContext ctx) {
        User admin = Access.admin(ctx);
        JsonObject body = Params.body(ctx);
        Invalid.Collector problems = new Invalid.Collector();
        ListKind kind = null;
        try {
            kind = ListKind.valueOf(String.valueOf(body.getValue("kind")).trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            problems.add("kind", "must be one of " + List.of(ListKind.values()));
        }
        String phone = body.getValue("phone") instanceof String s && !s.isBlank() ? s.trim() : null;
        Long debtor = body.getValue("debtorId") instanceof Number n ? n.longValue() : null;
        Long campaign = body.getValue("campaignId") instanceof Number n ? n.longValue() : null;
        Object creditorValue = body.getValue("creditor");
        String creditor = creditorValue instanceof String s && !s.isBlank() && s.trim().length() <= 100 ? s.trim() : null;
        problems.check(creditorValue == null || creditor != null, "creditor",
                "must be the creditor's name or code as the campaigns' compliance settings name it, 1 to 100 characters");
        problems.check(creditor == null || campaign == null, "creditor",
                "an entry is for one campaign (campaignId) or for all of a creditor's campaigns (creditor), not both");
        String source = body.getValue("source") instanceof String s && !s.isBlank() ? s.trim() : null;
        problems.check(source != null, "source", "is required: where the entry comes from (e.g. 'debtor letter 2026-11-02')");
        String addedBy = admin.actor();
        Instant expires = null;
        if (body.getValue("expiresAt") != null) {
            try {
                expires = Instant.parse(String.valueOf(body.getValue("expiresAt")));
            } catch (DateTimeParseException e) {
                problems.add("expiresAt", "must be an instant such as 2027-01-01T00:00:00Z");
            }
        }
        if (kind != null) {
            problems.check(!kind.keyedByPhone() || phone != null, "phone", "is required for " + kind);
            problems.check(!kind.keyedByDebtor() || debtor != null, "debtorId", "is required for " + kind);
        }
        problems.throwIfAny();
        ListKind k = kind;
        Instant expiresAt = expires;
        Responses.reply(ctx, 201, sql.tx(c -> {
            ListEntry entry;
            try {
                String note = body.getValue("note") instanceof String s ? s : null;
                entry = creditor != null
                        ? gate.guard().lists().addForCreditor(k, creditor, debtor == null ? null : "debtor-" + debtor, phone, source,
                                addedBy, expiresAt, note)
                        : gate.guard().lists().add(k, campaign == null ? null : CampaignRuleSets.ruleSetId(campaign),
                                debtor == null ? null : "debtor-" + debtor, phone, source, addedBy, expiresAt, note);
            } catch (IllegalArgumentException e) {
                // the guard's own checks of an entry (number format, kind and key, expiry)
                throw Invalid.of("entry", e.getMessage());
            }
            if (debtor != null) {
                // a change of list may allow what was blocked until something changed
                leads.unblockDebtor(c, debtor);
            }
            return entry;
        }).map(ComplianceRoutes::entry));
    }

    /** Supervisors read the decisions of the campaigns they supervise, one campaign at a time. */
    private static void supervisedQuery(RoutingContext ctx, DecisionLog.Query q) {
        User u = Access.require(ctx, Role.ADMIN, Role.SUPERVISOR);
        if (u.admin()) {
            return;
        }
        if (q.campaignId() == null) {
            throw Invalid.of("campaignId", "is required: a campaign you supervise");
        }
        Access.supervisorOf(ctx, Long.parseLong(q.campaignId().substring("campaign-".length())));
    }

    private static DecisionLog.Query query(RoutingContext ctx, Clock clock) {
        Instant from;
        Instant to;
        try {
            String f = ctx.request().getParam("from");
            String t = ctx.request().getParam("to");
            to = t == null ? clock.instant().plusSeconds(60) : Instant.parse(t);
            from = f == null ? to.minus(1, ChronoUnit.DAYS) : Instant.parse(f);
        } catch (DateTimeParseException e) {
            throw Invalid.of("from/to", "must be instants such as 2026-11-22T00:00:00Z");
        }
        DecisionLog.Query q = DecisionLog.Query.between(from, to).limit(Params.limit(ctx));
        String campaign = ctx.request().getParam("campaignId");
        if (campaign != null) {
            try {
                q = q.campaign(CampaignRuleSets.ruleSetId(Long.parseLong(campaign)));
            } catch (NumberFormatException e) {
                throw Invalid.of("campaignId", "must be a number");
            }
        }
        String lead = ctx.request().getParam("leadId");
        if (lead != null) {
            q = q.lead("lead-" + lead);
        }
        return q;
    }

    private static JsonArray rules(RuleSet set) {
        JsonArray out = new JsonArray();
        for (Rule r : set.rules()) {
            out.add(new JsonObject().put("id", r.id()).put("description", r.describe()));
        }
        return out;
    }

    /** The state overlays a rule set brings in for debtors whose address is in that state, each with its rules. */
    private static JsonArray overlays(RuleSet set) {
        JsonArray out = new JsonArray();
        for (dialer.compliance.rules.StateOverlay o : set.overlays()) {
            JsonArray rules = new JsonArray();
            o.rules().forEach(r -> rules.add(new JsonObject().put("id", r.id()).put("description", r.describe())));
            out.add(new JsonObject().put("country", o.country()).put("state", o.state())
                    .put("alwaysApplied", set.appliedOverlays().contains(o.key())).put("rules", rules));
        }
        return out;
    }

    private static JsonObject decision(DecisionLog.Stored d) {
        JsonArray failures = new JsonArray();
        for (RuleResult f : d.failures()) {
            failures.add(new JsonObject().put("ruleId", f.ruleId()).put("reason", f.reason())
                    .put("nextAllowedAt", f.nextAllowedAt() == null ? null : f.nextAllowedAt().toString()));
        }
        return new JsonObject()
                .put("id", d.id())
                .put("decidedAt", d.decidedAt().toString())
                .put("kind", d.kind())
                .put("campaign", d.campaignId())
                .put("debtor", d.debtorId())
                .put("lead", d.leadId())
                .put("phone", dialer.core.Masked.phone(d.phone()))
                .put("phoneType", d.phoneType() == null ? null : d.phoneType().name())
                .put("path", d.path() == null ? null : d.path().name())
                .put("ruleSet", d.ruleSetId() + "@" + d.ruleSetVersion())
                .put("verdict", d.verdict().name())
                .put("nextAllowedAt", d.nextAllowedAt() == null ? null : d.nextAllowedAt().toString())
                .put("calleeZones", new JsonArray(d.calleeZones()))
                .put("zoneSources", d.zoneSources())
                .put("reservationId", d.reservationId())
                .put("failures", failures);
    }

    private static JsonObject entry(ListEntry e) {
        return new JsonObject().put("id", e.id()).put("kind", e.kind().name()).put("campaign", e.campaignId())
                .put("debtor", e.debtorId()).put("phone", e.phone() == null ? null : dialer.core.Masked.phone(e.phone()))
                .put("addedAt", e.addedAt().toString()).put("source", e.source())
                .put("expiresAt", e.expiresAt() == null ? null : e.expiresAt().toString()).put("note", e.note())
                .put("creditor", e.creditorId());
    }

    private static String requiredText(JsonObject body, String field) {
        Object v = body.getValue(field);
        if (!(v instanceof String s) || s.isBlank()) {
            throw Invalid.of(field, "is required");
        }
        return s.trim();
    }
}
