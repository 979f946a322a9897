package io.ludus.security;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * Rotates the access-token signing keyring of a distributed deployment, where no standalone data directory holds it:
 * {@code RotateSigningKey --keyring-file FILE [--activate-in 2m] [--retire-after 1d]}. Every service image carries it
 * (it is in ludus-security), so compose runs it inside a service container on the shared keys volume and Kubernetes
 * operators run it on a copy of the keyring Secret (docs/deploy.md).
 * <p>
 * The new key verifies at once wherever the file has arrived and signs only after {@code --activate-in}: make that
 * longer than the file takes to reach every process (a second on a shared volume, a kubelet sync for a mounted
 * Secret), so no node is handed a token signed with a key it does not know yet. Keys replaced more than
 * {@code --retire-after} ago are dropped (keep that above the access-token lifetime). The first rotation starts the
 * ring from the secret every service verifies with today ({@value #SECRET_ENV}), so tokens already out stay valid.
 * Exit codes: 0 rotated, 2 bad arguments or a missing secret, 1 the file could not be read or written.
 */
public final class RotateSigningKey {

    static final String SECRET_ENV = "LUDUS_JWT_SECRET";
    static final String MICRONAUT_SECRET_ENV = "MICRONAUT_SECURITY_TOKEN_JWT_SIGNATURES_SECRET_GENERATOR_SECRET";
    static final Duration DEFAULT_ACTIVATE_IN = Duration.ofMinutes(2);
    static final Duration DEFAULT_RETIRE_AFTER = Duration.ofDays(1);
    private static final String USAGE = "usage: RotateSigningKey --keyring-file FILE [--activate-in 2m] [--retire-after 1d]";

    private RotateSigningKey() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), Instant.now(), System.out, System.err));
    }

    public static int run(String[] args, Map<String, String> env, Instant now, PrintStream out, PrintStream err) {
        Path file = null;
        Duration activateIn = DEFAULT_ACTIVATE_IN;
        Duration retireAfter = DEFAULT_RETIRE_AFTER;
        try {
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--keyring-file" -> file = Path.of(required(args[i], value));
                    case "--activate-in" -> activateIn = duration(args[i], required(args[i], value));
                    case "--retire-after" -> retireAfter = duration(args[i], required(args[i], value));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
            if (file == null) {
                throw new IllegalArgumentException("--keyring-file is required");
            }
        } catch (IllegalArgumentException e) {
            err.println("rotate-signing-key: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        String secret = env.getOrDefault(SECRET_ENV, env.get(MICRONAUT_SECRET_ENV));
        if (!Files.exists(file) && (secret == null || secret.isBlank())) {
            err.println("rotate-signing-key: " + file + " does not exist yet, so the ring starts from the secret the services"
                    + " verify with today; set " + SECRET_ENV + " (or " + MICRONAUT_SECRET_ENV + ") to it, or every token"
                    + " already issued would be refused.");
            return 2;
        }
        try {
            String kid = SigningKeys.rotate(file, secret, now, activateIn, retireAfter);
            out.println("New signing key " + kid + " in " + file + ": it verifies now and signs from "
                    + now.plus(activateIn).truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "; tokens signed with the previous key stay valid until they expire.");
            return 0;
        } catch (IOException e) {
            err.println("rotate-signing-key: " + e.getMessage());
            return 1;
        }
    }

    private static String required(String option, String value) {
        if (value == null || value.startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    /** {@code 90s}, {@code 2m}, {@code 1h}, {@code 1d} or an ISO-8601 duration. */
    static Duration duration(String option, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (t.startsWith("p")) {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } else {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                d = switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    case 'd' -> Duration.ofDays(n);
                    default -> throw new IllegalArgumentException();
                };
            }
            if (d.isNegative()) {
                throw new IllegalArgumentException();
            }
            return d;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(option + " must be a duration such as 90s, 2m, 1h or 1d, was '" + text + "'");
        }
    }
}
