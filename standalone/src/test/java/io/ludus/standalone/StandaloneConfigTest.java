package io.ludus.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandaloneConfigTest {

    @Test
    void usesDocumentedDefaultsWhenNothingIsSet() throws Exception {
        StandaloneConfig c = StandaloneConfig.parse(new String[0], Map.of());
        assertThat(c.bind()).isEqualTo("127.0.0.1");
        assertThat(c.httpPort()).isEqualTo(8080);
        assertThat(c.kafkaPort()).isEqualTo(9092);
        assertThat(c.registryPort()).isEqualTo(8081);
        assertThat(c.postgresPort()).isEqualTo(5433);
        assertThat(c.dataDir()).isEqualTo(Path.of("./data").toAbsolutePath().normalize());
    }

    @Test
    void flagBeatsEnvironmentBeatsConfigFileBeatsDefault(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ludus.properties");
        Files.writeString(file, "http-port=7001\nkafka-port=7002\nregistry-port=7003\n");
        StandaloneConfig c = StandaloneConfig.parse(
                new String[] {"--config", file.toString(), "--http-port", "7101"},
                Map.of("LUDUS_HTTP_PORT", "7201", "LUDUS_KAFKA_PORT", "7202"));
        assertThat(c.httpPort()).isEqualTo(7101);
        assertThat(c.kafkaPort()).isEqualTo(7202);
        assertThat(c.registryPort()).isEqualTo(7003);
        assertThat(c.postgresPort()).isEqualTo(5433);
    }

    @Test
    void acceptsEqualsSyntax() throws Exception {
        assertThat(StandaloneConfig.parse(new String[] {"--http-port=0"}, Map.of()).httpPort()).isZero();
    }

    @Test
    void rejectsOutOfRangePortNamingTheSetting() {
        assertThatThrownBy(() -> StandaloneConfig.parse(new String[0], Map.of("LUDUS_HTTP_PORT", "70000")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("--http-port").hasMessageContaining("LUDUS_HTTP_PORT").hasMessageContaining("70000")
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).setting()).isEqualTo(Setting.HTTP_PORT));
    }

    @Test
    void rejectsNonNumericPort() {
        assertThatThrownBy(() -> StandaloneConfig.parse(new String[] {"--kafka-port", "abc"}, Map.of()))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("--kafka-port");
    }

    @Test
    void rejectsTwoServicesOnOnePort() {
        assertThatThrownBy(() -> StandaloneConfig.parse(new String[] {"--registry-port", "9092"}, Map.of()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("--registry-port").hasMessageContaining("--kafka-port");
    }

    @Test
    void rejectsUnknownOptionAndUnknownConfigKey(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> StandaloneConfig.parse(new String[] {"--htp-port", "1"}, Map.of()))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("--htp-port");
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "http_port=1\n");
        assertThatThrownBy(() -> StandaloneConfig.parse(new String[0], Map.of("LUDUS_CONFIG", file.toString())))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("http_port");
    }

    @Test
    void rejectsUnresolvableBindAddress() {
        assertThatThrownBy(() -> StandaloneConfig.parse(new String[] {"--bind", "no-such-host.invalid"}, Map.of()))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("--bind");
    }

    @Test
    void rejectsDataDirThatIsAFile(@TempDir Path dir) throws Exception {
        Path file = Files.createFile(dir.resolve("not-a-dir"));
        StandaloneConfig c = StandaloneConfig.parse(new String[] {"--data-dir", file.toString()}, Map.of());
        assertThatThrownBy(() -> DataDirectory.prepare(c.dataDir()))
                .isInstanceOf(CannotStartException.class).hasMessageContaining("--data-dir")
                .satisfies(e -> assertThat(((CannotStartException) e).exitCode()).isEqualTo(ExitCode.DATA_DIR_UNUSABLE));
    }

    @Test
    void refusesDataDirOnANearlyFullDisk(@TempDir Path dir) {
        assertThatThrownBy(() -> DataDirectory.requireSpace(dir, DataDirectory.MIN_FREE_BYTES - 1))
                .isInstanceOf(CannotStartException.class).hasMessageContaining(dir.toString()).hasMessageContaining("MB free")
                .satisfies(e -> assertThat(((CannotStartException) e).exitCode()).isEqualTo(ExitCode.DATA_DIR_UNUSABLE));
        DataDirectory.requireSpace(dir, DataDirectory.MIN_FREE_BYTES);
    }

    @Test
    void verboseIsASwitchThatTakesNoValue() throws Exception {
        StandaloneConfig c = StandaloneConfig.parse(new String[] {"--verbose", "--http-port", "7001"}, Map.of());
        assertThat(c.verbose()).isTrue();
        assertThat(c.httpPort()).isEqualTo(7001);
        assertThat(StandaloneConfig.parse(new String[0], Map.of()).verbose()).isFalse();
        assertThat(StandaloneConfig.parse(new String[0], Map.of("LUDUS_VERBOSE", "true")).verbose()).isTrue();
        assertThatThrownBy(() -> StandaloneConfig.parse(new String[] {"--verbose=maybe"}, Map.of()))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("--verbose");
    }

    @Test
    void helpListsEverySettingWithItsEnvironmentVariable() {
        assertThatThrownBy(() -> StandaloneConfig.parse(new String[] {"--help"}, Map.of()))
                .isInstanceOf(StandaloneConfig.HelpRequested.class);
        String help = StandaloneConfig.help();
        for (Setting s : Setting.values()) {
            assertThat(help).contains(s.flag()).contains(s.env()).contains(s.defaultValue());
        }
    }

    @Test
    void aNetworkBindNeedsALoginModeOtherThanOffline() throws Exception {
        for (String[] args : new String[][] {{"--bind", "0.0.0.0"}, {"--bind", "0.0.0.0", "--auth", "offline,password"}}) {
            assertThatThrownBy(() -> StandaloneConfig.parse(args, Map.of()))
                    .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("--auth")
                    .hasMessageContaining("password");
        }
        StandaloneConfig c = StandaloneConfig.parse(new String[] {"--auth", "password", "--bind", "0.0.0.0"}, Map.of());
        assertThat(c.auth()).isEqualTo("password");
    }

    @Test
    void rejectsAnUnknownLoginModeAndSteamWithoutItsSettings() {
        assertThatThrownBy(() -> StandaloneConfig.parse(new String[] {"--auth", "kerberos"}, Map.of()))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("kerberos");
        assertThatThrownBy(() -> StandaloneConfig.parse(new String[] {"--auth", "steam", "--steam-app-id", "480"}, Map.of()))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("LUDUS_STEAM_WEB_API_KEY");
        assertThatThrownBy(() -> StandaloneConfig.parse(new String[] {"--steam-app-id", "abc"}, Map.of()))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("--steam-app-id");
    }
}
