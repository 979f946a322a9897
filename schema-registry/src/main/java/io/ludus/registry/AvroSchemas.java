package io.ludus.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityResult;

/** Parsing, normalisation and compatibility checks of Avro schemas. */
final class AvroSchemas {
    private AvroSchemas() {
    }

    /** A parsed schema and its normalised text, which is what the registry stores and compares. */
    record Parsed(Schema schema, String canonical) {
    }

    /** A registered version to check a candidate against. */
    record Prior(int version, Schema schema) {
    }

    static Parsed parse(String text) {
        if (text == null || text.isBlank()) {
            throw new RegistryException(ErrorCode.INVALID_SCHEMA, "Empty schema");
        }
        try {
            Schema schema = new Schema.Parser().parse(text);
            // Schema.toString() re-renders the parsed model: whitespace and attribute order no longer matter,
            // while defaults, docs and aliases (which matter for compatibility) are kept.
            return new Parsed(schema, schema.toString());
        } catch (RuntimeException e) {
            throw new RegistryException(ErrorCode.INVALID_SCHEMA, "Invalid schema: " + e.getMessage(), e);
        }
    }

    /**
     * Checks a candidate against the live versions of a subject, oldest first, under a level. Returns
     * Confluent-style messages; an empty list means compatible.
     */
    static List<String> check(CompatibilityLevel level, Schema candidate, List<Prior> liveVersions) {
        if (level == CompatibilityLevel.NONE || liveVersions.isEmpty()) {
            return List.of();
        }
        List<Prior> against = level.transitive()
                ? liveVersions.reversed()
                : List.of(liveVersions.getLast());
        List<String> messages = new ArrayList<>();
        for (Prior prior : against) {
            messages.addAll(checkPair(level, candidate, prior));
        }
        return messages;
    }

    /** Checks a candidate against one version, in the directions the level asks for. */
    static List<String> checkPair(CompatibilityLevel level, Schema candidate, Prior prior) {
        List<String> messages = new ArrayList<>();
        if (level.backward()) {
            describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, prior.schema()).getResult(),
                    "new", messages);
        }
        if (level.forward()) {
            describe(SchemaCompatibility.checkReaderWriterCompatibility(prior.schema(), candidate).getResult(),
                    "old", messages);
        }
        if (!messages.isEmpty()) {
            messages.add("{oldSchemaVersion: " + prior.version() + "}");
            messages.add("{oldSchema: '" + prior.schema() + "'}");
            messages.add("{compatibility: '" + level + "'}");
        }
        return messages;
    }

    private static void describe(SchemaCompatibilityResult result, String readerRole, List<String> out) {
        for (Incompatibility incompatibility : result.getIncompatibilities()) {
            out.add("{errorType:'" + incompatibility.getType() + "', description:'The " + readerRole
                    + " schema cannot read at path '" + incompatibility.getLocation() + "'', additionalInfo:'"
                    + incompatibility.getMessage() + "'}");
        }
    }
}
