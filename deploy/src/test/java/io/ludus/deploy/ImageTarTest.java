package io.ludus.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ludus.service.ConfigurationCatalogue;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The images Jib wrote (deploy/images/build-images.sh, which sets {@code ludus.images}): each tarball's entrypoint
 * starts a main class that really is in the image, with every classpath entry present, as the non-root user and on
 * the port the Kubernetes manifests use. Skipped in a plain build, which builds no images.
 */
@EnabledIfSystemProperty(named = "ludus.images", matches = "built")
class ImageTarTest {

    private static final Path IMAGES = KubernetesManifestsTest.DEPLOY.resolve("images");

    /** An image tarball: its config and every file of every layer (jar contents listed as jar!/entry). */
    record Image(JsonNode config, Map<String, byte[]> files, Set<String> jarEntries) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingress", "matchmaker", "sim-workers", "projections", "notifier", "replay", "outbox-relay",
            "admin", "schema-registry"})
    void theImageStartsItsServiceMainAsTheManifestsExpect(String service) throws IOException {
        Image image = read(IMAGES.resolve(service).resolve("target/jib-image.tar"));
        JsonNode config = image.config().path("config");
        List<String> entrypoint = Yaml.STRICT.convertValue(config.path("Entrypoint"), Yaml.STRICT.getTypeFactory()
                .constructCollectionType(List.class, String.class));

        assertThat(entrypoint.getFirst()).isEqualTo("java");
        String mainClass = entrypoint.getLast();
        ConfigurationCatalogue.SERVICES.stream().filter(s -> s.name().equals(service)).findFirst()
                .ifPresent(s -> assertThat(mainClass).as("the catalogue's main class").isEqualTo(s.mainClass()));
        assertThat(image.jarEntries().contains(mainClass.replace('.', '/') + ".class")).as("%s is in the image", mainClass).isTrue();
        String classpathFile = entrypoint.get(entrypoint.indexOf("-cp") + 1).substring(1);
        for (String entry : new String(image.files().get(classpathFile.substring(1))).strip().split(":")) {
            String path = entry.substring(1);
            if (path.endsWith("/*")) {
                String dir = path.substring(0, path.length() - 1);
                assertThat(image.files().keySet()).as("classpath directory " + entry).anyMatch(f -> f.startsWith(dir));
            } else {
                assertThat(image.files()).as("classpath entry").containsKey(path);
            }
        }

        // the outbox relay runs as Debezium on Kafka Connect in Kubernetes: its image is compose's, on the default port
        Path manifest = KubernetesManifestsTest.K8S.resolve("base/" + service + ".yaml");
        ObjectNode deployment = Files.exists(manifest) ? manifestOf(service) : manifestOf("ingress");
        int port = Files.exists(manifest) ? deployment.at("/spec/template/spec/containers/0/ports/0/containerPort").asInt()
                : ConfigurationModel.DEFAULT_HTTP_PORT;
        assertThat(config.path("ExposedPorts").has(port + "/tcp")).as("exposes " + port).isTrue();
        assertThat(config.path("User").asText()).isEqualTo(deployment.at("/spec/template/spec/securityContext/runAsUser").asText()
                + ":" + deployment.at("/spec/template/spec/securityContext/runAsGroup").asText());
    }

    private static ObjectNode manifestOf(String service) {
        return KubernetesManifestsTest.find(Yaml.documents(KubernetesManifestsTest.K8S.resolve("base/" + service + ".yaml")),
                "Deployment", service);
    }

    private static Image read(Path tar) throws IOException {
        Map<String, byte[]> top = untar(Files.newInputStream(tar));
        JsonNode manifest = new ObjectMapper().readTree(top.get("manifest.json")).get(0);
        JsonNode config = new ObjectMapper().readTree(top.get(manifest.path("Config").asText()));
        Map<String, byte[]> files = new HashMap<>();
        for (JsonNode layer : manifest.path("Layers")) {
            files.putAll(untar(new GZIPInputStream(new ByteArrayInputStream(top.get(layer.asText())))));
        }
        Set<String> jarEntries = new HashSet<>();
        for (var file : files.entrySet()) {
            if (file.getKey().endsWith(".jar")) {
                try (ZipInputStream jar = new ZipInputStream(new ByteArrayInputStream(file.getValue()))) {
                    for (ZipEntry e; (e = jar.getNextEntry()) != null; ) {
                        jarEntries.add(e.getName());
                    }
                }
            }
        }
        return new Image(config, files, jarEntries);
    }

    private static Map<String, byte[]> untar(InputStream in) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                if (e.isFile()) {
                    files.put(e.getName().replaceFirst("^\\./", "").replaceFirst("^/", ""), tar.readAllBytes());
                }
            }
        }
        return files;
    }
}
