package dialer.core.http;

import dialer.core.auth.Access;
import dialer.core.campaign.CampaignStore;
import dialer.core.db.Sql;
import dialer.core.engine.DialerEngine;
import dialer.core.queue.QueueOrderSetting;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/** A campaign's queue order over HTTP: its priority, or the learned best hours within a window of it. */
final class QueueOrderRoutes {

    private final Sql sql;
    private final DialerEngine engine;
    private final CampaignStore campaigns = new CampaignStore();

    QueueOrderRoutes(Sql sql, DialerEngine engine) {
        this.sql = sql;
        this.engine = engine;
    }

    void mount(Router router, BodyHandler json) {
        router.get("/api/campaigns/:id/queue-order").handler(this::get);
        router.put("/api/campaigns/:id/queue-order").handler(json).handler(this::put);
    }

    private void get(RoutingContext ctx) {
        long campaignId = Params.id(ctx, "id");
        Access.supervisorOf(ctx, campaignId);
        Responses.reply(ctx, 200, sql.tx(c -> {
            campaigns.get(c, campaignId);
            return QueueOrderSetting.of(c, campaignId).toJson();
        }));
    }

    private void put(RoutingContext ctx) {
        String actor = Access.admin(ctx).actor();
        long campaignId = Params.id(ctx, "id");
        QueueOrderSetting setting = QueueOrderSetting.fromJson(Params.body(ctx));
        Responses.reply(ctx, 200, sql.tx(c -> {
            campaigns.get(c, campaignId);
            setting.save(c, campaignId);
            campaigns.audit(c, actor, "campaign " + campaignId + " queue order " + setting.toJson().encode(), null);
            return setting.toJson();
        }).compose(json -> engine.campaignChanged(campaignId).map(json)));
    }
}
