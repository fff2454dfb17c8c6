package dialer.compliance;

import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/**
 * The guard's schema ({@code compliance}) and its migrations ({@code classpath:db/compliance}),
 * tracked in its own Flyway history table {@code compliance.compliance_schema_history}: the server's
 * own Flyway history is separate and never sees these. Safe to call from several nodes at once
 * (Flyway serialises migrations with a PostgreSQL lock).
 */
public final class ComplianceSchema {

    public static final String SCHEMA = "compliance";
    public static final String HISTORY_TABLE = "compliance_schema_history";
    public static final String LOCATION = "classpath:db/compliance";

    private ComplianceSchema() {
    }

    /** Creates or upgrades the schema; returns how many migrations ran. Never cleans. */
    public static int migrate(DataSource dataSource) {
        if (dataSource == null) {
            throw new IllegalArgumentException("a DataSource is required to migrate the compliance schema");
        }
        return Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .createSchemas(true)
                .table(HISTORY_TABLE)
                .locations(LOCATION)
                .cleanDisabled(true)
                .load()
                .migrate()
                .migrationsExecuted;
    }
}
