package io.ludus.projections.readmodel;

import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.util.regex.Pattern;

/** Schema names of the read models and their Flyway migrations (one history table per schema). */
public final class ReadModelSchemas {

    public static final String PREFIX = "projections_";
    /** Operator data (report statuses): not projected, never rebuilt. */
    public static final String OPS = PREFIX + "ops";
    public static final String MIGRATIONS = "classpath:db/migration/projections/";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,30}");

    private ReadModelSchemas() {
    }

    public static String live(String projection) {
        return PREFIX + checked(projection);
    }

    /** Where a rebuild writes before it swaps. */
    public static String next(String projection) {
        return PREFIX + checked(projection) + "_next";
    }

    /** The replaced schema between the swap and its drop. */
    public static String retired(String projection) {
        return PREFIX + checked(projection) + "_retired";
    }

    public static void migrate(DataSource dataSource, String projection, String schema) {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .locations(MIGRATIONS + "common", MIGRATIONS + checked(projection))
                .load()
                .migrate();
    }

    public static void migrateOps(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(OPS)
                .defaultSchema(OPS)
                .createSchemas(true)
                .locations(MIGRATIONS + "ops")
                .load()
                .migrate();
    }

    private static String checked(String projection) {
        if (!NAME.matcher(projection).matches()) {
            throw new IllegalArgumentException("not a projection name: '" + projection + "'");
        }
        return projection;
    }
}
