package io.ludus.service;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every configuration key, read from the code: each {@code @ConfigurationProperties} record in a module's
 * {@code src/main/java} gives its keys (prefix plus component name), defaults ({@code @Bindable}) and descriptions
 * (the record's {@code @param} Javadoc). {@link #markdown} renders docs/configuration.md; {@link #problems} lists
 * whatever breaks the model (a mutable bean, an undocumented key, a bare {@code @Value}). Run {@link #main} from the
 * repository root to rewrite the doc; a test in standalone fails while the committed doc differs.
 */
public final class ConfigurationCatalogue {

    /** One key. {@code defaultValue} is null when there is none. */
    public record Key(String module, String key, String type, String defaultValue, String description) {
    }

    /**
     * A key read outside the records: a framework's (Micronaut's server, datasources, token check) or a family of
     * Ludus keys parsed by its own reader. Listed by hand.
     */
    public record FrameworkKey(String key, String defaultValue, String description, String readBy) {
    }

    /** A service main: what {@code ./ludus service NAME} starts and whose modules' keys it reads. */
    public record Service(String name, String mainClass, List<String> modules) {
    }

    public static final List<Service> SERVICES = List.of(
            new Service("ingress", "io.ludus.ingress.service.IngressMain", List.of("ingress", "security")),
            new Service("matchmaker", "io.ludus.matchmaker.service.MatchmakerMain", List.of("matchmaker-stream", "security")),
            new Service("sim-workers", "io.ludus.workers.SimWorkersMain", List.of("sim-workers", "replay-store", "security")),
            new Service("projections", "io.ludus.projections.ProjectionsMain", List.of("projections", "security")),
            new Service("notifier", "io.ludus.notifier.NotifierMain", List.of("notifier", "security")),
            new Service("replay", "io.ludus.replay.ReplayStoreMain", List.of("replay-store", "security")),
            new Service("outbox-relay", "io.ludus.outbox.OutboxRelayMain", List.of("outbox-relay", "security")),
            new Service("admin", "io.ludus.admin.AdminMain", List.of("admin", "ingress", "projections", "matchmaker-stream", "replay-store", "security")));

    public static final List<FrameworkKey> FRAMEWORK_KEYS = List.of(
            new FrameworkKey("ludus.queues.<queue-id>.<setting>", null, "the matchmaking queues (team size, rating spread, band width...), parsed by `QueueDefinitions`; see matchmaker-stream/README.md", "matchmaker, ingress"),
            new FrameworkKey("ludus.matchmaker.streams.<kafka-streams-setting>", null, "any Kafka Streams setting of the matchmaker, passed through", "matchmaker"),
            new FrameworkKey("ludus.projections.read-models.enabled", "true", "false leaves the read models out of this process (an instance running only the stream processors, which need no database)", "projections"),
            new FrameworkKey("micronaut.server.port", "8080", "HTTP port of the service (0: any free port; several instances on one host need distinct ports or 0)", "every service"),
            new FrameworkKey("micronaut.server.host", "all interfaces", "address the HTTP server binds to", "every service"),
            new FrameworkKey("micronaut.security.token.jwt.signatures.secret.generator.secret", null,
                    "the first key of the player access tokens' signing keyring, at least 32 bytes; the only key while `ludus.tokens.keyring-file` does not exist. Required by every process that checks tokens", "ingress, matchmaker, projections, replay, admin"),
            new FrameworkKey("micronaut.security.token.jwt.signatures.secret.generator.jws-algorithm", "HS256", "HS256, HS384 or HS512 (checked at start); player access tokens are HS256 whatever it says", "every process that checks tokens"),
            new FrameworkKey("endpoints.health.details-visible", "AUTHENTICATED", "who sees health details: AUTHENTICATED or NEVER (ANONYMOUS is refused)", "every service"),
            new FrameworkKey("datasources.default.url", null, "JDBC URL of the accounts database (PostgreSQL)", "ingress, admin"),
            new FrameworkKey("datasources.default.username", null, "its user", "ingress, admin"),
            new FrameworkKey("datasources.default.password", null, "its password", "ingress, admin"),
            new FrameworkKey("datasources.projections.url", null, "JDBC URL of the read models' database (may be the same database)", "projections, admin"),
            new FrameworkKey("datasources.projections.username", null, "its user", "projections, admin"),
            new FrameworkKey("datasources.projections.password", null, "its password", "projections, admin"));

    private static final Pattern PARAM = Pattern.compile("^@param\\s+(\\w+)\\s+(.*)$");
    private static final Pattern ANNOTATION = Pattern.compile("(?m)^@ConfigurationProperties\\(");
    private static final Pattern VALUE = Pattern.compile("@Value\\((\"\\$\\{[^)]*)\\)");
    private static final Pattern CONSTANT = Pattern.compile("\" \\+ ([\\w.]+) \\+ \"");

    private ConfigurationCatalogue() {
    }

    /** Rewrites docs/configuration.md under the given repository root (default: the working directory). */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        List<String> problems = problems(root, ConfigurationCatalogue.class.getClassLoader());
        if (!problems.isEmpty()) {
            problems.forEach(System.err::println);
            System.exit(1);
        }
        Files.writeString(root.resolve("docs/configuration.md"), markdown(keys(root, ConfigurationCatalogue.class.getClassLoader())));
    }

    /** Every key of every module under {@code root}, sorted by module and key. */
    public static List<Key> keys(Path root, ClassLoader loader) {
        List<Key> keys = new ArrayList<>();
        for (Source source : sources(root)) {
            keys.addAll(keysOf(source, loadRecord(source, loader)));
        }
        keys.sort(Comparator.comparing(Key::module).thenComparing(Key::key));
        return keys;
    }

    /** What breaks the model: each line names the file and what to change. Empty when all is well. */
    public static List<String> problems(Path root, ClassLoader loader) {
        List<String> problems = new ArrayList<>();
        for (Source source : sources(root)) {
            Class<?> type;
            try {
                type = loadRecord(source, loader);
            } catch (IllegalStateException e) {
                problems.add(e.getMessage());
                continue;
            }
            Map<String, String> docs = paramDocs(source.text());
            for (RecordComponent c : type.getRecordComponents()) {
                if (!docs.containsKey(c.getName())) {
                    problems.add(source.file() + ": component '" + c.getName() + "' has no @param description");
                }
            }
        }
        for (Path file : javaFiles(root)) {
            String text = read(file);
            Matcher value = VALUE.matcher(text);
            while (value.find()) {
                if (readsLudusKey(value.group(1), text)) {
                    problems.add(root.relativize(file) + ": reads a ludus.* key with @Value; bind it in a @ConfigurationProperties record");
                }
            }
        }
        return problems;
    }

    public static String markdown(List<Key> keys) {
        StringBuilder md = new StringBuilder();
        md.append("# Configuration\n\n")
                .append("Generated from the code by `ConfigurationCatalogue` (service-runtime); `ConfigurationDocTest` fails while this\n")
                .append("file differs from what the code would write. Regenerate: `./ludus config-doc`.\n\n")
                .append("Every setting is a key under `ludus.` bound to a validated record (`@ConfigurationProperties`). Set it as a\n")
                .append("system property (`-Dludus.kafka.bootstrap-servers=...`), in `application.yml`, or as an environment\n")
                .append("variable: upper case, `.` and `-` become `_` (`LUDUS_KAFKA_BOOTSTRAP_SERVERS`). A bad value stops the\n")
                .append("service at startup with exit code 2 and a line naming the key and its variable.\n\n")
                .append("## Services\n\n| service (`./ludus service NAME`) | main class | reads the keys of |\n|---|---|---|\n");
        for (Service s : SERVICES) {
            md.append("| ").append(s.name()).append(" | `").append(s.mainClass()).append("` | ")
                    .append(String.join(", ", s.modules())).append(", service-runtime |\n");
        }
        Map<String, List<Key>> byModule = new LinkedHashMap<>();
        keys.forEach(k -> byModule.computeIfAbsent(k.module(), m -> new ArrayList<>()).add(k));
        for (var entry : byModule.entrySet()) {
            md.append("\n## ").append(entry.getKey()).append("\n\n| key | environment variable | default | type | description |\n|---|---|---|---|---|\n");
            for (Key k : entry.getValue()) {
                md.append("| `").append(k.key()).append("` | `").append(SettingKeys.env(k.key())).append("` | ")
                        .append(k.defaultValue() == null ? "none" : k.defaultValue().isEmpty() ? "empty" : "`" + k.defaultValue() + "`")
                        .append(" | ").append(k.type()).append(" | ").append(cell(k.description())).append(" |\n");
            }
        }
        md.append("\n## Keys outside the records (framework keys and key families)\n\n| key | environment variable | default | read by | description |\n|---|---|---|---|---|\n");
        for (FrameworkKey k : FRAMEWORK_KEYS) {
            md.append("| `").append(k.key()).append("` | `").append(SettingKeys.env(k.key())).append("` | ")
                    .append(k.defaultValue() == null ? "none" : "`" + k.defaultValue() + "`").append(" | ")
                    .append(k.readBy()).append(" | ").append(cell(k.description())).append(" |\n");
        }
        return md.toString();
    }

    private record Source(String module, Path file, String className, String text) {
    }

    private static List<Source> sources(Path root) {
        List<Source> sources = new ArrayList<>();
        for (Path file : javaFiles(root)) {
            String text = read(file);
            if (!ANNOTATION.matcher(text).find()) {
                continue;
            }
            Path main = root.relativize(file);
            String module = main.getName(0).toString();
            Path relative = main.subpath(4, main.getNameCount());
            String className = relative.toString().replace('/', '.').replaceAll("\\.java$", "");
            sources.add(new Source(module, main, className, text));
        }
        sources.sort(Comparator.comparing(s -> s.file().toString()));
        return sources;
    }

    private static List<Path> javaFiles(Path root) {
        try (Stream<Path> modules = Files.list(root)) {
            List<Path> files = new ArrayList<>();
            for (Path module : modules.sorted().toList()) {
                Path src = module.resolve("src/main/java");
                if (!Files.isDirectory(src) || module.getFileName().toString().equals("benchmarks")) {
                    continue;
                }
                try (Stream<Path> walk = Files.walk(src)) {
                    walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Class<?> loadRecord(Source source, ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(source.className(), false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(source.file() + ": class " + source.className() + " is not on the classpath");
        }
        if (!type.isRecord() || type.getAnnotation(ConfigurationProperties.class) == null) {
            throw new IllegalStateException(source.file() + ": configuration is a top-level @ConfigurationProperties record;"
                    + " " + type.getSimpleName() + " is not");
        }
        return type;
    }

    private static List<Key> keysOf(Source source, Class<?> type) {
        String prefix = type.getAnnotation(ConfigurationProperties.class).value();
        Map<String, String> docs = paramDocs(source.text());
        RecordComponent[] components = type.getRecordComponents();
        Parameter[] parameters;
        try {
            parameters = type.getDeclaredConstructor(java.util.Arrays.stream(components)
                    .map(RecordComponent::getType).toArray(Class<?>[]::new)).getParameters();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type + " has no canonical constructor", e);
        }
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < components.length; i++) {
            Bindable bindable = parameters[i].getAnnotation(Bindable.class);
            String defaultValue = bindable == null ? null : bindable.defaultValue();
            String key = prefix + "." + SettingKeys.kebab(components[i].getName());
            Class<?> raw = components[i].getType();
            String typeName = raw.isEnum()
                    ? String.join(" \\| ", java.util.Arrays.stream(raw.getEnumConstants()).map(String::valueOf).toList())
                    : components[i].getGenericType().getTypeName().replaceAll("[\\w.]+[.$](\\w+)", "$1");
            keys.add(new Key(source.module(), key, typeName, defaultValue, docs.getOrDefault(components[i].getName(), "")));
        }
        return keys;
    }

    /** The record's {@code @param} lines, joined across continuation lines, Javadoc markup turned into Markdown. */
    static Map<String, String> paramDocs(String text) {
        Matcher found = ANNOTATION.matcher(text);
        int annotation = found.find() ? found.start() : -1;
        int start = text.lastIndexOf("/**", annotation);
        int end = text.indexOf("*/", start);
        Map<String, String> docs = new LinkedHashMap<>();
        if (start < 0 || end < 0 || end > annotation) {
            return docs;
        }
        String current = null;
        StringBuilder sb = new StringBuilder();
        for (String raw : text.substring(start + 3, end).split("\n")) {
            String line = raw.strip().replaceFirst("^\\*\\s?", "").strip();
            Matcher m = PARAM.matcher(line);
            if (m.matches() || line.startsWith("@")) {
                if (current != null) {
                    docs.put(current, markup(sb.toString().strip()));
                }
                current = m.matches() ? m.group(1) : null;
                sb.setLength(0);
                if (m.matches()) {
                    sb.append(m.group(2));
                }
            } else if (current != null) {
                sb.append(' ').append(line);
            }
        }
        if (current != null) {
            docs.put(current, markup(sb.toString().strip()));
        }
        return docs;
    }

    /**
     * Whether a {@code @Value} expression names a key of Ludus's own, inline or through a constant of the same file;
     * the frameworks' keys (micronaut.*, endpoints.*) are theirs to bind.
     */
    private static boolean readsLudusKey(String expression, String text) {
        if (expression.contains("${ludus.")) {
            return true;
        }
        Matcher constant = CONSTANT.matcher(expression);
        while (constant.find()) {
            String name = constant.group(1).substring(constant.group(1).lastIndexOf('.') + 1);
            if (Pattern.compile(name + "\\s*=\\s*\"ludus\\.").matcher(text).find()) {
                return true;
            }
        }
        return false;
    }

    private static String markup(String javadoc) {
        return javadoc.replaceAll("\\{@code ([^}]*)}", "`$1`").replaceAll("\\{@link(?:plain)? ([^}]*)}", "`$1`")
                .replaceAll("\\s+", " ");
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
