package dialer.core.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dialer.compliance.ComplianceSchema;
import dialer.core.DialerConfig;
import dialer.postgres.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.file.Path;

/**
 * The dialer's PostgreSQL: a real server when a JDBC URL is configured, otherwise the embedded
 * one with its data in a directory that survives restarts. Both schemas (the server's, and the
 * compliance guard's own) are migrated at open.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final String EMBEDDED_DATABASE = "dialer";

    /**
     * Connections kept for the engine's own writes (attempts, reservations, claims), apart from the
     * pool that API requests, imports and reports share: a busy API never makes a call's write wait.
     */
    public static final int ENGINE_CONNECTIONS = 4;

    private final HikariDataSource dataSource;
    private final HikariDataSource engineDataSource;
    private final EmbeddedPostgres embedded;

    private Database(HikariDataSource dataSource, HikariDataSource engineDataSource, EmbeddedPostgres embedded) {
        this.dataSource = dataSource;
        this.engineDataSource = engineDataSource;
        this.embedded = embedded;
    }

    public static Database open(DialerConfig config) {
        EmbeddedPostgres embedded = null;
        String url = config.jdbcUrl();
        String user = config.dbUser();
        String password = config.dbPassword();
        if (config.embeddedDatabase()) {
            Path dir = config.embeddedDataDir().isBlank() ? EmbeddedPostgres.defaultDataDir() : Path.of(config.embeddedDataDir());
            embedded = EmbeddedPostgres.start(dir, config.embeddedPort(), EMBEDDED_DATABASE);
            url = embedded.jdbcUrl(EMBEDDED_DATABASE);
            user = embedded.user();
            password = "";
        }
        return open(url, user, password, embedded);
    }

    /** A database on an existing server, e.g. a throwaway embedded one in tests. */
    public static Database open(String url, String user, String password, EmbeddedPostgres owned) {
        HikariDataSource ds = pool(url, user, password, "dialer-db", 16);
        HikariDataSource engine = null;
        try {
            migrate(ds);
            engine = pool(url, user, password, "dialer-engine-db", ENGINE_CONNECTIONS);
        } catch (RuntimeException e) {
            ds.close();
            if (owned != null) {
                owned.close();
            }
            throw e;
        }
        log.info("database ready at {}", url.replaceAll("password=[^&]*", "password=***"));
        return new Database(ds, engine, owned);
    }

    private static HikariDataSource pool(String url, String user, String password, String name, int size) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(url);
        hikari.setUsername(user);
        hikari.setPassword(password);
        hikari.setMaximumPoolSize(size);
        hikari.setPoolName(name);
        hikari.setInitializationFailTimeout(30_000);
        // a server that is down shows as a failed write within seconds, not half a minute: the engine then
        // stops placing calls it could not record (and a request fails fast instead of hanging)
        hikari.setConnectionTimeout(5_000);
        return new HikariDataSource(hikari);
    }

    private static void migrate(DataSource ds) {
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .schemas("public")
                .load()
                .migrate();
        ComplianceSchema.migrate(ds);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The engine's own connections ({@link #ENGINE_CONNECTIONS}), the same database. */
    public DataSource engineDataSource() {
        return engineDataSource;
    }

    @Override
    public void close() {
        engineDataSource.close();
        dataSource.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
