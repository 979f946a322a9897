package io.ludus.standalone;

import io.ludus.ingress.auth.PasswordReset;
import io.ludus.ingress.auth.SigningKeys;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code ./ludus admin ...}: operator commands against a standalone server's data directory.
 * <ul>
 *   <li>{@code reset-password NAME}: a new random password for a password account (printed once) and
 *       its sessions ended. Needs the server running (it talks to its PostgreSQL).</li>
 *   <li>{@code rotate-signing-key}: a new access-token signing key; the old one keeps verifying for a
 *       day, far beyond the 15-minute token lifetime. The running server picks it up within a second.</li>
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
                    StandaloneConfig config = StandaloneConfig.parse(Arrays.copyOfRange(args, 1, args.length), System.getenv());
                    String kid = rotateSigningKey(config.dataDir());
                    System.out.println("New signing key " + kid + " is active; tokens signed with the previous key stay valid until they expire.");
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
        dataSource.setUser(io.ludus.embedded.EmbeddedPostgres.USER);
        return PasswordReset.reset(dataSource, name);
    }

    static String rotateSigningKey(Path dataDir) throws IOException {
        Path secrets = dataDir.resolve("secrets");
        return SigningKeys.rotate(secrets.resolve(KEYRING), Secrets.secret(secrets, "jwt-secret"), Instant.now(), Duration.ZERO, RETIRE_AFTER);
    }

    private static void usage() {
        System.err.println("""
                usage: ./ludus admin reset-password NAME [--data-dir DIR] [--postgres-port N]
                       ./ludus admin rotate-signing-key [--data-dir DIR]""");
    }
}
