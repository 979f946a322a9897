package io.ludus.service;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.runtime.Micronaut;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
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

    private static final Pattern CLASS_NAME = Pattern.compile("(io\\.ludus\\.[\\w.$]+)");

    private ServiceMain() {
    }

    /** Starts the service named {@code service} or exits the JVM; the context stops on SIGTERM (graceful shutdown). */
    public static ApplicationContext run(String service, Class<?> mainClass, String[] args, Map<String, Object> role) {
        useSharedLogging();
        try {
            return start(mainClass, args, role);
        } catch (RuntimeException e) {
            String bad = badSetting(e);
            if (bad != null) {
                System.err.println("ludus " + service + ": invalid configuration: " + bad);
                System.exit(BAD_CONFIGURATION);
            }
            LoggerFactory.getLogger(mainClass).error("Startup failed", e);
            System.err.println("ludus " + service + ": startup failed: " + oneLine(e));
            System.exit(STARTUP_FAILED);
            throw e;
        }
    }

    /** The process as {@link #run} starts it, without the exit. */
    public static ApplicationContext start(Class<?> mainClass, String[] args, Map<String, Object> role) {
        ApplicationContext context = builder(mainClass, args, role).start();
        if (context == null) {
            throw new IllegalStateException("the application context did not start (see the log above)");
        }
        return context;
    }

    /** The builder {@link #start} uses; tests build from it to start a service as its main does. */
    public static Micronaut builder(Class<?> mainClass, String[] args, Map<String, Object> role) {
        Map<String, Object> properties = new HashMap<>(ENDPOINTS);
        properties.putAll(role);
        return Micronaut.build(args).mainClass(mainClass).banner(false).properties(properties);
    }

    /** Points logback at the shared configuration unless the operator chose another file. */
    public static void useSharedLogging() {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
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
