package dialer.core;

import dialer.ami.asterisk.AmiSettings;
import dialer.ami.asterisk.AsteriskCallControl;
import dialer.core.auth.Passwords;
import dialer.core.auth.Role;
import dialer.core.auth.Sessions;
import dialer.core.auth.UserStore;
import dialer.core.campaign.Campaign;
import dialer.core.compliance.ComplianceGate;
import dialer.core.db.Database;
import dialer.core.db.Pools;
import dialer.core.db.Sql;
import dialer.core.demo.DemoSetup;
import dialer.core.demo.SimulatedAgents;
import dialer.core.demo.SimulatedCallees;
import dialer.core.engine.CallVariables;
import dialer.core.engine.DialerEngine;
import dialer.core.portrait.ListHourProfiles;
import dialer.core.engine.Pbx;
import dialer.core.http.HttpApi;
import dialer.core.metrics.DialerMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** The whole server, wired: database, Asterisk bridges, engine, HTTP API; and the demo when asked. */
public final class DialerServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DialerServer.class);

    private final Vertx vertx;
    private final Database database;
    private final Pools pools;
    private final List<Pbx> pbxs;
    private final DialerEngine engine;
    private final DialerMetrics metrics;
    /** One per event loop of Vert.x's pool, sharing the port (Vert.x hands connections round-robin). */
    private final List<HttpServer> http;
    private final DemoSetup.Result demo;
    private final String firstAdminPassword;
    /** Supervisors listening in: their legs are hung up (and the ends audited) before the engine stops. */
    private final dialer.core.monitor.Monitoring monitoring;

    private DialerServer(Vertx vertx, Database database, Pools pools, List<Pbx> pbxs, DialerEngine engine, DialerMetrics metrics,
                         List<HttpServer> http, DemoSetup.Result demo, String firstAdminPassword,
                         dialer.core.monitor.Monitoring monitoring) {
        this.monitoring = monitoring;
        this.firstAdminPassword = firstAdminPassword;
        this.vertx = vertx;
        this.database = database;
        this.pools = pools;
        this.pbxs = pbxs;
        this.engine = engine;
        this.metrics = metrics;
        this.http = http;
        this.demo = demo;
    }

    /** Starts everything and returns when the server answers HTTP (and the demo is dialing, in demo mode). */
    public static DialerServer start(DialerConfig config) {
        return start(config, Database.open(config), config.demo() || config.simulatedAgents()
                ? new DemoAgentTiming(Duration.ofSeconds(6), Duration.ofSeconds(20), Duration.ofSeconds(3))
                : null, Clock.systemUTC());
    }

    /** Simulated agents' talk and wrap-up times; null for no simulated agents. */
    public record DemoAgentTiming(Duration talkMin, Duration talkMax, Duration wrapUp) {
    }

    /**
     * @param clock the clock the engine and the compliance guard run on (the system clock; tests set
     *              it to a known local time so calling hours do not depend on when they run)
     */
    public static DialerServer start(DialerConfig config, Database database, DemoAgentTiming simulatedAgents,
                                     Clock clock) {
        return start(config, database, simulatedAgents, clock, new SimulatedCallees());
    }

    /**
     * The same with the callees' channel variables from {@code callees} instead of the demo's
     * {@link SimulatedCallees} (a benchmark draws its callees from a scenario).
     */
    public static DialerServer start(DialerConfig config, Database database, DemoAgentTiming simulatedAgents,
                                     Clock clock, CallVariables callees) {
        Vertx vertx = Vertx.vertx();
        List<Pbx> pbxs = new ArrayList<>();
        try {
            Pools pools = Pools.open(vertx, database);
            for (DialerConfig.PbxAddress address : config.pbxs()) {
                AsteriskCallControl control = new AsteriskCallControl(AmiSettings.of(address.host(), address.port(),
                        address.user(), address.secret()));
                pbxs.add(new Pbx(address.name(), control, address.limits()));
            }
            ComplianceGate gate = new ComplianceGate(database.dataSource(), clock);
            // the campaigns' attempts by local hour: one cache, read on the reports pool, for the portrait and the best-hours order
            ListHourProfiles hourProfiles = new ListHourProfiles(pools.reports(), clock);
            DialerEngine engine = new DialerEngine(vertx, pools.engine(), pbxs, config.nodeName(), clock, callees, gate, hourProfiles);
            DialerMetrics metrics = new DialerMetrics();
            Sessions sessions = new Sessions(database.dataSource(), clock);
            String firstAdminPassword = firstAdministrator(database, config);
            engine.addListener(metrics);
            engine.addListener(dialer.core.floor.AgentSpanRecorder.deploy(vertx, database.dataSource(), config.nodeName(), clock));
            dialer.core.live.CampaignFigures figures = new dialer.core.live.CampaignFigures();
            // supervisors listening in: the live views show who listens, so the hub hears of each change
            dialer.core.monitor.Monitoring monitoring = new dialer.core.monitor.Monitoring(vertx, pools.api(), engine, pbxs, clock);
            engine.addListener(monitoring);
            dialer.core.live.LiveHub liveHub = new dialer.core.live.LiveHub(vertx, pools.live(), engine, sessions, clock, figures,
                    monitoring);
            engine.addListener(liveHub);
            // call recording: started off the engine thread when a call is connected, purged past each campaign's retention
            dialer.core.recording.RecordingFiles recordingFiles = new dialer.core.recording.RecordingFiles(config.recordingsDir());
            dialer.core.recording.Recorder recorder = new dialer.core.recording.Recorder(vertx, pools.api(), pbxs, recordingFiles,
                    agentId -> engine.agentLeg(agentId).map(leg -> leg.map(dialer.core.engine.AgentLeg::conference)), clock);
            engine.addListener(recorder);
            new dialer.core.recording.RecordingPurge(pools.api(), recordingFiles, clock).start(vertx);
            monitoring.addListener(liveHub::monitoringChanged);
            new dialer.core.metrics.LiveGauges(pools.live(), engine, metrics, figures, clock).start(vertx);
            if (simulatedAgents != null) {
                engine.addListener(new SimulatedAgents(vertx, engine, simulatedAgents.talkMin(), simulatedAgents.talkMax(),
                        simulatedAgents.wrapUp(), System.nanoTime()));
            }
            // the engine first: what an earlier run of this node left (calls, agents) is adopted before the PBXs are heard
            await(engine.start(), "engine start");
            pbxs.forEach(p -> p.control().start());
            for (Pbx pbx : pbxs) {
                try {
                    pbx.control().whenConnected(Duration.ofSeconds(20)).get();
                } catch (Exception e) {
                    log.warn("PBX {} not reachable yet ({}); the dialer keeps trying", pbx.name(), rootMessage(e));
                }
            }
            // agents' phones defined in the dialer (desk phones, browser phones) into each PBX's configuration
            dialer.core.phone.PhoneProvisioning phones = phoneProvisioning(config, pbxs);
            await(phones.writeAll(pools.api()), "agent phones");
            // an Asterisk that comes back (restarted, a new container) gets them again: it may have lost the file
            for (Pbx pbx : pbxs) {
                pbx.control().addListener(event -> {
                    if (event instanceof dialer.ami.CallEvent.Resynchronized) {
                        phones.rewrite(pools.api(), pbx.name());
                    }
                });
            }
            HttpApi api = new HttpApi(vertx, pools, engine, metrics, pbxs, gate, sessions, liveHub, hourProfiles, clock,
                    recorder, monitoring, phones);
            // carrier trunks: written to every PBX now and whenever its link comes up
            api.trunkConfigurator().watch();
            api.trunkConfigurator().apply().onFailure(e -> log.warn("the trunks could not be written to every PBX yet: {}",
                    e.getMessage()));
            List<HttpServer> http = listen(vertx, api, config.httpPort(), VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE);
            DemoSetup.Result demo = config.demo() ? await(new DemoSetup(pools.api(), engine, clock).run(), "demo setup") : null;
            return new DialerServer(vertx, database, pools, pbxs, engine, metrics, http, demo, firstAdminPassword, monitoring);
        } catch (RuntimeException e) {
            pbxs.forEach(p -> p.control().close());
            vertx.close();
            database.close();
            throw e;
        }
    }

    public int port() {
        return http.get(0).actualPort();
    }

    /**
     * The password of the administrator account created at this start (there was none), when it
     * was generated; null otherwise. Shown once, to whoever started the server.
     */
    public String generatedAdminPassword() {
        return firstAdminPassword;
    }

    /** The first administrator, when there is no account at all; returns a generated password to show once. */
    private static dialer.core.phone.PhoneProvisioning phoneProvisioning(DialerConfig config, List<Pbx> pbxs) {
        dialer.core.phone.PhoneSettings settings = dialer.core.phone.PhoneSettings.from(System.getenv());
        java.util.Map<String, dialer.core.phone.PhoneConfigWriter> writers = new java.util.LinkedHashMap<>();
        java.util.Map<String, String> hosts = new java.util.LinkedHashMap<>();
        for (DialerConfig.PbxAddress address : config.pbxs()) {
            Pbx pbx = pbxs.stream().filter(p -> p.name().equals(address.name())).findFirst().orElseThrow();
            writers.put(address.name(), new dialer.core.phone.PbxPhoneConfigWriter(pbx.control(), settings.sections()));
            hosts.put(address.name(), address.host());
        }
        return new dialer.core.phone.PhoneProvisioning(writers, hosts, settings);
    }

    private static String firstAdministrator(Database database, DialerConfig config) {
        try {
            return Sql.inTransaction(database.dataSource(), c -> {
                UserStore users = new UserStore();
                if (users.any(c)) {
                    return null;
                }
                boolean generated = config.adminPassword() == null || config.adminPassword().isBlank();
                String password = generated ? Passwords.random() : config.adminPassword();
                users.create(c, new UserStore.Draft("admin", "Administrator", password, Role.ADMIN, null, Set.of()));
                log.info("created the first administrator account 'admin'");
                return generated ? password : null;
            });
        } catch (Exception e) {
            throw new IllegalStateException("could not create the first administrator: " + e.getMessage(), e);
        }
    }

    public Campaign demoCampaign() {
        return demo == null ? null : demo.campaign();
    }

    /** The demo's accounts and their passwords of this start; empty outside the demo. */
    public List<DemoSetup.Login> demoLogins() {
        return demo == null ? List.of() : demo.logins();
    }

    public DialerEngine engine() {
        return engine;
    }

    public javax.sql.DataSource dataSource() {
        return database.dataSource();
    }

    @Override
    public void close() {
        try {
            await(monitoring.stopAll("the dialer stopped"), "listening-in stop");
        } catch (RuntimeException e) {
            log.warn("stopping the listening-in: {}", e.getMessage());
        }
        try {
            await(engine.stop(), "engine stop");
            for (HttpServer server : http) {
                await(server.close(), "HTTP server stop");
            }
        } catch (RuntimeException e) {
            log.warn("stopping: {}", e.getMessage());
        }
        pbxs.forEach(p -> p.control().close());
        pools.close();
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("Vert.x did not stop cleanly: {}", e.toString());
        }
        metrics.close();
        database.close();
    }

    /**
     * The API on {@code count} HTTP servers, deployed as verticle instances so that Vert.x shares
     * the port among them and hands connections round-robin, each on its own event loop of the pool:
     * requests are handled on every loop, not queued on one. The engine's thread is not among them
     * ({@code VertxEngineThread}). Port 0 (tests) takes a free port first: Vert.x shares no port 0.
     */
    private static List<HttpServer> listen(Vertx vertx, HttpApi api, int port, int count) {
        for (int attempt = 1; ; attempt++) {
            int on = port == 0 ? freePort() : port;
            List<HttpServer> servers = Collections.synchronizedList(new ArrayList<>());
            try {
                await(vertx.deployVerticle(() -> new io.vertx.core.AbstractVerticle() {
                    @Override
                    public void start(io.vertx.core.Promise<Void> started) {
                        vertx.createHttpServer().requestHandler(api.router()).listen(on).onSuccess(server -> {
                            servers.add(server);
                            started.complete();
                        }).onFailure(started::fail);
                    }
                }, new io.vertx.core.DeploymentOptions().setInstances(count)), "HTTP server on port " + on);
                return List.copyOf(servers);
            } catch (IllegalStateException e) {
                // a free port taken by someone else meanwhile: another one
                if (port != 0 || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("no free port for the HTTP server: " + e.getMessage(), e);
        }
    }

    private static <T> T await(io.vertx.core.Future<T> future, String what) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(what + " failed: " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
