package io.ludus.registry;

import io.ludus.service.KafkaSettings;
import io.ludus.service.ServiceMain;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.EnvironmentPropertySource;
import io.micronaut.context.env.MapPropertySource;
import io.micronaut.context.exceptions.ConfigurationException;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the registry as its own process. Configured like every service ({@code ludus.registry.server.*} and
 * {@code ludus.kafka.bootstrap-servers}, see docs/configuration.md): environment variables
 * ({@code LUDUS_REGISTRY_SERVER_PORT}), system properties or flags ({@code --ludus.registry.server.port=8082}).
 * A bad setting exits 2 naming the key; a failed start exits 1.
 */
public final class SchemaRegistryMain {
    private SchemaRegistryMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ServiceMain.useSharedLogging();
        SchemaRegistryConfig config;
        try {
            config = configFrom(args, System.getenv());
        } catch (RuntimeException e) {
            String bad = ServiceMain.badSetting(e);
            System.err.println("ludus schema-registry: " + (bad != null ? "invalid configuration: " + bad : "startup failed: " + e.getMessage()));
            System.exit(bad != null ? ServiceMain.BAD_CONFIGURATION : ServiceMain.STARTUP_FAILED);
            return;
        }
        SchemaRegistryServer server;
        try {
            server = SchemaRegistryServer.start(config);
        } catch (RuntimeException e) {
            System.err.println("ludus schema-registry: startup failed (ludus.kafka.bootstrap-servers="
                    + config.bootstrapServers() + ", ludus.registry.server.host=" + config.host() + ", ludus.registry.server.port="
                    + config.port() + "): " + e.getMessage());
            System.exit(ServiceMain.STARTUP_FAILED);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        System.out.println("ludus schema-registry ready on " + server.uri() + " (pid " + ProcessHandle.current().pid() + ")");
        stopped.await();
    }

    /** The given variables, read as Micronaut reads the process environment: below flags and system properties. */
    private static final class EnvironmentVariables extends MapPropertySource {
        EnvironmentVariables(Map<String, String> env) {
            super(EnvironmentPropertySource.NAME, Map.<String, Object>copyOf(env));
        }

        @Override
        public int getOrder() {
            return EnvironmentPropertySource.POSITION;
        }

        @Override
        public PropertyConvention getConvention() {
            return PropertyConvention.ENVIRONMENT_VARIABLE;
        }
    }

    /** Binds the settings from flags and the given environment (instead of the process's), validated. */
    static SchemaRegistryConfig configFrom(String[] args, Map<String, String> env) {
        for (String arg : args) {
            if (!arg.matches("--ludus\\.[a-z0-9.-]+=.*")) {
                throw new ConfigurationException("unrecognised argument '" + arg + "'; settings are --<key>=<value>,"
                        + " e.g. --ludus.registry.server.port=8082 (docs/configuration.md)");
            }
        }
        try (ApplicationContext context = ApplicationContext.builder()
                .args(args)
                .deduceEnvironment(false)
                .environmentPropertySource(false)
                .propertySources(new EnvironmentVariables(env))
                .banner(false)
                .start()) {
            return context.getBean(RegistryServerSettings.class).config(context.getBean(KafkaSettings.class).bootstrapServers());
        }
    }
}
