package dialer.core.metrics;

import dialer.core.campaign.CampaignStore;
import dialer.core.db.Sql;
import dialer.core.engine.DialerEngine;
import dialer.core.live.CampaignFigures;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps the per-campaign gauges current: every {@link #PERIOD_MILLIS}, for each campaign running
 * here or worked by an agent here, its live state from the engine and its figures from the database.
 */
public final class LiveGauges {

    private static final Logger log = LoggerFactory.getLogger(LiveGauges.class);
    static final long PERIOD_MILLIS = 5_000;

    private final Sql sql;
    private final DialerEngine engine;
    private final DialerMetrics metrics;
    private final CampaignFigures figures;
    private final Clock clock;
    private final CampaignStore campaigns = new CampaignStore();
    private final java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean();
    /** The campaigns whose live gauges the last update set (one update runs at a time). */
    private volatile Set<Long> shown = Set.of();

    public LiveGauges(Sql sql, DialerEngine engine, DialerMetrics metrics, CampaignFigures figures, Clock clock) {
        this.sql = sql;
        this.engine = engine;
        this.metrics = metrics;
        this.figures = figures;
        this.clock = clock;
    }

    public void start(Vertx vertx) {
        vertx.setPeriodic(PERIOD_MILLIS, id -> update());
    }

    private void update() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        engine.allLive().compose(all -> {
            all.forEach(metrics::live);
            Set<Long> liveIds = all.stream().map(DialerEngine.CampaignLive::campaignId).collect(Collectors.toSet());
            shown.stream().filter(id -> !liveIds.contains(id)).forEach(metrics::idle);
            shown = liveIds;
            return sql.tx(c -> {
                for (DialerEngine.CampaignLive live : all) {
                    metrics.figures(live.campaignId(), figures.of(c, campaigns.get(c, live.campaignId()), clock.instant()));
                }
                return null;
            });
        }).onComplete(ar -> {
            running.set(false);
            if (ar.failed()) {
                log.warn("campaign gauges not updated: {}", ar.cause().toString());
            }
        });
    }
}
