package io.ludus.security;

import io.ludus.service.InvalidSettingException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The HS256 keys access tokens are signed with. The newest key whose activation time has passed
 * signs (ingress, at login); every key in the ring verifies, in every process that checks tokens
 * (tokens name theirs in {@code kid}). The ring is a file ({@code ludus.tokens.keyring-file}) that
 * {@link #rotate} rewrites and every process re-reads when it changes; until it exists, the
 * configured JWT secret is the only key.
 */
@Singleton
@Requires(property = JwtKeyCheck.ENABLED, notEquals = "false")
public class SigningKeys {

    private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);
    static final String KEYRING_FILE = "ludus.tokens.keyring-file";
    /** How often a process looks at the keyring file for changes. */
    public static final Duration RELOAD_INTERVAL = Duration.ofSeconds(1);

    private final Path keyringFile;
    private final List<SigningKey> fallback;
    private volatile Loaded loaded;
    private volatile long nextCheckNanos;

    SigningKeys(TokenSettings settings, @Value("${" + JwtKeyCheck.SECRET + ":}") String secret) {
        this.keyringFile = settings.keyringFile() == null ? null : Path.of(settings.keyringFile());
        this.fallback = List.of(new SigningKey(kidOf(secret), secret.getBytes(StandardCharsets.UTF_8), Instant.EPOCH));
        this.loaded = new Loaded(null, fallback);
        try {
            reload();
        } catch (IOException e) {
            throw new InvalidSettingException(KEYRING_FILE, "cannot be read: " + e.getMessage());
        }
    }

    /** The key new tokens are signed with. */
    public SigningKey signing(Instant now) {
        SigningKey best = null;
        for (SigningKey key : keys()) {
            if (!key.activatesAt().isAfter(now) && (best == null || key.activatesAt().isAfter(best.activatesAt()))) {
                best = key;
            }
        }
        if (best == null) {
            throw new IllegalStateException("no signing key is active yet in " + keyringFile);
        }
        return best;
    }

    public Optional<SigningKey> verifying(String kid) {
        for (SigningKey key : keys()) {
            if (key.kid().equals(kid)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    private List<SigningKey> keys() {
        if (keyringFile != null && System.nanoTime() - nextCheckNanos >= 0) {
            try {
                reload();
            } catch (IOException e) {
                // Keep the keys we have: a damaged file must not log everyone out.
                LOG.error("cannot read the signing keyring {}; keeping the keys loaded before: {}", keyringFile, e.getMessage());
            }
        }
        return loaded.keys();
    }

    private synchronized void reload() throws IOException {
        nextCheckNanos = System.nanoTime() + RELOAD_INTERVAL.toNanos();
        if (keyringFile == null) {
            return;
        }
        try {
            FileTime modified = Files.getLastModifiedTime(keyringFile);
            if (!modified.equals(loaded.modified())) {
                loaded = new Loaded(modified, read(keyringFile));
            }
        } catch (NoSuchFileException e) {
            loaded = new Loaded(null, fallback);
        }
    }

    /** The key id of a secret: a hash prefix, so the id reveals nothing of the key. */
    public static String kidOf(String secret) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return "k" + HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Adds a new key that starts signing at {@code now + activateIn} and drops keys replaced more
     * than {@code retireAfter} ago (make that longer than the access token lifetime, so every token
     * they signed has expired). Returns the new key's id.
     */
    public static String rotate(Path keyringFile, String currentSecret, Instant now, Duration activateIn, Duration retireAfter)
            throws IOException {
        List<SigningKey> keys = new ArrayList<>(Files.exists(keyringFile) ? read(keyringFile)
                : List.of(new SigningKey(kidOf(currentSecret), currentSecret.getBytes(StandardCharsets.UTF_8), Instant.EPOCH)));
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        SigningKey added = new SigningKey(kidOf(secret), secret.getBytes(StandardCharsets.UTF_8), now.plus(activateIn));
        keys.add(added);
        keys.sort((a, b) -> a.activatesAt().compareTo(b.activatesAt()));
        List<SigningKey> kept = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            boolean replacedLongAgo = i + 1 < keys.size() && !keys.get(i + 1).activatesAt().isAfter(now)
                    && keys.get(i + 1).activatesAt().plus(retireAfter).isBefore(now);
            if (!replacedLongAgo) {
                kept.add(keys.get(i));
            }
        }
        StringBuilder text = new StringBuilder("# Ludus access-token signing keys: kid, activation (epoch seconds), secret.\n"
                + "# Written by `ludus admin rotate-signing-key`; every process that checks tokens re-reads it within a second.\n");
        for (SigningKey key : kept) {
            text.append(key.kid()).append(' ').append(key.activatesAt().getEpochSecond()).append(' ')
                    .append(new String(key.secret(), StandardCharsets.UTF_8)).append('\n');
        }
        Path dir = keyringFile.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".keyring", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, text);
        Files.move(tmp, keyringFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return added.kid();
    }

    static List<SigningKey> read(Path file) throws IOException {
        List<SigningKey> keys = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length != 3 || parts[2].getBytes(StandardCharsets.UTF_8).length < 32) {
                throw new IOException(file + " line " + (n + 1) + ": expected 'kid activation-epoch-seconds secret' with a secret of 32+ bytes");
            }
            try {
                keys.add(new SigningKey(parts[0], parts[2].getBytes(StandardCharsets.UTF_8), Instant.ofEpochSecond(Long.parseLong(parts[1]))));
            } catch (NumberFormatException e) {
                throw new IOException(file + " line " + (n + 1) + ": activation is not a number of seconds");
            }
        }
        if (keys.isEmpty()) {
            throw new IOException(file + " holds no key");
        }
        return List.copyOf(keys);
    }

    public record SigningKey(String kid, byte[] secret, Instant activatesAt) {}

    private record Loaded(FileTime modified, List<SigningKey> keys) {}
}
