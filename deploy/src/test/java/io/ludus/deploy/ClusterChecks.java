package io.ludus.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.ludus.deploy.Kustomize.kind;
import static io.ludus.deploy.Kustomize.name;

/**
 * What must hold across the resources of one built overlay, beyond each manifest being valid: each Ludus workload's
 * environment is in the configuration model, probes are on /health at the service's port, every workload has a
 * PodDisruptionBudget and Services select real pods, KEDA watches the consumer groups and topics the code uses, the
 * KafkaTopics are the catalogue, and the KafkaConnector is deploy/connect/outbox-connector.json.
 */
final class ClusterChecks {

    private static final Pattern LUDUS_IMAGE = Pattern.compile("(?:.*/)?ludus/([a-z-]+)(?::.*)?");
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{env:([A-Z0-9_]+)}");

    private final ConfigurationModel model;
    private final Path connectorFile;

    ClusterChecks(ConfigurationModel model, Path connectorFile) {
        this.model = model;
        this.connectorFile = connectorFile;
    }

    List<String> problems(List<ObjectNode> resources) {
        List<String> problems = new ArrayList<>();
        for (ObjectNode r : resources) {
            if (List.of("Deployment", "StatefulSet").contains(kind(r))) {
                workload(r, resources, problems);
            }
            switch (kind(r)) {
                case "Service" -> service(r, resources, problems);
                case "ScaledObject" -> scaledObject(r, resources, problems);
                case "KafkaConnector" -> connector(r, resources, problems);
                default -> { }
            }
        }
        topics(resources, problems);
        return problems;
    }

