package io.ludus.service;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.runtime.EmbeddedApplication;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How every service main starts: one logback configuration, the management endpoints every service serves, and a
 * bad setting stops the process at once with a line naming its key (exit {@value #BAD_CONFIGURATION}); any other
 * startup failure exits {@value #STARTUP_FAILED}. A new service's main is one call to {@link #run}.
 */
public final class ServiceMain {

    public static final int STARTUP_FAILED = 1;
    public static final int BAD_CONFIGURATION = 2;
    static final String LOGBACK_CONFIG = "io/ludus/service/logback.xml";
    static final String LOGBACK_JSON_CONFIG = "io/ludus/service/logback-json.xml";

    /**
     * Management endpoints: health open, Prometheus behind the operator credential, the rest off (Micronaut would
     * serve /metrics to anyone). The standalone server's application.yml says the same.
     */
    public static final Map<String, Object> ENDPOINTS = Map.of(
            "endpoints.all.enabled", false,
            "endpoints.health.enabled", true,
            "endpoints.health.sensitive", false,
            "endpoints.prometheus.enabled", true,
            "endpoints.prometheus.sensitive", true);

    /** What the standalone server's application.yml says for every service, for a service alone. */
    static final Map<String, Object> SERVICE_DEFAULTS = Map.of(
            // on SIGTERM, in-flight requests finish before the context stops
            "micronaut.lifecycle.graceful-shutdown.enabled", true,
            "micronaut.lifecycle.graceful-shutdown.grace-period", "15s",
            // an API client gets the real 401/403, not a redirect
            "micronaut.security.redirect.enabled", false,
            "micronaut.server.idle-timeout", "5m");

    private static final Pattern CLASS_NAME = Pattern.compile("(io\\.ludus\\.[\\w.$]+)");

    private ServiceMain() {
    }

    /** Starts the service named {@code service} or exits the JVM; the context stops on SIGTERM (graceful shutdown). */
    public static ApplicationContext run(String service, Class<?> mainClass, String[] args, Map<String, Object> role) {
        useSharedLogging();
        try {
            ApplicationContext context = start(mainClass, args, role);
            // one line a launcher or script can wait for; with port 0 it is the only place the port shows
            String url = context.findBean(EmbeddedServer.class).map(server -> " on " + server.getURI()).orElse("");
            System.out.println("ludus " + service + " ready" + url + " (pid " + ProcessHandle.current().pid() + ")");
            return context;
        } catch (RuntimeException e) {
            String bad = badSetting(e);
            if (bad != null) {
                LoggerFactory.getLogger(mainClass).error("Invalid configuration: " + bad);
                System.err.println("ludus " + service + ": invalid configuration: " + bad);
                System.exit(BAD_CONFIGURATION);
            }
            LoggerFactory.getLogger(mainClass).error("Startup failed", e);
            System.err.println("ludus " + service + ": startup failed: " + oneLine(e));
            System.exit(STARTUP_FAILED);
            throw e;
        }
    }

    /**
     * The process as {@link #run} starts it, without the exit: the context, then its HTTP server; a JVM shutdown hook
     * closes both (graceful shutdown on SIGTERM). Not {@code Micronaut.start()}: it exits 1 on any failure itself,
     * before a bad setting could be told apart.
     */
    public static ApplicationContext start(Class<?> mainClass, String[] args, Map<String, Object> role) {
        ApplicationContext context = builder(mainClass, args, role).build();
        try {
            context.start();
            context.findBean(EmbeddedApplication.class).ifPresent(EmbeddedApplication::start);
        } catch (RuntimeException e) {
            if (context.isRunning()) {
                context.close();
            }
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("ludus-shutdown").unstarted(() -> {
            if (context.isRunning()) {
                context.close();
            }
            stopped.countDown();
        }));
        // the server's threads are daemons: this one keeps the JVM up until shutdown
        Thread.ofPlatform().name("ludus-keep-alive").daemon(false).start(() -> {
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return context;
    }

    /** The builder {@link #start} uses; tests build from it to start a service as its main does. */
    public static Micronaut builder(Class<?> mainClass, String[] args, Map<String, Object> role) {
        Map<String, Object> properties = new HashMap<>(SERVICE_DEFAULTS);
        properties.putAll(ENDPOINTS);
        properties.putAll(role);
        // every configuration record is bound and validated at start, used or not: a bad key stops the process there
        Micronaut builder = Micronaut.build(args).mainClass(mainClass).banner(false).properties(properties);
        builder.eagerInitConfiguration(true);
        return builder;
    }

    /**
     * Points logback at the shared configuration, in the format {@code ludus.log.format} (system property or
     * environment variable) asks for, unless the operator chose another file.
     */
    public static void useSharedLogging() {
        if (System.getProperty("logback.configurationFile") == null) {
            String format = System.getProperty("ludus.log.format", System.getenv().getOrDefault("LUDUS_LOG_FORMAT", "text"));
            System.setProperty("logback.configurationFile", format.equals("json") ? LOGBACK_JSON_CONFIG : LOGBACK_CONFIG);
        }
    }

    /** The bad setting behind a startup failure, named by key, or null when the failure is not a setting's. */
    public static String badSetting(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConfigurationException) {
                return t.getMessage();
            }
            if (t instanceof ConversionErrorException conversion) {
                String key = keyOf(failure, conversion.getArgument().getName());
                return key + " cannot be read: " + conversion.getConversionError().getCause().getMessage();
            }
        }
        return null;
    }

    /** The key of a constructor argument of the configuration record that the failure's messages name. */
    private static String keyOf(Throwable failure, String argument) {
        String component = SettingKeys.kebab(argument);
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Matcher m = CLASS_NAME.matcher(String.valueOf(t.getMessage()));
            while (m.find()) {
                try {
                    Class<?> type = Class.forName(m.group(1), false, ServiceMain.class.getClassLoader());
                    var properties = type.getAnnotation(io.micronaut.context.annotation.ConfigurationProperties.class);
                    if (properties != null) {
                        return SettingKeys.names(properties.value() + "." + component);
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    // not a class name after all
                }
            }
        }
        return "the setting '" + component + "'";
    }

    private static String oneLine(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !sb.toString().contains(c.getMessage())) {
                sb.append(": ").append(c.getMessage());
            }
        }
        return sb.toString().replace('\n', ' ');
    }
}
