package io.ludus.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The fields of the custom resources Ludus uses (Strimzi, KEDA), written down from their CRDs' OpenAPI schemas in
 * {@code crd-schemas.yaml}: per {@code apiVersion/kind}, the allowed spec tree. A leaf names a type ({@code string},
 * {@code integer}, {@code boolean}, {@code scalar}, {@code map}: string keys to scalars, {@code strings}: string keys to strings, {@code any}: not checked
 * further); a one-element list describes each item. A field not in the tree, or of the wrong type, is a problem.
 */
final class CrdSchema {

    private final ObjectNode schemas;

    private CrdSchema(ObjectNode schemas) {
        this.schemas = schemas;
    }

    static CrdSchema load(Path file) {
        return new CrdSchema(Yaml.single(file));
    }

    boolean knows(String apiVersion, String kind) {
        return schemas.has(apiVersion + "/" + kind);
    }

    void check(String apiVersion, String kind, ObjectNode doc, String where, List<String> problems) {
        JsonNode schema = schemas.get(apiVersion + "/" + kind);
        for (Map.Entry<String, JsonNode> field : doc.properties()) {
            if (!List.of("apiVersion", "kind", "metadata").contains(field.getKey())) {
                check(schema.get(field.getKey()), field.getValue(), field.getKey(), where, problems);
            }
        }
    }

    private void check(JsonNode schema, JsonNode value, String path, String where, List<String> problems) {
        if (schema == null) {
            problems.add(where + ": unknown field " + path);
            return;
        }
        if (schema.isTextual()) {
            String type = schema.asText();
            boolean ok = switch (type) {
                case "string" -> value.isTextual();
                case "integer" -> value.isIntegralNumber();
                case "boolean" -> value.isBoolean();
                case "scalar" -> value.isValueNode();
                case "map" -> value.isObject() && value.properties().stream().allMatch(e -> e.getValue().isValueNode());
                case "strings" -> value.isObject() && value.properties().stream().allMatch(e -> e.getValue().isTextual());
                case "any" -> true;
                default -> throw new IllegalStateException("crd-schemas.yaml: unknown type " + type + " at " + path);
            };
            if (!ok) {
                problems.add(where + ": " + path + " must be " + type + ", is " + value.getNodeType().name().toLowerCase());
            }
        } else if (schema.isArray()) {
            if (!value.isArray()) {
                problems.add(where + ": " + path + " must be a list");
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                check(schema.get(0), value.get(i), path + "[" + i + "]", where, problems);
            }
        } else {
            if (!value.isObject()) {
                problems.add(where + ": " + path + " must be an object");
                return;
            }
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                check(schema.get(field.getKey()), field.getValue(), path + "." + field.getKey(), where, problems);
            }
        }
    }
}
