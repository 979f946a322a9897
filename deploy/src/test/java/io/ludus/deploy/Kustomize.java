package io.ludus.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code kubectl kustomize DIR} would print, for the subset of kustomize that deploy/k8s uses: resources
 * (files and directories with their own kustomization), namespace, labels (metadata only), images, replicas and
 * strategic-merge patches (by the patch's kind and name, or by a target kind). A kustomization field outside that
 * subset is an error rather than silently ignored, so this resolver never checks less than kustomize would apply.
 */
final class Kustomize {

    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "namespace", "labels",
            "images", "replicas", "patches");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");

    private Kustomize() {
    }

    /** Thrown for a kustomization this resolver cannot apply faithfully. */
    static final class KustomizeException extends RuntimeException {
        KustomizeException(String message) {
            super(message);
        }
    }

    static List<ObjectNode> build(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.exists(file)) {
            throw new KustomizeException(dir + ": no kustomization.yaml");
        }
        ObjectNode k = Yaml.single(file);
        k.fieldNames().forEachRemaining(field -> {
            if (!SUPPORTED.contains(field)) {
                throw new KustomizeException(file + ": field '" + field + "' is not supported by this resolver");
            }
        });
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode resource : k.path("resources")) {
            Path path = dir.resolve(resource.asText()).normalize();
            if (Files.isDirectory(path)) {
                out.addAll(build(path));
            } else {
                out.addAll(Yaml.documents(path));
            }
        }
        for (JsonNode patch : k.path("patches")) {
            applyPatch(out, dir.resolve(patch.path("path").asText()), patch.path("target"));
        }
        for (JsonNode replicas : k.path("replicas")) {
            List<ObjectNode> targets = out.stream().filter(r -> List.of("Deployment", "StatefulSet").contains(kind(r))
                    && name(r).equals(replicas.path("name").asText())).toList();
            if (targets.isEmpty()) {
                throw new KustomizeException(file + ": replicas names no workload " + replicas.path("name").asText());
            }
            targets.forEach(r -> ((ObjectNode) r.path("spec")).put("replicas", replicas.path("count").asInt()));
        }
        for (JsonNode image : k.path("images")) {
            setImage(out, image, file);
        }
        for (JsonNode labels : k.path("labels")) {
            for (ObjectNode r : out) {
                ObjectNode metadata = r.with("metadata");
                labels.path("pairs").properties().forEach(e -> metadata.with("labels").set(e.getKey(), e.getValue()));
            }
        }
        if (k.has("namespace")) {
            for (ObjectNode r : out) {
                if (!CLUSTER_SCOPED.contains(kind(r))) {
                    r.with("metadata").put("namespace", k.path("namespace").asText());
                }
            }
        }
        Set<String> ids = new HashSet<>();
        for (ObjectNode r : out) {
            if (!ids.add(kind(r) + "/" + name(r))) {
                throw new KustomizeException(dir + ": " + kind(r) + "/" + name(r) + " is declared twice");
            }
        }
        return out;
    }

    static String kind(JsonNode r) {
        return r.path("kind").asText();
    }

    static String name(JsonNode r) {
        return r.path("metadata").path("name").asText();
    }

    private static void applyPatch(List<ObjectNode> resources, Path file, JsonNode target) {
        for (ObjectNode patch : Yaml.documents(file)) {
            List<ObjectNode> matches = resources.stream().filter(r -> target.isMissingNode()
                    ? kind(r).equals(kind(patch)) && name(r).equals(name(patch))
                    : kind(r).equals(target.path("kind").asText())
                            && (!target.has("name") || name(r).equals(target.path("name").asText()))).toList();
            if (matches.isEmpty()) {
                throw new KustomizeException(file + ": the patch of " + kind(patch) + "/" + name(patch) + " matches no resource");
            }
            for (ObjectNode r : matches) {
                ObjectNode body = patch.deepCopy();
                body.remove(List.of("apiVersion", "kind"));
                ((ObjectNode) body.with("metadata")).remove("name");
                merge(r, body, isBuiltIn(r));
            }
        }
    }

    /** Strategic merge: maps merge; for built-in kinds, lists of named items merge by name; other lists replace. */
    private static void merge(ObjectNode into, ObjectNode patch, boolean builtIn) {
        patch.properties().forEach(e -> {
            JsonNode current = into.get(e.getKey());
            JsonNode change = e.getValue();
            if (current instanceof ObjectNode currentObject && change instanceof ObjectNode changeObject) {
                merge(currentObject, changeObject, builtIn);
            } else if (builtIn && current instanceof ArrayNode currentList && change instanceof ArrayNode changeList
                    && named(currentList) && named(changeList)) {
                for (JsonNode item : changeList) {
                    ObjectNode same = null;
                    for (JsonNode existing : currentList) {
                        if (existing.path("name").equals(item.path("name"))) {
                            same = (ObjectNode) existing;
                        }
                    }
                    if (same == null) {
                        currentList.add(item.deepCopy());
                    } else {
                        merge(same, (ObjectNode) item, true);
                    }
                }
            } else {
                into.set(e.getKey(), change.deepCopy());
            }
        });
    }

    private static boolean named(ArrayNode list) {
        for (JsonNode item : list) {
            if (!item.isObject() || !item.has("name")) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBuiltIn(JsonNode r) {
        String apiVersion = r.path("apiVersion").asText();
        return !apiVersion.contains("/") || !apiVersion.substring(0, apiVersion.indexOf('/')).contains(".")
                || apiVersion.startsWith("networking.k8s.io/");
    }

    private static void setImage(List<ObjectNode> resources, JsonNode image, Path file) {
        String name = image.path("name").asText();
        boolean used = false;
        for (ObjectNode r : resources) {
            for (JsonNode container : r.path("spec").path("template").path("spec").path("containers")) {
                String current = container.path("image").asText();
                int colon = current.lastIndexOf(':');
                String currentName = colon > current.lastIndexOf('/') ? current.substring(0, colon) : current;
                if (currentName.equals(name)) {
                    String tag = image.has("newTag") ? image.path("newTag").asText()
                            : colon > current.lastIndexOf('/') ? current.substring(colon + 1) : "latest";
                    ((ObjectNode) container).set("image", new TextNode(image.path("newName").asText(name) + ":" + tag));
                    used = true;
                }
            }
        }
        if (!used) {
            throw new KustomizeException(file + ": images entry " + name + " matches no container");
        }
    }
}
