package io.ludus.projections.rebuild;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.projections.readmodel.Projection;
import io.ludus.projections.readmodel.Projector;
import io.ludus.projections.readmodel.ReadModelCatalogue;
import io.ludus.projections.readmodel.ratings.Season;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ludus projections rebuild NAME}: replays one read model from offset 0 into a fresh schema and swaps it in,
 * while the running service keeps serving. Reads the same settings as the service (flags or their environment
 * variables); seasons must match the service's, or the rebuilt season boards differ.
 */
@Command(name = "rebuild", mixinStandardHelpOptions = true,
        description = "Rebuild one read model from offset 0 and swap it in without downtime. NAME: players, stats, ratings, history, social, reports.")
public final class RebuildCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "the read model to rebuild")
    String name;

    @Option(names = "--bootstrap-servers", defaultValue = "${env:LUDUS_KAFKA_BOOTSTRAP_SERVERS}",
            description = "Kafka bootstrap servers (env LUDUS_KAFKA_BOOTSTRAP_SERVERS; required)")
    String bootstrapServers;

    @Option(names = "--registry-url", defaultValue = "${env:LUDUS_REGISTRY_URL}",
            description = "schema registry URL (env LUDUS_REGISTRY_URL; required)")
    String registryUrl;

    @Option(names = "--jdbc-url", defaultValue = "${env:DATASOURCES_PROJECTIONS_URL}",
            description = "PostgreSQL JDBC URL of the read models (env DATASOURCES_PROJECTIONS_URL; required)")
    String jdbcUrl;

    @Option(names = "--jdbc-user", defaultValue = "${env:DATASOURCES_PROJECTIONS_USERNAME}",
            description = "database user (env DATASOURCES_PROJECTIONS_USERNAME; default: the driver's)")
    String jdbcUser;

    @Option(names = "--jdbc-password", defaultValue = "${env:DATASOURCES_PROJECTIONS_PASSWORD}",
            description = "database password (env DATASOURCES_PROJECTIONS_PASSWORD; default none)")
    String jdbcPassword;

    @Option(names = "--topic-prefix", defaultValue = "${env:LUDUS_PROJECTIONS_TOPIC_PREFIX}",
            description = "topic name prefix (env LUDUS_PROJECTIONS_TOPIC_PREFIX; default none)")
    String topicPrefix;

    @Option(names = "--seasons", defaultValue = "${env:LUDUS_PROJECTIONS_SEASONS}",
            description = "comma-separated ID=START/END seasons, as ludus.projections.seasons (env LUDUS_PROJECTIONS_SEASONS; default none)")
    String seasons;

    @Option(names = "--max-batch-records", defaultValue = "2000", description = "records per transaction (default 2000)")
    int maxBatchRecords;

    @Override
    public Integer call() throws Exception {
        List<Season> parsedSeasons = Season.parseAll(seasons == null || seasons.isBlank() ? List.of()
                : Arrays.stream(seasons.split(",")).map(String::trim).toList(), "--seasons");
        Projection projection = ReadModelCatalogue.named(name, parsedSeasons).orElseThrow(() -> new RebuildException(
                RebuildException.Code.UNKNOWN_PROJECTION, "unknown read model '" + name + "'; one of " + ReadModelCatalogue.names()));
        require(bootstrapServers, "--bootstrap-servers / LUDUS_KAFKA_BOOTSTRAP_SERVERS");
        require(registryUrl, "--registry-url / LUDUS_REGISTRY_URL");
        require(jdbcUrl, "--jdbc-url / DATASOURCES_PROJECTIONS_URL");
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(jdbcUrl);
        hikari.setUsername(jdbcUser);
        hikari.setPassword(jdbcPassword);
        hikari.setMaximumPoolSize(4);
        hikari.setPoolName("projections-rebuild");
        try (HikariDataSource dataSource = new HikariDataSource(hikari);
             SchemaRegistryClient registry = new SchemaRegistryClient(URI.create(registryUrl))) {
            Rebuilder.Result result = new Rebuilder(dataSource, bootstrapServers, topicPrefix == null ? "" : topicPrefix, registry,
                    new Projector.Options(maxBatchRecords, Projector.Options.DEFAULTS.pollTimeout(), Projector.Options.DEFAULTS.retryBackoff()))
                    .rebuild(projection, new ProgressPrinter(System.out, java.time.Duration.ofSeconds(2)));
            System.out.printf("rebuilt %s up to offset sum %d in %.1f s%n", result.projection(), result.events(),
                    result.took().toMillis() / 1000.0);
            return 0;
        }
    }

    private static void require(String value, String names) {
        if (value == null || value.isBlank()) {
            throw new RebuildException(RebuildException.Code.BAD_CONFIGURATION, names + " must be set");
        }
    }

    /** Exit codes: 0 done, 2 bad usage or configuration, 1 failure. */
    public static int run(String... args) {
        return new CommandLine(new RebuildCommand())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("ludus projections rebuild: " + e.getMessage());
                    return e instanceof RebuildException r && r.code() != RebuildException.Code.ALREADY_RUNNING
                            || e instanceof IllegalArgumentException ? 2 : 1;
                })
                .execute(args);
    }
}
