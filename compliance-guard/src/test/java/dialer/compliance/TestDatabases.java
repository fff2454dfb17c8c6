package dialer.compliance;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dialer.postgres.EmbeddedPostgres;

import java.sql.Connection;
import java.sql.Statement;

/** One embedded PostgreSQL per test JVM, a fresh migrated database per test class. */
public final class TestDatabases {

    private static EmbeddedPostgres server;

    private TestDatabases() {
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            EmbeddedPostgres pg = EmbeddedPostgres.startThrowaway("postgres");
            Runtime.getRuntime().addShutdownHook(new Thread(pg::close, "embedded-postgres-stop"));
            server = pg;
        }
        return server;
    }

    /** Drops and creates {@code name}, returns a pool on it. The schema is not migrated. */
    public static HikariDataSource empty(String name, int poolSize) {
        EmbeddedPostgres pg = server();
        try (Connection c = pg.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
            s.execute("create database " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return pool(pg.jdbcUrl(name), pg.user(), poolSize);
    }

    /** A fresh database with the compliance schema migrated. */
    public static HikariDataSource migrated(String name, int poolSize) {
        HikariDataSource ds = empty(name, poolSize);
        ComplianceSchema.migrate(ds);
        return ds;
    }

    public static HikariDataSource pool(String jdbcUrl, String user, int poolSize) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(jdbcUrl);
        cfg.setUsername(user);
        cfg.setMaximumPoolSize(poolSize);
        cfg.setMinimumIdle(Math.min(poolSize, 2));
        cfg.setPoolName("compliance-test");
        return new HikariDataSource(cfg);
    }
}
