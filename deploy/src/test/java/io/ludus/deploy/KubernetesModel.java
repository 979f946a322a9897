package io.ludus.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks one manifest against the Kubernetes API model without a cluster. Built-in kinds bind to fabric8's typed
 * model, and a field the model does not have is an error: fabric8 keeps such fields in {@code additionalProperties}
 * instead of failing, so every bound object is walked for them. Custom resources (Strimzi, KEDA) bind to
 * {@link GenericKubernetesResource} for their metadata and their spec is checked against {@link CrdSchema}.
 */
final class KubernetesModel {

    private static final Map<String, Class<?>> BUILT_IN = Map.of(
            "v1/Namespace", Namespace.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "apps/v1/StatefulSet", StatefulSet.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1/Ingress", Ingress.class);

    private final CrdSchema crds;

    KubernetesModel(CrdSchema crds) {
        this.crds = crds;
    }

    /** What is wrong with {@code doc}, each problem prefixed by {@code source}; empty when it is valid. */
    List<String> problems(ObjectNode doc, String source) {
        List<String> problems = new ArrayList<>();
        String apiVersion = doc.path("apiVersion").asText(null);
        String kind = doc.path("kind").asText(null);
        if (apiVersion == null || kind == null) {
            problems.add(source + ": no apiVersion or kind");
            return problems;
        }
        String where = source + " " + kind + "/" + doc.path("metadata").path("name").asText("?");
        Class<?> type = BUILT_IN.get(apiVersion + "/" + kind);
        if (type != null) {
            bind(doc, type, where, problems);
            if (kind.equals("ConfigMap")) {
                doc.path("data").properties().forEach(e -> {
                    if (!e.getValue().isTextual()) {
                        problems.add(where + ": data." + e.getKey() + " must be a string (quote it)");
                    }
                });
            }
        } else if (crds.knows(apiVersion, kind)) {
            ObjectNode metadataOnly = doc.deepCopy();
            metadataOnly.remove(List.of("spec", "status"));
            bind(metadataOnly, GenericKubernetesResource.class, where, problems);
            crds.check(apiVersion, kind, doc, where, problems);
        } else {
            problems.add(where + ": no model for " + apiVersion + " " + kind + " (add it to KubernetesModel or crd-schemas.yaml)");
        }
        if (doc.path("metadata").path("name").asText("").isEmpty()) {
            problems.add(where + ": metadata.name is missing");
        }
        return problems;
    }

    private static void bind(JsonNode doc, Class<?> type, String where, List<String> problems) {
        Object bound;
        try {
            bound = Yaml.STRICT.treeToValue(doc, type);
        } catch (Exception e) {
            problems.add(where + ": " + e.getMessage().lines().findFirst().orElse(e.toString()));
            return;
        }
        unknownFields(bound, type.getSimpleName(), problems, where, new IdentityHashMap<>());
    }

    /** Fields fabric8 did not recognise land in additionalProperties: report each with its path. */
    private static void unknownFields(Object value, String path, List<String> problems, String where, Map<Object, Object> seen) {
        if (value == null || seen.put(value, value) != null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", problems, where, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, problems, where, seen));
            return;
        }
        if (!value.getClass().getPackageName().startsWith("io.fabric8")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(field -> problems.add(where + ": unknown field " + path + "." + field));
                }
            } else {
                String name = getter.getName().substring(3);
                unknownFields(child, path + "." + Character.toLowerCase(name.charAt(0)) + name.substring(1), problems, where, seen);
            }
        }
    }
}
