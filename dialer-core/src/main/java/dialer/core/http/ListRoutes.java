package dialer.core.http;

import dialer.core.Invalid;
import dialer.core.auth.Access;
import dialer.core.campaign.CampaignStore;
import dialer.core.db.Sql;
import dialer.core.lead.ColumnMapping;
import dialer.core.lead.LeadImporter;
import dialer.core.lead.ListStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/** Lists of debtors and their imports (CSV or JSON, streamed), and which campaigns work them. */
final class ListRoutes {

    private final Vertx vertx;
    private final Sql sql;
    /** Imports: one at a time, one more waiting; beyond that 429 before the upload is read. */
    private final Sql imports;
    private final ListStore lists = new ListStore();
    private final CampaignStore campaigns = new CampaignStore();
    private final LeadImporter importer = new LeadImporter();

    ListRoutes(Vertx vertx, Sql sql, Sql imports) {
        this.vertx = vertx;
        this.sql = sql;
        this.imports = imports;
    }

    void mount(Router router, BodyHandler json) {
        // lists, their imports and which campaigns work them are configuration: administrators only
        router.route("/api/lists*").handler(this::adminsOnly);
        router.post("/api/lists").handler(json).handler(this::create);
        router.get("/api/lists").handler(this::list);
        router.put("/api/lists/:id/mapping").handler(json).handler(this::setMapping);
        router.post("/api/lists/:id/import").handler(this::importFile);
        router.post("/api/campaigns/:id/leads").handler(this::importIntoCampaign);
        router.post("/api/campaigns/:id/lists").handler(json).handler(this::attach);
    }

    /** Lists, their imports and which campaigns work them are configuration: administrators only. */
    private void adminsOnly(RoutingContext ctx) {
        Access.admin(ctx);
        ctx.next();
    }

    /** A new list, with its default region for numbers and its column mapping. */
    private void create(RoutingContext ctx) {
        JsonObject body = Params.body(ctx);
        Invalid.Collector problems = new Invalid.Collector();
        String name = body.getValue("name") instanceof String s ? s.trim() : null;
        problems.check(name != null && !name.isEmpty() && name.length() <= 100, "name", "is required, at most 100 characters");
        String region = body.getValue("defaultRegion") instanceof String s ? s.trim().toUpperCase() : "US";
        problems.check(com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance().getSupportedRegions().contains(region),
                "defaultRegion", "must be a region code such as US or GB");
        ColumnMapping mapping = ColumnMapping.NONE;
        if (body.getValue("mapping") instanceof JsonObject m) {
            mapping = ColumnMapping.fromJson(m);
        }
        problems.throwIfAny();
        ColumnMapping m = mapping;
        Responses.reply(ctx, 201, sql.tx(c -> lists.create(c, name, region, m)).map(Json::contactList));
    }

    /** The lists, with how many debtors each holds and which campaigns work it. */
    private void list(RoutingContext ctx) {
        Responses.reply(ctx, 200, sql.tx(lists::list).map(list -> Json.array(list, Json::listSummary)));
    }

    /** Which columns of a file mean what, for the list's imports. */
    private void setMapping(RoutingContext ctx) {
        long id = Params.id(ctx, "id");
        ColumnMapping mapping = ColumnMapping.fromJson(Params.body(ctx));
        Responses.reply(ctx, 200, sql.tx(c -> lists.setMapping(c, id, mapping)).map(Json::contactList));
    }

    /** Imports a file into the list (streamed to a temporary file first). */
    private void importFile(RoutingContext ctx) {
        long id = Params.id(ctx, "id");
        var format = Uploads.format(ctx);
        var override = Uploads.mapping(ctx);
        Uploads.refuseIfBusy(imports);
        Responses.reply(ctx, 200, Uploads.withBodyFile(vertx, ctx, file -> imports.tx(c ->
                importer.importFile(c, lists.get(c, id), override, format, file, null))).map(Json::importReport));
    }

    /** Imports a file straight into the campaign's own list. */
    private void importIntoCampaign(RoutingContext ctx) {
        Access.admin(ctx);
        long id = Params.id(ctx, "id");
        var format = Uploads.format(ctx);
        var override = Uploads.mapping(ctx);
        Uploads.refuseIfBusy(imports);
        Responses.reply(ctx, 200, Uploads.withBodyFile(vertx, ctx, file -> imports.tx(c ->
                importer.importIntoCampaign(c, campaigns.get(c, id), format, file, override))).map(Json::importReport));
    }

    /** The campaign works the list from now on. */
    private void attach(RoutingContext ctx) {
        Access.admin(ctx);
        long campaignId = Params.id(ctx, "id");
        Object list = Params.body(ctx).getValue("listId");
        if (!(list instanceof Number n)) {
            throw Invalid.of("listId", "is required: the list the campaign is to work");
        }
        Responses.reply(ctx, 200, sql.tx(c -> {
            campaigns.get(c, campaignId);
            return lists.attach(c, campaignId, n.longValue());
        }).map(added -> new JsonObject().put("campaignId", campaignId).put("listId", n.longValue()).put("newLeads", added)));
    }
}
