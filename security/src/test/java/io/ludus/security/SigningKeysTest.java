package io.ludus.security;

import io.ludus.service.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningKeysTest {

    static final String SECRET = "a-signing-secret-of-at-least-32-bytes!";

    static TokenSettings withKeyring(Path file) {
        return new TokenSettings("ludus", "ludus-clients", file.toString());
    }

    @Test
    void withoutAKeyringTheJwtSecretIsTheOnlyKey(@TempDir Path dir) {
        SigningKeys keys = new SigningKeys(withKeyring(dir.resolve("absent")), SECRET);
        assertThat(keys.signing(Instant.now()).kid()).isEqualTo(SigningKeys.kidOf(SECRET));
        assertThat(keys.verifying(SigningKeys.kidOf(SECRET))).isPresent();
    }

    @Test
    void aKeyWaitingForItsActivationVerifiesButDoesNotSignYet(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keyring");
        Instant now = Instant.now();
        String next = SigningKeys.rotate(file, SECRET, now, Duration.ofMinutes(5), Duration.ofDays(1));
        SigningKeys keys = new SigningKeys(withKeyring(file), SECRET);

        assertThat(keys.signing(now).kid()).isEqualTo(SigningKeys.kidOf(SECRET));
        assertThat(keys.verifying(next)).as("other nodes may already sign with it").isPresent();
        assertThat(keys.signing(now.plus(Duration.ofMinutes(6))).kid()).isEqualTo(next);
    }

    @Test
    void aDamagedKeyringFailsStartupNamingTheKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keyring");
        Files.writeString(file, "k1 0 short\n");
        assertThatThrownBy(() -> new SigningKeys(withKeyring(file), SECRET))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("ludus.tokens.keyring-file");
    }

    @Test
    void aKeyringDamagedLaterKeepsTheKeysLoadedBefore(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keyring");
        String kid = SigningKeys.rotate(file, SECRET, Instant.now(), Duration.ZERO, Duration.ofDays(1));
        SigningKeys keys = new SigningKeys(withKeyring(file), SECRET);
        Files.writeString(file, "garbage\n");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(5)));
        Thread.sleep(SigningKeys.RELOAD_INTERVAL.toMillis() + 100);

        assertThat(keys.signing(Instant.now()).kid()).isEqualTo(kid);
    }
}
