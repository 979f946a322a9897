package io.ludus.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ludus.registry.StoreRecord.ConfigChanged;
import io.ludus.registry.StoreRecord.SchemaVersion;
import io.ludus.registry.StoreRecord.SchemaVersionRemoved;
import io.ludus.registry.StoreRecord.SubjectDeleted;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Encodes records in the JSON shapes Confluent Schema Registry writes to {@code _schemas}: keys carry a
 * {@code keytype} (SCHEMA, CONFIG, DELETE_SUBJECT, ...) and compaction keeps the latest value per key.
 */
final class StoreRecordCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StoreRecordCodec() {
    }

    static byte[] key(StoreRecord record) {
        ObjectNode key = JSON.createObjectNode();
        switch (record) {
            case SchemaVersion v -> schemaKey(key, v.subject(), v.version());
            case SchemaVersionRemoved r -> schemaKey(key, r.subject(), r.version());
            case SubjectDeleted d -> key.put("keytype", "DELETE_SUBJECT").put("subject", d.subject()).put("magic", 0);
            case ConfigChanged c -> key.put("keytype", "CONFIG").put("subject", c.subject()).put("magic", 0);
        }
        return write(key);
    }

    /** The record value, or null for a tombstone. */
    static byte[] value(StoreRecord record) {
        return switch (record) {
            case SchemaVersion v -> write(JSON.createObjectNode()
                    .put("subject", v.subject())
                    .put("version", v.version())
                    .put("id", v.id())
                    .put("schema", v.schema())
                    .put("deleted", v.deleted()));
            case SchemaVersionRemoved ignored -> null;
            case SubjectDeleted d -> write(JSON.createObjectNode().put("subject", d.subject()).put("version", d.version()));
            case ConfigChanged c -> c.level() == null
                    ? null
                    : write(JSON.createObjectNode().put("compatibilityLevel", c.level().name()));
        };
    }

    /**
     * Decodes a record read from the topic. Empty for key types this registry does not act on (NOOP, MODE,
     * schemas of other types); throws IllegalArgumentException for a record it cannot read.
     */
    static Optional<StoreRecord> decode(byte[] keyBytes, byte[] valueBytes) {
        JsonNode key = read(keyBytes);
        String subject = key.path("subject").isTextual() ? key.get("subject").asText() : null;
        switch (key.path("keytype").asText()) {
            case "SCHEMA" -> {
                int version = requiredInt(key, "version");
                if (subject == null) {
                    throw new IllegalArgumentException("SCHEMA key without subject");
                }
                if (valueBytes == null) {
                    return Optional.of(new SchemaVersionRemoved(subject, version));
                }
                JsonNode value = read(valueBytes);
                String type = value.path("schemaType").asText("AVRO");
                if (!type.equals("AVRO")) {
                    return Optional.empty();
                }
                if (!value.path("schema").isTextual()) {
                    throw new IllegalArgumentException("SCHEMA value without schema text");
                }
                return Optional.of(new SchemaVersion(subject, version, requiredInt(value, "id"),
                        value.get("schema").asText(), value.path("deleted").asBoolean(false)));
            }
            case "DELETE_SUBJECT" -> {
                if (valueBytes == null || subject == null) {
                    return Optional.empty();
                }
                return Optional.of(new SubjectDeleted(subject, requiredInt(read(valueBytes), "version")));
            }
            case "CONFIG" -> {
                JsonNode level = valueBytes == null ? null : read(valueBytes).get("compatibilityLevel");
                return Optional.of(new ConfigChanged(subject,
                        level == null || level.isNull() ? null : CompatibilityLevel.parse(level.asText())));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private static void schemaKey(ObjectNode key, String subject, int version) {
        key.put("keytype", "SCHEMA").put("subject", subject).put("version", version).put("magic", 1);
    }

    private static int requiredInt(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new IllegalArgumentException("missing integer field '" + field + "'");
        }
        return value.asInt();
    }

    private static JsonNode read(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    private static byte[] write(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
