package dialer.core.trunk;

import dialer.ami.CallEvent;
import dialer.core.db.Sql;
import dialer.core.engine.DialerEngine;
import dialer.core.engine.Pbx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps every PBX's PJSIP trunks what the database says: after each change of a trunk, and each
 * time a PBX link comes up (an Asterisk that restarted, or whose file was replaced, gets them
 * again), it rewrites {@link PjsipTrunkConfig#FILE} over AMI and reloads PJSIP: no restart, no
 * file system shared with Asterisk. The engine hears the trunks too (health, caps, caller id).
 */
public final class TrunkConfigurator {

    private static final Logger log = LoggerFactory.getLogger(TrunkConfigurator.class);

    private final Vertx vertx;
    private final Sql sql;
    private final List<Pbx> pbxs;
    private final DialerEngine engine;
    private final TrunkStore store = new TrunkStore();

    public TrunkConfigurator(Vertx vertx, Sql sql, List<Pbx> pbxs, DialerEngine engine) {
        this.vertx = vertx;
        this.sql = sql;
        this.pbxs = pbxs;
        this.engine = engine;
    }

    /** How often the engine reads the trunks again (another node may have changed them). */
    static final long REFRESH_MILLIS = 30_000;
    /** How long a write to Asterisk may take before it counts as failed. */
    private static final long WRITE_TIMEOUT_SECONDS = 30;

    /**
     * Listens for PBX links coming up, and reads the trunks again every {@link #REFRESH_MILLIS}
     * for the engine (a change made through another node reaches this one's health watch and caps).
     */
    public void watch() {
        for (Pbx pbx : pbxs) {
            pbx.control().addListener(event -> {
                if (event instanceof CallEvent.Resynchronized) {
                    // off the AMI thread: read the trunks, then write them to this PBX
                    vertx.runOnContext(v -> sql.tx(store::list)
                            .compose(list -> engine.trunksConfigured(list).compose(x -> applyTo(pbx, list)))
                            .onFailure(e -> log.warn("could not write the trunks to PBX {}: {}", pbx.name(), e.getMessage())));
                }
            });
        }
        vertx.setPeriodic(REFRESH_MILLIS, id -> sql.tx(store::list).compose(engine::trunksConfigured)
                .onFailure(e -> log.debug("could not read the trunks: {}", e.getMessage())));
    }

    /** Reads the trunks and applies them everywhere: to the engine and every PBX. Fails when a PBX could not take them. */
    public Future<Void> apply() {
        return sql.tx(store::list).compose(list -> engine.trunksConfigured(list).compose(v -> {
            List<Future<Void>> all = new ArrayList<>();
            for (Pbx pbx : pbxs) {
                all.add(applyTo(pbx, list));
            }
            return Future.all(all).mapEmpty();
        }));
    }

    /** Writes the trunks to one PBX, holding the file's lock across nodes while it does (a worker thread waits on it). */
    private Future<Void> applyTo(Pbx pbx, List<Trunk> list) {
        return sql.tx(c -> {
            dialer.core.db.PbxConfigLock.hold(c, pbx.name(), PjsipTrunkConfig.FILE);
            try {
                pbx.control().replaceConfig(PjsipTrunkConfig.FILE, PjsipTrunkConfig.render(list), PjsipTrunkConfig.RELOADS)
                        .get(WRITE_TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
            }
            return (Void) null;
        }).onSuccess(v -> log.info("PBX {}: {} trunk(s) written to {} and PJSIP reloaded", pbx.name(), list.size(),
                PjsipTrunkConfig.FILE));
    }
}
