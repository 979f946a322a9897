package io.ludus.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What must hold in deploy/compose: each Ludus service's image names a service, its environment (inline and
 * env_file) is in the configuration model with every required variable set, it listens where Caddy and Prometheus
 * look for it, third-party images are pinned, and create-topics.sh creates exactly the topic catalogue.
 */
final class ComposeChecks {

    private static final Pattern UPSTREAM = Pattern.compile("reverse_proxy\\s+([a-z0-9-]+):(\\d+)");
    private static final Pattern TOPIC_LINE = Pattern.compile("^topic (\\S+) (\\d+)((?: \\S+=\\S+)*)$");

    private final ConfigurationModel model;

    ComposeChecks(ConfigurationModel model) {
        this.model = model;
    }

    List<String> problems(ObjectNode compose, Path dir, String caddyfile, ObjectNode prometheus, String topicsScript) {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> httpPorts = new TreeMap<>();
        Map<String, String> keyringVolumes = new TreeMap<>();
        compose.path("services").properties().forEach(entry -> {
            String name = entry.getKey();
            JsonNode s = entry.getValue();
            String image = s.path("image").asText();
            for (JsonNode dependency : dependsOn(s)) {
                if (!compose.path("services").has(dependency.asText())) {
                    problems.add(name + ": depends on " + dependency.asText() + ", which is not a service");
                }
            }
            Optional<String> ludus = ClusterChecks.ludusService(image);
            if (ludus.isPresent() && s.has("entrypoint")) {
                return; // a tool run from a service image (its own main), not the service
            }
            if (ludus.isEmpty()) {
                if (!image.contains(":") || image.endsWith(":latest")) {
                    problems.add(name + ": image " + image + " is not pinned to a version");
                }
                return;
            }
            ConfigurationModel.Service config = model.service(ludus.get());
            if (config == null) {
                problems.add(name + ": image " + image + " names no Ludus service");
                return;
            }
            Map<String, String> env = environment(s, dir, name, problems);
            env.keySet().stream().filter(v -> !config.knows(v)).forEach(v ->
                    problems.add(name + ": " + v + " is not a configuration key of " + ludus.get()));
            config.requiredEnv().stream().filter(v -> !env.containsKey(v)).forEach(v ->
                    problems.add(name + ": required " + v + " is not set"));
            if (env.containsKey(JWT_SECRET)) {
                keyring(name, s, env, keyringVolumes, problems);
            }
            if (ConfigurationModel.MICRONAUT_SERVICES.contains(ludus.get())) {
                int port = ClusterChecks.httpPort(env);
                httpPorts.put(name, port);
                if (!exposes(s, port)) {
                    problems.add(name + ": does not expose its HTTP port " + port);
                }
            }
        });
        if (new TreeSet<>(keyringVolumes.values()).size() > 1) {
            problems.add("the token-checking services mount different keyring volumes " + keyringVolumes
                    + ": a rotation must reach every one of them");
        }
        Matcher upstream = UPSTREAM.matcher(caddyfile);
        while (upstream.find()) {
            Integer port = httpPorts.get(upstream.group(1));
            if (port == null || port != Integer.parseInt(upstream.group(2))) {
                problems.add("Caddyfile: upstream " + upstream.group(1) + ":" + upstream.group(2) + " is no Ludus service's HTTP port");
            }
        }
        scrapeTargets(prometheus, httpPorts, problems);
        topics(topicsScript, problems);
        return problems;
    }

    private static final String JWT_SECRET = "MICRONAUT_SECURITY_TOKEN_JWT_SIGNATURES_SECRET_GENERATOR_SECRET";
    private static final String KEYRING_FILE = "LUDUS_TOKENS_KEYRING_FILE";

    /**
     * A service that checks tokens reads the signing keyring from a named volume mounted on the keyring file's
     * directory, so that a rotation written there reaches it (else it would refuse every token signed with a new key).
     */
    private static void keyring(String name, JsonNode s, Map<String, String> env, Map<String, String> volumes,
                                List<String> problems) {
        String file = env.get(KEYRING_FILE);
        if (file == null) {
            problems.add(name + ": checks tokens but sets no " + KEYRING_FILE + ", so it never sees a rotated signing key");
            return;
        }
        String dir = file.substring(0, Math.max(file.lastIndexOf('/'), 0));
        for (JsonNode mount : s.path("volumes")) {
            String[] parts = mount.asText().split(":");
            if (parts.length >= 2 && parts[1].equals(dir) && !parts[0].startsWith(".") && !parts[0].startsWith("/")) {
                volumes.put(name, parts[0]);
                return;
            }
        }
        problems.add(name + ": " + KEYRING_FILE + " is in " + dir + ", where no named volume is mounted");
    }

