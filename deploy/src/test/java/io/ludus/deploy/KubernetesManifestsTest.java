package io.ludus.deploy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** deploy/k8s without a cluster: every file against the API model, and each overlay as kustomize would build it. */
class KubernetesManifestsTest {

    static final Path DEPLOY = Path.of(System.getProperty("user.dir"));
    static final Path K8S = DEPLOY.resolve("k8s");

    static KubernetesModel kubernetes;
    static ClusterChecks checks;

    @BeforeAll
    static void load() {
        kubernetes = new KubernetesModel(CrdSchema.load(DEPLOY.resolve("src/test/resources/crd-schemas.yaml")));
        checks = new ClusterChecks(ConfigurationModel.fromCode(DEPLOY.getParent()), DEPLOY.resolve("connect/outbox-connector.json"));
    }

    @Test
    void everyManifestFileMatchesTheKubernetesModel() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(K8S)) {
            files = walk.filter(f -> f.toString().endsWith(".yaml") && !f.getFileName().toString().equals("kustomization.yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(15);
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            for (ObjectNode doc : Yaml.documents(file)) {
                if (isPatch(file)) {
                    continue;
                }
                problems.addAll(kubernetes.problems(doc, K8S.relativize(file).toString()));
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void eachOverlayBuildsIntoValidConsistentResources(String overlay) {
        List<ObjectNode> built = Kustomize.build(K8S.resolve(overlay));

        List<String> problems = new ArrayList<>();
        built.forEach(r -> problems.addAll(kubernetes.problems(r, overlay)));
        problems.addAll(checks.problems(built));

        assertThat(problems).isEmpty();
        assertThat(built).extracting(Kustomize::kind).contains("Kafka", "KafkaNodePool", "KafkaConnect", "KafkaConnector",
                "ScaledObject", "PodDisruptionBudget", "Deployment", "Service", "ConfigMap", "Namespace");
    }

    @Test
    void theProdOverlayPointsImagesAtTheRegistryAndKeepsThreeKafkaNodes() {
        List<ObjectNode> prod = Kustomize.build(K8S.resolve("overlays/prod"));

        ObjectNode ingress = find(prod, "Deployment", "ingress");
        assertThat(ingress.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("registry.example.com/ludus/ingress:0.1.0");
        assertThat(ingress.at("/metadata/namespace").asText()).isEqualTo("ludus");
        assertThat(ingress.at("/spec/template/spec/containers/0/env").findValuesAsText("name"))
                .contains("LUDUS_INGRESS_AUTH_TRUSTED_PROXIES", "LUDUS_MANAGEMENT_PASSWORD");
        assertThat(find(prod, "KafkaNodePool", "dual-role").at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(find(Kustomize.build(K8S.resolve("overlays/dev")), "KafkaNodePool", "dual-role").at("/spec/replicas").asInt()).isEqualTo(1);
    }

    @Test
    void aDeploymentWithAnUnknownFieldIsRejected() {
        ObjectNode deployment = find(Kustomize.build(K8S.resolve("overlays/dev")), "Deployment", "ingress");
        ((ObjectNode) deployment.at("/spec/template/spec/containers/0")).put("imagePullPolicyy", "Always");
        ((ObjectNode) deployment.at("/spec")).put("replica", 3);

        assertThat(kubernetes.problems(deployment, "test")).containsExactlyInAnyOrder(
                "test Deployment/ingress: unknown field Deployment.spec.replica",
                "test Deployment/ingress: unknown field Deployment.spec.template.spec.containers[0].imagePullPolicyy");
    }

    @Test
    void aCustomResourceWithAnUnknownOrMistypedFieldIsRejected() {
        List<ObjectNode> dev = Kustomize.build(K8S.resolve("overlays/dev"));
        ObjectNode kafka = find(dev, "Kafka", "ludus");
        ((ObjectNode) kafka.at("/spec/kafka")).put("replicas", "three");
        ((ObjectNode) kafka.at("/spec/kafka")).put("zookeper", true);
        ((ObjectNode) kafka.at("/metadata")).put("nmae", "x");
        ObjectNode scaled = find(dev, "ScaledObject", "sim-workers");
        ((ObjectNode) scaled.at("/spec/triggers/0/metadata")).put("lagThreshold", 50);

        assertThat(kubernetes.problems(kafka, "test")).containsExactlyInAnyOrder(
                "test Kafka/ludus: spec.kafka.replicas must be integer, is string",
                "test Kafka/ludus: unknown field spec.kafka.zookeper",
                "test Kafka/ludus: unknown field GenericKubernetesResource.metadata.nmae");
        assertThat(kubernetes.problems(scaled, "test")).containsExactly(
                "test ScaledObject/sim-workers: spec.triggers[0].metadata must be strings, is object");
    }

    @Test
    void anEnvironmentVariableOutsideTheModelAndAMissingRequiredOneAreReported() {
        List<ObjectNode> dev = Kustomize.build(K8S.resolve("overlays/dev"));
        ArrayNode env = (ArrayNode) find(dev, "Deployment", "replay").at("/spec/template/spec/containers/0/env");
        for (int i = env.size() - 1; i >= 0; i--) {
            switch (env.get(i).path("name").asText()) {
                case "LUDUS_MANAGEMENT_PASSWORD" -> ((ObjectNode) env.get(i)).put("name", "LUDUS_MANAGMENT_PASSWORD");
                case "MICRONAUT_SECURITY_TOKEN_JWT_SIGNATURES_SECRET_GENERATOR_SECRET" -> env.remove(i);
                default -> { }
            }
        }

        assertThat(checks.problems(dev)).containsExactlyInAnyOrder(
                "Deployment/replay: LUDUS_MANAGMENT_PASSWORD is not a configuration key of replay",
                "Deployment/replay: required MICRONAUT_SECURITY_TOKEN_JWT_SIGNATURES_SECRET_GENERATOR_SECRET is not set");
    }

    @Test
    void aTokenCheckingServiceWithoutTheKeyringSecretIsReported() {
        List<ObjectNode> dev = Kustomize.build(K8S.resolve("overlays/dev"));
        ArrayNode env = (ArrayNode) find(dev, "Deployment", "replay").at("/spec/template/spec/containers/0/env");
        for (int i = env.size() - 1; i >= 0; i--) {
            if (env.get(i).path("name").asText().equals(ClusterChecks.KEYRING_FILE)) {
                env.remove(i);
            }
        }
        ArrayNode volumes = (ArrayNode) find(dev, "Deployment", "admin").at("/spec/template/spec/volumes");
        for (int i = volumes.size() - 1; i >= 0; i--) {
            if (volumes.get(i).path("secret").path("secretName").asText().equals(ClusterChecks.KEYRING_SECRET)) {
                ((ObjectNode) volumes.get(i)).remove("secret");
                ((ObjectNode) volumes.get(i)).putObject("emptyDir");
            }
        }

        assertThat(checks.problems(dev)).containsExactlyInAnyOrder(
                "Deployment/replay: checks tokens but sets no LUDUS_TOKENS_KEYRING_FILE, so it never sees a rotated signing key",
                "Deployment/admin: LUDUS_TOKENS_KEYRING_FILE is in /var/lib/ludus/keys, where the Secret ludus-jwt-keyring is not mounted");
    }

    @Test
    void aScaledObjectOnAConsumerGroupTheCodeDoesNotUseIsReported() {
        List<ObjectNode> dev = Kustomize.build(K8S.resolve("overlays/dev"));
        ((ObjectNode) find(dev, "ScaledObject", "sim-workers").at("/spec/triggers/0/metadata")).put("consumerGroup", "ludus-sim-worker");

        assertThat(checks.problems(dev)).containsExactlyInAnyOrder(
                "ScaledObject/sim-workers: consumer group ludus-sim-worker is not one sim-workers uses [ludus-sim-workers]",
                "ScaledObject/sim-workers: no kafka trigger watches [ludus-sim-workers]");
    }

    @Test
    void topicsOrAConnectorThatDriftFromTheCodeAreReported() {
        List<ObjectNode> dev = Kustomize.build(K8S.resolve("overlays/dev"));
        ((ObjectNode) find(dev, "KafkaTopic", "matches").at("/spec")).put("partitions", 6);
        ((ObjectNode) find(dev, "KafkaConnector", "ludus-outbox-relay").at("/spec/config")).put("slot.name", "other");
        dev.remove(find(dev, "PodDisruptionBudget", "notifier"));

        assertThat(checks.problems(dev)).containsExactlyInAnyOrder(
                "KafkaConnector/ludus-outbox-relay: differs from outbox-connector.json in [slot.name]",
                "KafkaTopic/matches: catalogue " + FromCode.topics().get("matches") + ", manifest "
                        + new FromCode.Topic(6, FromCode.topics().get("matches").configs()),
                "Deployment/notifier: no PodDisruptionBudget selects its pods");
    }

    @Test
    void aKustomizationFieldTheResolverDoesNotApplyFailsTheBuild(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: []\nnameSuffix: -x\n");

        assertThatThrownBy(() -> Kustomize.build(dir)).isInstanceOf(Kustomize.KustomizeException.class)
                .hasMessageContaining("field 'nameSuffix' is not supported");
    }

    /** Patch files hold partial resources; they are checked once applied, in the built overlay. */
    private static boolean isPatch(Path file) {
        Path kustomization = file.resolveSibling("kustomization.yaml");
        try {
            return Files.exists(kustomization) && Yaml.single(kustomization).path("patches").findValuesAsText("path")
                    .contains(file.getFileName().toString());
        } catch (RuntimeException e) {
            return false;
        }
    }

    static ObjectNode find(List<ObjectNode> resources, String kind, String name) {
        return resources.stream().filter(r -> Kustomize.kind(r).equals(kind) && Kustomize.name(r).equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + "/" + name));
    }
}
