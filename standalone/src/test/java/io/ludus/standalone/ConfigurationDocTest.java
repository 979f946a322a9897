package io.ludus.standalone;

import io.ludus.service.ConfigurationCatalogue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/configuration.md is what the code says: this module sees every service's configuration records. A new key
 * without a description, a mutable settings bean or a bare {@code @Value} of a Ludus key fails here too.
 */
class ConfigurationDocTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void everySettingFollowsTheConfigurationModel() {
        assertThat(ConfigurationCatalogue.problems(ROOT, getClass().getClassLoader())).isEmpty();
    }

    @Test
    void committedConfigurationDocMatchesTheCode() throws IOException {
        String generated = ConfigurationCatalogue.markdown(ConfigurationCatalogue.keys(ROOT, getClass().getClassLoader()));
        Path fresh = Path.of("target", "configuration.md");
        Files.writeString(fresh, generated);
        Path committed = ROOT.resolve("docs/configuration.md");
        assertThat(Files.exists(committed) ? Files.readString(committed) : "")
                .as("docs/configuration.md is stale: run ./ludus config-doc (or copy %s there)", fresh.toAbsolutePath())
                .isEqualTo(generated);
    }

    @Test
    void everyServiceMainNamedInTheDocExists() throws ReflectiveOperationException {
        for (ConfigurationCatalogue.Service service : ConfigurationCatalogue.SERVICES) {
            assertThat(Class.forName(service.mainClass()).getMethod("main", String[].class)).isNotNull();
        }
    }
}