    private static List<JsonNode> dependsOn(JsonNode s) {
        List<JsonNode> names = new ArrayList<>();
        JsonNode d = s.path("depends_on");
        if (d.isArray()) {
            d.forEach(names::add);
        } else {
            d.fieldNames().forEachRemaining(n -> names.add(new TextNode(n)));
        }
        return names;
    }

    /** Inline environment (map or list form) over the env_files, as compose merges them. */
    private static Map<String, String> environment(JsonNode s, Path dir, String service, List<String> problems) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode file : s.path("env_file")) {
            Path path = dir.resolve(file.asText());
            try {
                for (String line : Files.readAllLines(path)) {
                    String l = line.strip();
                    if (!l.isEmpty() && !l.startsWith("#")) {
                        int eq = l.indexOf('=');
                        env.put(eq < 0 ? l : l.substring(0, eq), eq < 0 ? null : l.substring(eq + 1));
                    }
                }
            } catch (IOException e) {
                problems.add(service + ": env_file " + file.asText() + " cannot be read: " + e.getMessage());
            }
        }
        JsonNode inline = s.path("environment");
        if (inline.isArray()) {
            inline.forEach(e -> {
                String text = e.asText();
                int eq = text.indexOf('=');
                env.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? null : text.substring(eq + 1));
            });
        } else {
            inline.properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        }
        return env;
    }

    private static boolean exposes(JsonNode s, int port) {
        for (JsonNode p : s.path("expose")) {
            if (p.asText().equals(Integer.toString(port))) {
                return true;
            }
        }
        for (JsonNode p : s.path("ports")) {
            String text = p.asText();
            if (text.equals(Integer.toString(port)) || text.endsWith(":" + port)) {
                return true;
            }
        }
        return false;
    }

    /** Prometheus must find every Micronaut service, on its HTTP port, at /prometheus with the operator's credential. */
    private static void scrapeTargets(ObjectNode prometheus, Map<String, Integer> httpPorts, List<String> problems) {
        Map<String, Integer> scraped = new TreeMap<>();
        for (JsonNode job : prometheus.path("scrape_configs")) {
            if (!job.path("metrics_path").asText().equals("/prometheus")) {
                problems.add("prometheus.yml: job " + job.path("job_name").asText() + " does not scrape /prometheus");
            }
            if (!job.path("basic_auth").has("username")) {
                problems.add("prometheus.yml: job " + job.path("job_name").asText() + " sends no operator credential");
            }
            for (JsonNode sd : job.path("dns_sd_configs")) {
                sd.path("names").forEach(n -> scraped.put(n.asText(), sd.path("port").asInt()));
            }
        }
        if (!scraped.equals(httpPorts)) {
            problems.add("prometheus.yml: scrapes " + scraped + ", the services listen on " + httpPorts);
        }
    }

    private static void topics(String script, List<String> problems) {
        Map<String, FromCode.Topic> created = new TreeMap<>();
        Map<String, String> variables = Map.of("$week", Long.toString(Duration.ofDays(7).toMillis()));
        for (String line : script.lines().map(String::strip).toList()) {
            Matcher m = TOPIC_LINE.matcher(line);
            if (m.matches()) {
                Map<String, String> configs = new TreeMap<>();
                for (String pair : m.group(3).strip().split(" ")) {
                    if (!pair.isEmpty()) {
                        String value = pair.substring(pair.indexOf('=') + 1);
                        configs.put(pair.substring(0, pair.indexOf('=')), variables.getOrDefault(value, value));
                    }
                }
                created.put(m.group(1), new FromCode.Topic(Integer.parseInt(m.group(2)), configs));
            }
        }
        Map<String, FromCode.Topic> expected = new TreeMap<>(FromCode.topics());
        Set<String> names = new TreeSet<>(expected.keySet());
        names.addAll(created.keySet());
        for (String n : names) {
            if (!Objects.equals(expected.get(n), created.get(n))) {
                problems.add("create-topics.sh: " + n + ": catalogue " + expected.get(n) + ", script " + created.get(n));
            }
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
