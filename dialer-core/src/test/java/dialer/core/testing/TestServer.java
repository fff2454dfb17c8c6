package dialer.core.testing;

import dialer.ami.asterisk.AmiSettings;
import dialer.ami.testing.AsteriskForTests;
import dialer.core.DialerConfig;
import dialer.core.DialerServer;
import dialer.core.db.Database;
import dialer.core.demo.SimulatedCallees;
import dialer.core.engine.CallVariables;
import dialer.postgres.EmbeddedPostgres;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * The real server for integration tests: a throwaway PostgreSQL, the real Asterisk of
 * {@link AsteriskForTests}, and simulated agents that talk for a second or two.
 */
public final class TestServer implements AutoCloseable {

    /** The first administrator's password on test servers. */
    public static final String ADMIN_PASSWORD = "test-admin-password";

    private final DialerServer server;
    private final Api api;
    private final Clock clock;
    private final EmbeddedPostgres postgres;

    private TestServer(DialerServer server, Clock clock, EmbeddedPostgres postgres) {
        this.server = server;
        this.postgres = postgres;
        this.api = new Api(server.port()).login("admin", ADMIN_PASSWORD);
        this.clock = clock;
    }

    /** The clock the server runs on. */
    public Clock clock() {
        return clock;
    }

    /** Simulated agents talk 1.5-2.5 s; the server believes it is 14:00 in New York. */
    public static TestServer start() {
        return start(AsteriskForTests.ami());
    }

    /** The same, reaching Asterisk's AMI at {@code ami} (a proxy in front of the test Asterisk, say). */
    public static TestServer start(AmiSettings ami) {
        return start(new DialerServer.DemoAgentTiming(Duration.ofMillis(1500), Duration.ofMillis(2500), Duration.ofMillis(500)),
                clockAt(ZoneId.of("America/New_York"), LocalTime.of(14, 0)), ami);
    }

    /**
     * A clock that ticks with real time but reads {@code time} in {@code zone} now: calling hours
     * then do not depend on when the test runs.
     */
    public static Clock clockAt(ZoneId zone, LocalTime time) {
        ZonedDateTime now = ZonedDateTime.now(zone);
        return Clock.offset(Clock.systemUTC(), Duration.between(now, now.with(time)));
    }

    public static TestServer start(DialerServer.DemoAgentTiming agents, Clock clock) {
        return start(agents, clock, AsteriskForTests.ami());
    }

    /** The same, reaching Asterisk's AMI at {@code ami} (a proxy in front of the test Asterisk, say). */
    public static TestServer start(DialerServer.DemoAgentTiming agents, Clock clock, AmiSettings ami) {
        return start(agents, clock, ami, new SimulatedCallees());
    }

    /**
     * A server whose callees behave as {@code callees} says (not by their numbers) and whose
     * simulated agents are played by the test itself when {@code agents} is null.
     */
    public static TestServer start(DialerServer.DemoAgentTiming agents, Clock clock, CallVariables callees) {
        return start(agents, clock, AsteriskForTests.ami(), callees);
    }

    private static TestServer start(DialerServer.DemoAgentTiming agents, Clock clock, AmiSettings ami, CallVariables callees) {
        AsteriskForTests.ami();
        EmbeddedPostgres pg = MigratedPostgres.startThrowaway();
        Database db = Database.open(pg.jdbcUrl("dialer"), pg.user(), "", pg);
        DialerConfig config = new DialerConfig(0, pg.jdbcUrl("dialer"), pg.user(), "", "", 0,
                List.of(new DialerConfig.PbxAddress("local", ami.host(), ami.port(), ami.username(), ami.secret())),
                "test-" + ProcessHandle.current().pid(), false, false, ADMIN_PASSWORD).withRecordingsDir(recordingsDir());
        return new TestServer(DialerServer.start(config, db, agents, clock, callees), clock, pg);
    }

    /**
     * Where the test Asterisk's MixMonitor writes, seen from here: its chroot's monitor directory
     * (docker/asterisk/local-asterisk.sh; DIALER_ASTERISK_HOME, default ~/.cache/collections-dialer/asterisk).
     */
    public static java.nio.file.Path recordingsDir() {
        String home = System.getenv("DIALER_ASTERISK_HOME");
        java.nio.file.Path base = home == null || home.isBlank()
                ? java.nio.file.Path.of(System.getProperty("user.home"), ".cache", "collections-dialer", "asterisk")
                : java.nio.file.Path.of(home);
        return base.resolve("root/var/spool/asterisk/monitor");
    }

    /** Signed in as the administrator. */
    public Api api() {
        return api;
    }

    /** Creates an account and signs it in. */
    public Api user(String username, String role, Long agentId, java.util.List<Long> campaigns) {
        io.vertx.core.json.JsonObject body = new io.vertx.core.json.JsonObject().put("username", username)
                .put("displayName", username).put("password", username + "-password").put("role", role)
                .put("agentId", agentId).put("campaigns", new io.vertx.core.json.JsonArray(campaigns));
        api.expect(201, "/api/users", body);
        return api.anonymous().login(username, username + "-password");
    }

    /** The server's own throwaway PostgreSQL (closed with the server). */
    public EmbeddedPostgres postgres() {
        return postgres;
    }

    public DialerServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
    }
}
