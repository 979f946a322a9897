package io.ludus.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ludus.service.ConfigurationCatalogue;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which environment variables each Ludus service reads, taken from the code rather than from a list kept by hand:
 * the services and their modules, and the framework keys each reads, from {@link ConfigurationCatalogue} (no default:
 * required); the {@code @ConfigurationProperties} keys Micronaut's processor writes to
 * {@code META-INF/spring-configuration-metadata.json} (the services' modules and the framework jars), the
 * {@code ${key}} placeholders in the services' classes (without a default: required), the components of
 * {@code @ConfigurationProperties} records (an object without a {@code @Bindable} default or {@code @Nullable}:
 * required), and the {@code LUDUS_*} names the one hand-rolled main, the schema registry's, reads from its
 * environment directly. A key maps to its variable the way Micronaut reads one: upper case, '.' and '-' to '_'.
 */
final class ConfigurationModel {

    private static final String HTTP_PORT_KEY = "micronaut.server.port";
    static final String HTTP_PORT_ENV = env(HTTP_PORT_KEY);

    /** The HTTP port when {@code micronaut.server.port} is not set, as the model documents it. */
    static final int DEFAULT_HTTP_PORT = Integer.parseInt(ConfigurationCatalogue.FRAMEWORK_KEYS.stream()
            .filter(k -> k.key().equals(HTTP_PORT_KEY)).findFirst().orElseThrow().defaultValue());

    /** The Micronaut services of the model: HTTP port, /health, /prometheus. */
    static final Set<String> MICRONAUT_SERVICES = ConfigurationCatalogue.SERVICES.stream()
            .map(ConfigurationCatalogue.Service::name).collect(Collectors.toUnmodifiableSet());

    /** The service whose main reads {@code LUDUS_*} variables itself instead of through Micronaut; not in the catalogue. */
    private static final String HAND_ROLLED = "schema-registry";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z][a-z0-9.*-]*)(:[^}]*)?}");
    private static final Pattern LUDUS_ENV = Pattern.compile("LUDUS_[A-Z0-9_]*[A-Z0-9]");
    private static final Pattern LUDUS_DEPENDENCY = Pattern.compile(
            "<dependency>\\s*<groupId>io\\.ludus</groupId>\\s*<artifactId>ludus-([a-z-]+)</artifactId>(.*?)</dependency>", Pattern.DOTALL);

    /** One service's view. */
    record Service(String name, Set<String> keys, Set<String> requiredKeys, Set<String> directEnv) {

        boolean knows(String env) {
            if (directEnv.contains(env)) {
                return true;
            }
            return keys.stream().anyMatch(key -> envPattern(key).matcher(env).matches());
        }

        Set<String> requiredEnv() {
            Set<String> names = new TreeSet<>();
            requiredKeys.forEach(key -> names.add(env(key)));
            return names;
        }
    }

    private final Map<String, Service> services;

    private ConfigurationModel(Map<String, Service> services) {
        this.services = services;
    }

    Service service(String name) {
        return services.get(name);
    }

    Set<String> serviceNames() {
        return services.keySet();
    }

    static String env(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** A map key ({@code datasources.*.url}) stands for one segment of the variable name. */
    private static Pattern envPattern(String key) {
        String[] parts = env(key).split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append("[A-Z0-9]+");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString());
    }

    /** Reads the model from the compiled modules under {@code root} and the framework jars on this class path. */
    static ConfigurationModel fromCode(Path root) {
        Set<String> frameworkKeys = frameworkKeys();
        Map<String, List<String>> modules = new LinkedHashMap<>();
        ConfigurationCatalogue.SERVICES.forEach(s -> modules.put(s.name(), s.modules()));
        modules.put(HAND_ROLLED, List.of(HAND_ROLLED));
        Map<String, Service> services = new LinkedHashMap<>();
        modules.forEach((service, serviceModules) -> {
            Set<String> keys = new TreeSet<>(frameworkKeys);
            Set<String> required = new TreeSet<>();
            Set<String> direct = new TreeSet<>();
            Set<String> closure = new TreeSet<>();
            serviceModules.forEach(m -> closure.addAll(moduleClosure(root, m)));
            for (String m : closure) {
                Path classes = root.resolve(m).resolve("target/classes");
                if (!Files.isDirectory(classes)) {
                    throw new IllegalStateException("module " + m + " is not compiled: " + classes + " missing");
                }
                keys.addAll(metadataKeys(classes.resolve("META-INF/spring-configuration-metadata.json")));
                scanClasses(classes, keys, required, service.equals(HAND_ROLLED) ? direct : null);
                requiredRecordComponents(classes, required);
            }
            for (ConfigurationCatalogue.FrameworkKey k : ConfigurationCatalogue.FRAMEWORK_KEYS) {
                boolean readHere = k.readBy().startsWith("every") || List.of(k.readBy().split(",\\s*")).contains(service);
                if (readHere && !service.equals(HAND_ROLLED)) {
                    keys.add(k.key().replaceAll("<[^>]*>", "*"));
                    if (k.defaultValue() == null && !k.key().contains("<")) {
                        required.add(k.key());
                    }
                }
            }
            services.put(service, new Service(service, Collections.unmodifiableSet(keys), Collections.unmodifiableSet(required),
                    Collections.unmodifiableSet(direct)));
        });
        return new ConfigurationModel(services);
    }

    /** The module and every Ludus module it depends on at run time (test-scoped ones excluded). */
    static Set<String> moduleClosure(Path root, String module) {
        Set<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(module));
        while (!todo.isEmpty()) {
            String m = todo.pop();
            if (!seen.add(m)) {
                continue;
            }
            String pom;
            try {
                pom = Files.readString(root.resolve(m).resolve("pom.xml"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Matcher dependency = LUDUS_DEPENDENCY.matcher(pom);
            while (dependency.find()) {
                if (!dependency.group(2).contains("<scope>test</scope>")) {
                    todo.push(dependency.group(1));
                }
            }
        }
        return seen;
    }

    private static Set<String> frameworkKeys() {
        Set<String> keys = new HashSet<>();
        try {
            var resources = ConfigurationModel.class.getClassLoader().getResources("META-INF/spring-configuration-metadata.json");
            while (resources.hasMoreElements()) {
                URL url = resources.nextElement();
                if (!url.getPath().contains("/io/ludus/") && !url.getPath().contains("/target/classes/")) {
                    try (InputStream in = url.openStream()) {
                        keys.addAll(metadataKeys(new ObjectMapper().readTree(in)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    private static Set<String> metadataKeys(Path file) {
        if (!Files.exists(file)) {
            return Set.of();
        }
        try {
            return metadataKeys(new ObjectMapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> metadataKeys(JsonNode metadata) {
        Set<String> keys = new HashSet<>();
        metadata.path("properties").forEach(p -> keys.add(p.path("name").asText()));
        return keys;
    }

    /** Keys Micronaut cannot bind without a value: object-typed record components with no default that may not be null. */
    private static void requiredRecordComponents(Path classes, Set<String> required) {
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().startsWith("$")).toList()) {
                if (!new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains("ConfigurationProperties")) {
                    continue;
                }
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type;
                try {
                    type = Class.forName(name, false, ConfigurationModel.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    continue;
                }
                ConfigurationProperties properties = type.getAnnotation(ConfigurationProperties.class);
                if (!type.isRecord() || properties == null || type.getEnclosingClass() != null) {
                    continue;
                }
                RecordComponent[] components = type.getRecordComponents();
                Parameter[] parameters = type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType)
                        .toArray(Class<?>[]::new)).getParameters();
                for (int i = 0; i < components.length; i++) {
                    boolean hasDefault = parameters[i].isAnnotationPresent(Bindable.class);
                    boolean nullable = Arrays.stream(parameters[i].getAnnotations())
                            .anyMatch(a -> a.annotationType().getSimpleName().equals("Nullable"));
                    if (!hasDefault && !nullable && !components[i].getType().isPrimitive()) {
                        required.add(properties.value() + "." + kebab(components[i].getName()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("a configuration record without a canonical constructor", e);
        }
    }

    private static String kebab(String name) {
        return name.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    }

    /** Placeholders and directly read LUDUS_* names, from the class files' constant pools. */
    private static void scanClasses(Path classes, Set<String> keys, Set<String> required, Set<String> direct) {
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                Matcher placeholder = PLACEHOLDER.matcher(text);
                while (placeholder.find()) {
                    keys.add(placeholder.group(1));
                    if (placeholder.group(2) == null) {
                        required.add(placeholder.group(1));
                    }
                }
                if (direct != null) {
                    Matcher env = LUDUS_ENV.matcher(text);
                    while (env.find()) {
                        direct.add(env.group());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