    static Optional<String> ludusService(String image) {
        Matcher m = LUDUS_IMAGE.matcher(image);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private void workload(ObjectNode w, List<ObjectNode> resources, List<String> problems) {
        String where = kind(w) + "/" + name(w);
        JsonNode podLabels = w.path("spec").path("template").path("metadata").path("labels");
        boolean ludus = false;
        for (JsonNode c : w.path("spec").path("template").path("spec").path("containers")) {
            Optional<String> service = ludusService(c.path("image").asText());
            if (service.isEmpty()) {
                continue;
            }
            ludus = true;
            ConfigurationModel.Service config = model.service(service.get());
            if (config == null) {
                problems.add(where + ": image " + c.path("image").asText() + " names no Ludus service");
                continue;
            }
            Map<String, String> env = environment(c, resources, where, problems);
            env.keySet().stream().filter(name -> !config.knows(name)).forEach(name ->
                    problems.add(where + ": " + name + " is not a configuration key of " + service.get()));
            config.requiredEnv().stream().filter(name -> !env.containsKey(name)).forEach(name ->
                    problems.add(where + ": required " + name + " is not set"));
            if (env.containsKey(JWT_SECRET)) {
                keyring(w, c, env, where, problems);
            }
            if (ConfigurationModel.MICRONAUT_SERVICES.contains(service.get())) {
                int port = httpPort(env);
                for (String probe : List.of("readinessProbe", "livenessProbe")) {
                    JsonNode get = c.path(probe).path("httpGet");
                    if (!get.path("path").asText().equals("/health")) {
                        problems.add(where + ": " + probe + " must GET /health");
                    }
                    if (containerPort(c, get.path("port")) != port) {
                        problems.add(where + ": " + probe + " port is not the HTTP port " + port);
                    }
                }
            }
        }
        if (ludus && resources.stream().noneMatch(r -> kind(r).equals("PodDisruptionBudget")
                && selects(r.path("spec").path("selector").path("matchLabels"), podLabels))) {
            problems.add(where + ": no PodDisruptionBudget selects its pods");
        }
    }

    static final String JWT_SECRET = "MICRONAUT_SECURITY_TOKEN_JWT_SIGNATURES_SECRET_GENERATOR_SECRET";
    static final String KEYRING_FILE = "LUDUS_TOKENS_KEYRING_FILE";
    /** The Secret holding the signing keyring that docs/deploy.md's rotation writes. */
    static final String KEYRING_SECRET = "ludus-jwt-keyring";

    /**
     * A container that checks tokens mounts the keyring Secret on the keyring file's directory, so a rotated key
     * reaches it (else it refuses every token signed with the new key).
     */
    private static void keyring(JsonNode w, JsonNode c, Map<String, String> env, String where, List<String> problems) {
        String file = env.get(KEYRING_FILE);
        if (file == null) {
            problems.add(where + ": checks tokens but sets no " + KEYRING_FILE + ", so it never sees a rotated signing key");
            return;
        }
        String dir = file.substring(0, Math.max(file.lastIndexOf('/'), 0));
        String volume = stream(c.path("volumeMounts")).filter(m -> m.path("mountPath").asText().equals(dir))
                .map(m -> m.path("name").asText()).findFirst().orElse(null);
        boolean fromSecret = volume != null && stream(w.path("spec").path("template").path("spec").path("volumes"))
                .anyMatch(v -> v.path("name").asText().equals(volume)
                        && v.path("secret").path("secretName").asText().equals(KEYRING_SECRET));
        if (!fromSecret) {
            problems.add(where + ": " + KEYRING_FILE + " is in " + dir + ", where the Secret " + KEYRING_SECRET + " is not mounted");
        }
    }

    /** Name to value (null when it comes from a Secret) of every variable the container gets. */
    private static Map<String, String> environment(JsonNode c, List<ObjectNode> resources, String where, List<String> problems) {
        Map<String, String> env = new TreeMap<>();
        for (JsonNode from : c.path("envFrom")) {
            String cm = from.path("configMapRef").path("name").asText(null);
            if (cm == null) {
                problems.add(where + ": envFrom other than a ConfigMap hides which variables it sets");
                continue;
            }
            Optional<ObjectNode> map = find(resources, "ConfigMap", cm);
            if (map.isEmpty()) {
                problems.add(where + ": envFrom ConfigMap " + cm + " does not exist");
            } else {
                map.get().path("data").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
            }
        }
        for (JsonNode e : c.path("env")) {
            JsonNode ref = e.path("valueFrom").path("configMapKeyRef");
            String value = e.path("value").asText(null);
            if (!ref.isMissingNode()) {
                value = find(resources, "ConfigMap", ref.path("name").asText())
                        .map(cm -> cm.path("data").path(ref.path("key").asText()).asText(null)).orElse(null);
                if (value == null) {
                    problems.add(where + ": " + e.path("name").asText() + " refers to a missing ConfigMap key "
                            + ref.path("name").asText() + "/" + ref.path("key").asText());
                }
            }
            JsonNode secret = e.path("valueFrom").path("secretKeyRef");
            if (!secret.isMissingNode()) {
                find(resources, "Secret", secret.path("name").asText()).ifPresent(s -> {
                    if (!s.path("stringData").has(secret.path("key").asText()) && !s.path("data").has(secret.path("key").asText())) {
                        problems.add(where + ": " + e.path("name").asText() + " refers to a missing Secret key "
                                + secret.path("name").asText() + "/" + secret.path("key").asText());
                    }
                });
            }
            env.put(e.path("name").asText(), value);
        }
        return env;
    }

    static int httpPort(Map<String, String> env) {
        String port = env.get(ConfigurationModel.HTTP_PORT_ENV);
        return port == null ? ConfigurationModel.DEFAULT_HTTP_PORT : Integer.parseInt(port);
    }

    private static int containerPort(JsonNode container, JsonNode port) {
        if (port.isInt()) {
            return port.asInt();
        }
        for (JsonNode p : container.path("ports")) {
            if (p.path("name").asText().equals(port.asText())) {
                return p.path("containerPort").asInt();
            }
        }
        return -1;
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (!selector.isObject() || selector.isEmpty()) {
            return false;
        }
        for (var e : selector.properties()) {
            if (!labels.path(e.getKey()).equals(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static void service(ObjectNode s, List<ObjectNode> resources, List<String> problems) {
        List<JsonNode> pods = resources.stream().filter(r -> List.of("Deployment", "StatefulSet").contains(kind(r)))
                .map(r -> r.path("spec").path("template")).filter(t -> selects(s.path("spec").path("selector"), t.path("metadata").path("labels")))
                .toList();
        if (pods.isEmpty()) {
            problems.add("Service/" + name(s) + ": its selector matches no pods");
            return;
        }
        for (JsonNode port : s.path("spec").path("ports")) {
            boolean found = pods.stream().flatMap(t -> stream(t.path("spec").path("containers")))
                    .anyMatch(c -> containerPort(c, port.path("targetPort")) > 0);
            if (!found) {
                problems.add("Service/" + name(s) + ": targetPort " + port.path("targetPort").asText() + " is no container port");
            }
        }
    }

    private static void scaledObject(ObjectNode so, List<ObjectNode> resources, List<String> problems) {
        String where = "ScaledObject/" + name(so);
        String target = so.path("spec").path("scaleTargetRef").path("name").asText();
        Optional<ObjectNode> deployment = find(resources, "Deployment", target);
        if (deployment.isEmpty()) {
            problems.add(where + ": scaleTargetRef " + target + " is no Deployment");
            return;
        }
        String service = stream(deployment.get().path("spec").path("template").path("spec").path("containers"))
                .map(c -> ludusService(c.path("image").asText())).flatMap(Optional::stream).findFirst().orElse("?");
        Map<String, List<String>> groups = FromCode.consumerGroups().get(service);
        if (groups == null) {
            problems.add(where + ": " + service + " has no consumer groups to scale on");
            return;
        }
        String bootstrap = find(resources, "ConfigMap", "ludus-config")
                .map(cm -> cm.path("data").path("LUDUS_KAFKA_BOOTSTRAP_SERVERS").asText()).orElse("?");
        Set<String> watched = new TreeSet<>();
        for (JsonNode trigger : so.path("spec").path("triggers")) {
            if (!trigger.path("type").asText().equals("kafka")) {
                continue;
            }
            JsonNode m = trigger.path("metadata");
            String group = m.path("consumerGroup").asText();
            List<String> topics = groups.get(group);
            if (topics == null) {
                problems.add(where + ": consumer group " + group + " is not one " + service + " uses " + groups.keySet());
            } else if (m.has("topic") && !topics.contains(m.path("topic").asText())) {
                problems.add(where + ": group " + group + " does not read topic " + m.path("topic").asText() + " (reads " + topics + ")");
            }
            if (!m.path("bootstrapServers").asText().equals(bootstrap)) {
                problems.add(where + ": bootstrapServers " + m.path("bootstrapServers").asText() + " is not the services' " + bootstrap);
            }
            watched.add(group);
        }
        Set<String> unwatched = new TreeSet<>(groups.keySet());
        unwatched.removeAll(watched);
        if (!unwatched.isEmpty()) {
            problems.add(where + ": no kafka trigger watches " + unwatched);
        }
    }

    private void connector(ObjectNode kc, List<ObjectNode> resources, List<String> problems) {
        String where = "KafkaConnector/" + name(kc);
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(connectorFile.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> expected = new TreeMap<>();
        json.path("config").properties().forEach(e -> expected.put(e.getKey(), e.getValue().asText()));
        Map<String, String> actual = new TreeMap<>();
        kc.path("spec").path("config").properties().forEach(e -> actual.put(e.getKey(), e.getValue().asText()));
        actual.put("connector.class", kc.path("spec").path("class").asText());
        actual.put("tasks.max", kc.path("spec").path("tasksMax").asText());
        if (!actual.equals(expected)) {
            Set<String> differing = new TreeSet<>(expected.keySet());
            differing.addAll(actual.keySet());
            differing.removeIf(k -> Objects.equals(expected.get(k), actual.get(k)));
            problems.add(where + ": differs from " + connectorFile.getFileName() + " in " + differing);
        }
        if (!name(kc).equals(json.path("name").asText())) {
            problems.add(where + ": named differently from " + connectorFile.getFileName() + " (" + json.path("name").asText() + ")");
        }
        String cluster = kc.path("metadata").path("labels").path("strimzi.io/cluster").asText();
        Optional<ObjectNode> connect = find(resources, "KafkaConnect", cluster);
        if (connect.isEmpty()) {
            problems.add(where + ": strimzi.io/cluster " + cluster + " is no KafkaConnect");
            return;
        }
        Set<String> env = new HashSet<>();
        connect.get().path("spec").path("template").path("connectContainer").path("env").forEach(e -> env.add(e.path("name").asText()));
        for (String value : expected.values()) {
            Matcher ref = ENV_REFERENCE.matcher(value);
            while (ref.find()) {
                if (!env.contains(ref.group(1))) {
                    problems.add(where + ": the config reads ${env:" + ref.group(1) + "}, which KafkaConnect/" + cluster + " does not set");
                }
            }
        }
    }

    private static void topics(List<ObjectNode> resources, List<String> problems) {
        Map<String, FromCode.Topic> actual = new TreeMap<>();
        for (ObjectNode t : resources) {
            if (kind(t).equals("KafkaTopic")) {
                Map<String, String> configs = new TreeMap<>();
                t.path("spec").path("config").properties().forEach(e -> configs.put(e.getKey(), e.getValue().asText()));
                actual.put(t.path("spec").path("topicName").asText(name(t)), new FromCode.Topic(t.path("spec").path("partitions").asInt(), configs));
            }
        }
        Map<String, FromCode.Topic> expected = new TreeMap<>(FromCode.topics());
        if (!actual.equals(expected)) {
            Set<String> names = new TreeSet<>(expected.keySet());
            names.addAll(actual.keySet());
            names.removeIf(n -> Objects.equals(expected.get(n), actual.get(n)));
            names.forEach(n -> problems.add("KafkaTopic/" + n + ": catalogue " + expected.get(n) + ", manifest " + actual.get(n)));
        }
    }

    private static Optional<ObjectNode> find(List<ObjectNode> resources, String kind, String name) {
        return resources.stream().filter(r -> kind(r).equals(kind) && name(r).equals(name)).findFirst();
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }
}
