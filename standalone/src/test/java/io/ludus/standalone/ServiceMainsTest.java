package io.ludus.standalone;

import io.ludus.service.ConfigurationCatalogue;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every service main, run as {@code ./ludus service} runs it (its own module's jars, configured by the environment):
 * a bad setting stops it with exit code 2 and a line naming the key and its variable; its log lines go through the
 * one logback configuration (JSON here, as {@code ludus.log.format=json} asks).
 */
@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ServiceMainsTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    static List<ConfigurationCatalogue.Service> services() {
        return ConfigurationCatalogue.SERVICES;
    }

    @ParameterizedTest
    @MethodSource("services")
    void aBadSettingStopsTheMainNamingItsKey(ConfigurationCatalogue.Service service) throws Exception {
        Run run = run(service, Map.of("LUDUS_LOG_FORMAT", "json", "LUDUS_KAFKA_DELIVERY_TIMEOUT", "1ms"));
        assertThat(run.exit()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("ludus " + service.name() + ": invalid configuration: ludus.kafka.delivery-timeout"
                + " (env LUDUS_KAFKA_DELIVERY_TIMEOUT) must be at least 1s");
        // the same line through logback, in the JSON format the key asked for
        assertThat(run.output()).containsPattern("\\{[^\\n]*\"level\":\"ERROR\"[^\\n]*\"loggerName\":\"" + service.mainClass().replace(".", "\\.")
                + "\"[^\\n]*Invalid configuration: ludus.kafka.delivery-timeout");
    }

    @ParameterizedTest
    @MethodSource("services")
    void aValueThatIsNotOfTheKeysTypeIsNamedToo(ConfigurationCatalogue.Service service) throws Exception {
        Run run = run(service, Map.of("LUDUS_REGISTRY_URL", "ftp://registry"));
        assertThat(run.exit()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("ludus.registry.url (env LUDUS_REGISTRY_URL)");
    }

    @org.junit.jupiter.api.Test
    void ingressRefusesAQueueWhoseDefaultSpreadNoJoinCouldAskFor() throws Exception {
        ConfigurationCatalogue.Service ingress = services().stream().filter(s -> s.name().equals("ingress")).findFirst().orElseThrow();
        // queue ids hold '-': the variable's form must still reach ludus.queues.ranked-1v1.spread
        Run run = run(ingress, Map.of("LUDUS_QUEUES_RANKED_1V1_SPREAD", "5000"));
        assertThat(run.exit()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("ludus ingress: invalid configuration: ludus.queues.ranked-1v1.spread"
                + " (env LUDUS_QUEUES_RANKED_1V1_SPREAD) is 5000, above ludus.ingress.max-spread (1000)");
    }

    record Run(int exit, String output) {
    }

    private static Run run(ConfigurationCatalogue.Service service, Map<String, String> env) throws IOException, InterruptedException {
        String module = service.modules().getFirst();
        Path target = ROOT.resolve(module).resolve("target");
        Path jar;
        try (var jars = Files.list(target)) {
            jar = jars.filter(p -> p.getFileName().toString().matches("ludus-.*-SNAPSHOT\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException(module + " is not packaged: run this test in the reactor"));
        }
        Path out = Files.createTempFile("ludus-main-", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                    "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-XX:TieredStopAtLevel=1",
                    "-cp", jar + ":" + Files.readString(target.resolve("service.classpath")).strip(), service.mainClass())
                    .redirectErrorStream(true).redirectOutput(out.toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("LUDUS_") || k.startsWith("MICRONAUT_"));
            builder.environment().put("MICRONAUT_SERVER_PORT", "0");
            builder.environment().put("MICRONAUT_SERVER_HOST", "127.0.0.1");
            // valid secrets, so that the one bad value is what stops the process
            builder.environment().put("MICRONAUT_SECURITY_TOKEN_JWT_SIGNATURES_SECRET_GENERATOR_SECRET", "test-only-jwt-secret-0123456789abcdef");
            builder.environment().put("LUDUS_REPLAY_SHARE_SECRET", "test-only-share-secret-0123456789abcdef");
            builder.environment().put("LUDUS_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1");
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(150, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(service.name() + " did not stop on a bad setting:\n" + Files.readString(out));
            }
            return new Run(process.exitValue(), Files.readString(out));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
