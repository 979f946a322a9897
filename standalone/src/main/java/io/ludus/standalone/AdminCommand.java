package io.ludus.standalone;

import io.ludus.ingress.auth.PasswordReset;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.projections.readmodel.Projection;
import io.ludus.projections.readmodel.Projector;
import io.ludus.projections.readmodel.ReadModelCatalogue;
import io.ludus.projections.rebuild.ProgressPrinter;
import io.ludus.projections.rebuild.RebuildException;
import io.ludus.projections.rebuild.Rebuilder;
import io.ludus.security.SigningKeys;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./ludus admin ...}: operator commands against a standalone server's data directory.
 * <ul>
 *   <li>{@code reset-password NAME}: a new random password for a password account (printed once) and
 *       its sessions ended. Needs the server running (it talks to its PostgreSQL).</li>
 *   <li>{@code rotate-signing-key}: a new access-token signing key; the old one keeps verifying for a
 *       day, far beyond the 15-minute token lifetime. The running server picks it up within a second. With
 *       {@code --keyring-file FILE [--activate-in 2m]}: a distributed deployment's keyring instead
 *       ({@link io.ludus.security.RotateSigningKey}, docs/deploy.md).</li>
 *   <li>{@code projections rebuild NAME} (launcher: {@code ./ludus projections rebuild NAME}): rebuilds a read model
 *       of the running server from offset 0 without downtime.</li>
 * </ul>
 * The remaining options are the server's own ({@code --data-dir}, {@code --postgres-port}, {@code --config}).
 */
public final class AdminCommand {

    static final String KEYRING = "jwt-keyring";
    static final Duration RETIRE_AFTER = Duration.ofDays(1);

    private AdminCommand() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        try {
            switch (args[0]) {
                case "reset-password" -> {
                    if (args.length < 2 || args[1].startsWith("--")) {
                        usage();
                        System.exit(2);
                    }
                    StandaloneConfig config = StandaloneConfig.parse(Arrays.copyOfRange(args, 2, args.length), System.getenv());
                    Optional<String> password = resetPassword(config, args[1]);
                    if (password.isEmpty()) {
                        System.err.println("ludus admin: no password account named '" + args[1] + "'");
                        System.exit(1);
                    }
                    System.out.println("New password for " + args[1] + ": " + password.get());
                    System.out.println("Their sessions are ended; give them the password and ask them to log in again.");
                }
                case "rotate-signing-key" -> {
                    if (Arrays.asList(args).contains("--keyring-file")) {
                        // a distributed deployment's keyring (compose volume, Kubernetes Secret): no data directory
                        System.exit(io.ludus.security.RotateSigningKey.run(Arrays.copyOfRange(args, 1, args.length),
                                System.getenv(), java.time.Instant.now(), System.out, System.err));
                    }
                    StandaloneConfig config = StandaloneConfig.parse(Arrays.copyOfRange(args, 1, args.length), System.getenv());
                    String kid = rotateSigningKey(config.dataDir());
                    System.out.println("New signing key " + kid + " is active; tokens signed with the previous key stay valid until they expire.");
                }
                case "projections" -> {
                    if (args.length < 3 || !args[1].equals("rebuild") || args[2].startsWith("--")) {
                        usage();
                        System.exit(2);
                    }
                    StandaloneConfig config = StandaloneConfig.parse(Arrays.copyOfRange(args, 3, args.length), System.getenv());
                    System.exit(rebuildProjection(config, args[2]));
                }
                default -> {
                    usage();
                    System.exit(2);
                }
            }
        } catch (StandaloneConfig.HelpRequested help) {
            usage();
        } catch (InvalidConfigurationException e) {
            System.err.println("ludus admin: " + e.getMessage());
            System.exit(2);
        } catch (SQLException e) {
            System.err.println("ludus admin: cannot reach the server's PostgreSQL (is `./ludus start` running?): " + e.getMessage());
            System.exit(1);
        } catch (IOException e) {
            System.err.println("ludus admin: " + e.getMessage());
            System.exit(1);
        }
    }

    static Optional<String> resetPassword(StandaloneConfig config, String name) throws SQLException {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL("jdbc:postgresql://localhost:" + config.postgresPort() + "/" + LudusServer.DATABASE);
        // the services' own role and password, generated by the server under <data-dir>/secrets/
        dataSource.setUser(LudusServer.APP_ROLE);
        dataSource.setPassword(Secrets.secret(config.dataDir().resolve("secrets"), "postgres-app-password"));
        return PasswordReset.reset(dataSource, name);
    }

    static String rotateSigningKey(Path dataDir) throws IOException {
        Path secrets = dataDir.resolve("secrets");
        return SigningKeys.rotate(secrets.resolve(KEYRING), Secrets.secret(secrets, "jwt-secret"), Instant.now(), Duration.ZERO, RETIRE_AFTER);
    }

    /**
     * Rebuilds one read model of the running server from offset 0 and swaps it in (the projections' Rebuilder),
     * printing progress. The server's record in the data directory names its Kafka, registry and PostgreSQL.
     */
    static int rebuildProjection(StandaloneConfig config, String name) throws SQLException {
        Optional<ServerRecord> record = DataDirectory.readRecord(config.dataDir());
        if (record.isEmpty() || !record.get().isReady() || !ProcessHandle.of(record.get().pid()).map(ProcessHandle::isAlive).orElse(false)) {
            System.err.println("ludus projections: no running server on " + config.dataDir() + "; start it with ./ludus start"
                    + " (or pass the --data-dir it runs on)");
            return 1;
        }
        Optional<Projection> projection = ReadModelCatalogue.named(name, List.of());
        if (projection.isEmpty()) {
            System.err.println("ludus projections: unknown read model '" + name + "'; one of " + ReadModelCatalogue.names());
            return 2;
        }
        ServerRecord server = record.get();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(server.url("PostgreSQL").orElseThrow());
        dataSource.setUser(LudusServer.APP_ROLE);
        dataSource.setPassword(Secrets.secret(config.dataDir().resolve("secrets"), "postgres-app-password"));
        try (SchemaRegistryClient registry = new SchemaRegistryClient(URI.create(server.url("registry").orElseThrow()))) {
            Rebuilder.Result result = new Rebuilder(dataSource, server.url("Kafka").orElseThrow(), "", registry, Projector.Options.DEFAULTS)
                    .rebuild(projection.get(), new ProgressPrinter(System.out, Duration.ofSeconds(2)));
            System.out.printf("Rebuilt %s from offset 0 (%,d records) in %.1f s and swapped it in; queries answered throughout.%n",
                    result.projection(), result.events(), result.took().toMillis() / 1000.0);
            return 0;
        } catch (RebuildException e) {
            System.err.println("ludus projections: " + e.getMessage());
            return e.code() == RebuildException.Code.ALREADY_RUNNING ? 1 : 2;
        }
    }

    private static void usage() {
        System.err.println("""
                usage: ./ludus admin reset-password NAME [--data-dir DIR] [--postgres-port N]
                       ./ludus admin rotate-signing-key [--data-dir DIR]
                       ./ludus admin rotate-signing-key --keyring-file FILE [--activate-in 2m] [--retire-after 1d]
                           a distributed deployment's keyring (docs/deploy.md); the first rotation needs LUDUS_JWT_SECRET
                       ./ludus projections rebuild NAME [--data-dir DIR]   NAME: """ + String.join(", ", ReadModelCatalogue.names()) + """
                           replays one read model from offset 0 and swaps it in while the server keeps answering""");
    }
}
