package io.ludus.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RotateSigningKeyTest {

    static final String SECRET = SigningKeysTest.SECRET;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, Instant now, String... args) {
        return RotateSigningKey.run(args, env, now, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void theFirstRotationKeepsTheSecretTheServicesVerifyWithAndSignsWithTheNewKeyAfterTheDelay(@TempDir Path dir) {
        Path file = dir.resolve("keys").resolve("jwt-keyring");
        Instant now = Instant.parse("2026-12-02T12:00:00Z");

        assertThat(run(Map.of(RotateSigningKey.SECRET_ENV, SECRET), now, "--keyring-file", file.toString(), "--activate-in", "90s"))
                .as(err.toString()).isZero();

        SigningKeys keys = new SigningKeys(SigningKeysTest.withKeyring(file), SECRET);
        String previous = SigningKeys.kidOf(SECRET);
        assertThat(keys.verifying(previous)).as("tokens already issued stay valid").isPresent();
        assertThat(keys.signing(now.plusSeconds(89)).kid()).isEqualTo(previous);
        String next = keys.signing(now.plusSeconds(90)).kid();
        assertThat(next).isNotEqualTo(previous);
        assertThat(out.toString()).contains(next).contains("2026-12-02T12:01:30Z");
    }

    @Test
    void theMicronautSecretVariableStartsTheRingToo(@TempDir Path dir) {
        Path file = dir.resolve("jwt-keyring");
        assertThat(run(Map.of(RotateSigningKey.MICRONAUT_SECRET_ENV, SECRET), Instant.now(), "--keyring-file", file.toString()))
                .isZero();
        assertThat(new SigningKeys(SigningKeysTest.withKeyring(file), SECRET).verifying(SigningKeys.kidOf(SECRET))).isPresent();
    }

    @Test
    void aLaterRotationNeedsNoSecretAndDropsKeysReplacedLongerAgoThanRetireAfter(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("jwt-keyring");
        Instant start = Instant.parse("2026-12-01T00:00:00Z");
        assertThat(run(Map.of(RotateSigningKey.SECRET_ENV, SECRET), start, "--keyring-file", file.toString(), "--activate-in", "0s")).isZero();

        Instant twoDaysLater = start.plus(Duration.ofDays(2));
        assertThat(run(Map.of(), twoDaysLater, "--keyring-file", file.toString(), "--retire-after", "1d")).as(err.toString()).isZero();

        SigningKeys keys = new SigningKeys(SigningKeysTest.withKeyring(file), SECRET);
        assertThat(keys.verifying(SigningKeys.kidOf(SECRET))).as("replaced two days ago: every token it signed has expired").isEmpty();
        assertThat(Files.readAllLines(file).stream().filter(l -> !l.startsWith("#"))).hasSize(2);
    }

    @Test
    void withoutAKeyringOrASecretItRefusesAndSaysWhichVariableToSet(@TempDir Path dir) {
        Path file = dir.resolve("jwt-keyring");
        assertThat(run(Map.of(), Instant.now(), "--keyring-file", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(RotateSigningKey.SECRET_ENV);
        assertThat(file).doesNotExist();
    }

    @Test
    void badArgumentsNameTheOption(@TempDir Path dir) {
        assertThat(run(Map.of(RotateSigningKey.SECRET_ENV, SECRET), Instant.now(), "--keyring-file", dir.resolve("k").toString(),
                "--activate-in", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("--activate-in").contains("soon");
        assertThat(run(Map.of(), Instant.now())).isEqualTo(2);
        assertThat(err.toString()).contains("--keyring-file is required");
    }
}
