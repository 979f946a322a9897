package io.ludus.tools.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;

/** Nested objects become dotted column names (payload.sideA.rating); arrays stay one column holding their JSON. */
final class Flattener {

    private Flattener() {}

    static Map<String, JsonNode> flatten(ObjectNode value) {
        Map<String, JsonNode> columns = new LinkedHashMap<>();
        flatten("", value, columns);
        return columns;
    }

    private static void flatten(String prefix, ObjectNode node, Map<String, JsonNode> into) {
        node.properties().forEach(e -> {
            String name = prefix + e.getKey();
            if (e.getValue() instanceof ObjectNode child) {
                flatten(name + ".", child, into);
            } else {
                into.put(name, e.getValue());
            }
        });
    }
}
