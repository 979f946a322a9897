package io.ludus.tools.events;

import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.projections.readmodel.Projection;
import io.ludus.projections.readmodel.Projector;
import io.ludus.projections.readmodel.ReadModelCatalogue;
import io.ludus.projections.readmodel.ratings.Season;
import io.ludus.projections.rebuild.RebuildException;
import io.ludus.projections.rebuild.Rebuilder;
import io.ludus.tools.cli.Connection;
import io.ludus.tools.cli.ExitCode;
import io.ludus.tools.cli.InvalidOptionException;
import io.ludus.tools.cli.ToolException;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

@Command(name = "at", mixinStandardHelpOptions = true,
        description = {"Rebuilds a read model as it stood at a time into a scratch schema, for SQL over the past.",
                "Replays every committed event up to --time (the projections' own rebuild, bounded in time); the live read model is not touched."})
final class AtCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    Connection connection;

    @Option(names = "--time", required = true, paramLabel = "TIME", converter = TimeConverter.class,
            description = "The moment to rebuild: events with a timestamp at or before it count (ISO-8601; no zone means UTC).")
    Instant time;

    @Option(names = "--projection", required = true, paramLabel = "NAME",
            description = "The read model: players, stats, ratings, history, social, reports.")
    String projection;

    @Option(names = "--schema", required = true, paramLabel = "SCHEMA",
            description = "The scratch schema to write, e.g. at_dec1 (lowercase; refused if it exists, unless --replace).")
    String schema;

    @Option(names = "--replace", description = "Drop the scratch schema first if it exists.")
    boolean replace;

    @Option(names = "--jdbc-url", paramLabel = "URL", defaultValue = "jdbc:postgresql://127.0.0.1:5433/ludus",
            description = "The read models' database (default: ${DEFAULT-VALUE}, the standalone server's).")
    String jdbcUrl;

    @Option(names = "--jdbc-user", paramLabel = "USER", defaultValue = "ludus_app", description = "Database user (default: ${DEFAULT-VALUE}).")
    String jdbcUser;

    @Option(names = "--jdbc-password-file", paramLabel = "FILE", defaultValue = "./data/secrets/postgres-app-password",
            description = "File holding the database password (default: ${DEFAULT-VALUE}, the standalone server's).")
    Path jdbcPasswordFile;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", defaultValue = "", description = "Topic name prefix, as the projections service's (default none).")
    String topicPrefix;

    @Option(names = "--seasons", paramLabel = "ID=START/END[,...]", description = "Seasons, as ludus.projections.seasons (ratings boards only).")
    String seasons;

    @Override
    public void run() {
        List<Season> parsedSeasons;
        try {
            parsedSeasons = Season.parseAll(seasons == null || seasons.isBlank() ? List.of()
                    : Arrays.stream(seasons.split(",")).map(String::trim).toList(), "--seasons");
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException("--seasons", e.getMessage());
        }
        Projection readModel = ReadModelCatalogue.named(projection, parsedSeasons).orElseThrow(() -> new InvalidOptionException(
                "--projection", "unknown read model '" + projection + "'; one of " + ReadModelCatalogue.names()));
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl);
        dataSource.setUser(jdbcUser);
        dataSource.setPassword(password());
        try (SchemaRegistryClient registry = connection.registryClient()) {
            Rebuilder.Result result = new Rebuilder(dataSource, connection.bootstrap(), topicPrefix, registry, Projector.Options.DEFAULTS)
                    .rebuildAsOf(readModel, time, schema, replace);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("rebuilt %s as of %s into schema %s: %d events in %.1f s%n", result.projection(), time, schema,
                    result.events(), result.took().toMillis() / 1000.0);
            out.flush();
        } catch (RebuildException e) {
            throw switch (e.code()) {
                case SCHEMA_EXISTS -> new ToolException(ExitCode.REFUSED, e.getMessage() + " (--replace drops it)", e);
                default -> new InvalidOptionException("--schema", e.getMessage());
            };
        } catch (SQLException e) {
            throw new ToolException(ExitCode.UNAVAILABLE, "the database at " + jdbcUrl + " failed: " + e.getMessage(), e);
        }
    }

    private String password() {
        try {
            return Files.exists(jdbcPasswordFile) ? Files.readString(jdbcPasswordFile).strip() : null;
        } catch (IOException e) {
            throw new InvalidOptionException("--jdbc-password-file", "cannot read " + jdbcPasswordFile + ": " + e.getMessage());
        }
    }
}
