package io.ludus.loadtest.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.tools.cli.Connection;
import io.ludus.tools.cli.DurationConverter;
import io.ludus.tools.cli.ExitCode;
import io.ludus.tools.cli.InvalidOptionException;
import io.ludus.tools.cli.Json;
import io.ludus.tools.cli.OutputFormat;
import io.ludus.tools.cli.Table;
import io.ludus.tools.cli.ToolException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Reads the topics (from offset 0, read_committed) and the read models, and checks: no acknowledged "
                + "ticket lost; no ticket in two matches; no match formed twice; no player matched against themselves; "
                + "no match simulated into two different results; no stat or rating counted twice; the notification log "
                + "gapless; with --swarm-report, every bot got every notification in order, once.",
                "Read models still behind the topics are re-read until --settle passes. Exit code 0 when every "
                        + "invariant holds, 9 when one is violated."})
public final class ChaosCheckCommand implements Callable<Integer> {

    static final int VIOLATED = 9;
    static final String PASSWORD_ENV = "LUDUS_CHAOS_JDBC_PASSWORD";

    @Spec
    CommandSpec spec;

    @Mixin
    Connection connection;

    @Option(names = "--jdbc-url", paramLabel = "URL", defaultValue = "jdbc:postgresql://localhost:5433/ludus",
            description = "The read models' database (default: the standalone server's, ${DEFAULT-VALUE}).")
    String jdbcUrl;

    @Option(names = "--jdbc-user", paramLabel = "USER", defaultValue = "ludus_app", description = "Database user (default: ${DEFAULT-VALUE}).")
    String jdbcUser;

    @Option(names = "--jdbc-password-file", paramLabel = "FILE", defaultValue = "data/secrets/postgres-app-password",
            description = "File holding the password (default: the standalone server's, ${DEFAULT-VALUE}); " + PASSWORD_ENV
                    + " wins over it.")
    Path jdbcPasswordFile;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", defaultValue = "", description = "Prefix of every catalogue topic name (default: none).")
    String topicPrefix;

    @Option(names = "--swarm-report", paramLabel = "FILE", description = "A `ludus swarm --output json` report: adds the bots' own delivery check.")
    Path swarmReport;

    @Option(names = "--settle", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "How long to re-check while tickets, results or read models are still on their way (default: ${DEFAULT-VALUE}).")
    Duration settle;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    /** `chaos check --output json`. */
    public record Report(boolean holds, List<Invariant> invariants) {}

    /** The report of the last run, for a caller in the same JVM. */
    Report report;

    @Override
    public Integer call() throws InterruptedException {
        InvariantChecker.Delivery delivery = swarmReport == null ? null : delivery(swarmReport);
        long deadline = System.nanoTime() + settle.toNanos();
        List<Invariant> result;
        try (SchemaRegistryClient registry = new SchemaRegistryClient(connection.registry(), connection.timeout());
             java.sql.Connection db = DriverManager.getConnection(jdbcUrl, jdbcProperties())) {
            TopicFacts topics = new TopicFacts(connection.bootstrap(), registry, topicPrefix, connection.timeout());
            while (true) {
                result = InvariantChecker.check(topics.read(), ReadModels.read(db), delivery);
                boolean settled = result.stream().allMatch(i -> i.holds() && i.behind() == 0);
                if (settled || System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(1000);
            }
        } catch (SQLException e) {
            throw new ToolException(ExitCode.UNAVAILABLE, "the read models' database (" + jdbcUrl + ") failed: " + e.getMessage(), e);
        }
        report = new Report(result.stream().allMatch(Invariant::holds), result);
        PrintWriter out = spec.commandLine().getOut();
        if (output == OutputFormat.json) {
            Json.print(out, report);
        } else {
            Table t = new Table("invariant", "checked", "violations", "behind", "verdict");
            for (Invariant i : result) {
                t.row(i.name(), i.checked(), i.violations(), i.behind(), i.holds() ? "holds" : "VIOLATED");
            }
            t.print(out);
            result.stream().filter(i -> !i.holds()).forEach(i -> i.examples().forEach(e -> out.println("  " + i.name() + ": " + e)));
            out.flush();
        }
        return report.holds() ? ExitCode.OK.code() : VIOLATED;
    }

    private Properties jdbcProperties() {
        Properties p = new Properties();
        p.put("user", jdbcUser);
        String password = System.getenv(PASSWORD_ENV);
        if (password == null && Files.isReadable(jdbcPasswordFile)) {
            try {
                password = Files.readString(jdbcPasswordFile).strip();
            } catch (IOException e) {
                throw new InvalidOptionException("--jdbc-password-file", "cannot read " + jdbcPasswordFile + ": " + e.getMessage());
            }
        }
        if (password != null) {
            p.put("password", password);
        }
        p.put("connectTimeout", Long.toString(Math.max(1, connection.timeout().toSeconds())));
        return p;
    }

    private static InvariantChecker.Delivery delivery(Path file) {
        try {
            JsonNode json = new ObjectMapper().readTree(file.toFile());
            if (!json.has("missedNotifications")) {
                throw new InvalidOptionException("--swarm-report", file + " is not a `ludus swarm --output json` report");
            }
            return new InvariantChecker.Delivery(json.path("notifications").asLong(), json.path("missedNotifications").asLong(),
                    json.path("duplicatedNotifications").asLong(), json.path("outOfOrderNotifications").asLong(),
                    json.path("resyncSkippedNotifications").asLong());
        } catch (IOException e) {
            throw new InvalidOptionException("--swarm-report", "cannot read " + file + ": " + e.getMessage());
        }
    }
}
