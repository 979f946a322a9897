package io.ludus.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** Secrets the standalone server generates on first start and keeps in the data directory. */
final class Secrets {
    private Secrets() {}

    /**
     * The secret called {@code name}: 256 random bits, created on first use and kept, so that tokens
     * and share links stay valid across restarts.
     */
    static String secret(Path dir, String name) {
        Path file = dir.resolve(name);
        try {
            if (Files.exists(file)) {
                String s = Files.readString(file).strip();
                if (s.length() >= 43) {
                    return s;
                }
            }
            Files.createDirectories(dir);
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Path tmp = Files.createTempFile(dir, name, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, secret);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secret " + file, e);
        }
    }
}
