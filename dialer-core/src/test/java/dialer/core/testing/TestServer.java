package dialer.core.testing;

import dialer.ami.asterisk.AmiSettings;
import dialer.ami.testing.AsteriskForTests;
import dialer.core.DialerConfig;
import dialer.core.DialerServer;
import dialer.core.db.Database;
import dialer.postgres.EmbeddedPostgres;

import java.time.Duration;
import java.util.List;

/**
 * The real server for integration tests: a throwaway PostgreSQL, the real Asterisk of
 * {@link AsteriskForTests}, and simulated agents that talk for a second or two.
 */
public final class TestServer implements AutoCloseable {

    private final DialerServer server;
    private final Api api;

    private TestServer(DialerServer server) {
        this.server = server;
        this.api = new Api(server.port());
    }

    public static TestServer start() {
        return start(new DialerServer.DemoAgentTiming(Duration.ofMillis(1500), Duration.ofMillis(2500), Duration.ofMillis(500)));
    }

    public static TestServer start(DialerServer.DemoAgentTiming agents) {
        AmiSettings ami = AsteriskForTests.ami();
        EmbeddedPostgres pg = EmbeddedPostgres.startThrowaway("dialer");
        Database db = Database.open(pg.jdbcUrl("dialer"), pg.user(), "", pg);
        DialerConfig config = new DialerConfig(0, pg.jdbcUrl("dialer"), pg.user(), "", "", 0,
                List.of(new DialerConfig.PbxAddress("local", ami.host(), ami.port(), ami.username(), ami.secret())),
                "test-" + ProcessHandle.current().pid(), false);
        return new TestServer(DialerServer.start(config, db, agents));
    }

    public Api api() {
        return api;
    }

    public DialerServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
    }
}
