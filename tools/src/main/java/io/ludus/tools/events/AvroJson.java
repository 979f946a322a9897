package io.ludus.tools.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonFactory;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a decoded Avro value straight to a JSON stream, in the same shape as {@link EventDecoder.Decoded#value()}
 * but without building a tree per record (the tree was most of an export's CPU).
 */
final class AvroJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private AvroJson() {}

    /** The value as one JSON object (JSONL). */
    static void write(JsonGenerator out, Object datum, Schema schema) throws IOException {
        if (datum == null) {
            out.writeNull();
            return;
        }
        switch (schema.getType()) {
            case RECORD -> {
                GenericRecord record = (GenericRecord) datum;
                out.writeStartObject();
                for (Schema.Field field : record.getSchema().getFields()) {
                    out.writeFieldName(field.name());
                    write(out, record.get(field.pos()), field.schema());
                }
                out.writeEndObject();
            }
            case UNION -> write(out, datum, branch(schema, datum));
            case ARRAY -> {
                out.writeStartArray();
                for (Object item : (List<?>) datum) {
                    write(out, item, schema.getElementType());
                }
                out.writeEndArray();
            }
            case MAP -> {
                out.writeStartObject();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) datum).entrySet()) {
                    out.writeFieldName(entry.getKey().toString());
                    write(out, entry.getValue(), schema.getValueType());
                }
                out.writeEndObject();
            }
            case LONG -> {
                if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
                    out.writeString(instant((Long) datum));
                } else {
                    out.writeNumber((Long) datum);
                }
            }
            case INT -> out.writeNumber((Integer) datum);
            case FLOAT -> out.writeNumber((Float) datum);
            case DOUBLE -> out.writeNumber((Double) datum);
            case BOOLEAN -> out.writeBoolean((Boolean) datum);
            case BYTES -> {
                ByteBuffer buffer = ((ByteBuffer) datum).duplicate();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                out.writeString(Base64.getEncoder().encodeToString(bytes));
            }
            case FIXED -> out.writeString(Base64.getEncoder().encodeToString(((GenericFixed) datum).bytes()));
            case STRING, ENUM -> out.writeString(datum.toString());
            case NULL -> out.writeNull();
        }
    }

    private static final long MIN_FAST = Instant.parse("0000-01-01T00:00:00Z").toEpochMilli();
    private static final long MAX_FAST = Instant.parse("+10000-01-01T00:00:00Z").toEpochMilli();
    private static final long DAY = 86_400_000L;
    // the last day's "yyyy-mm-ddT" prefix (an export's timestamps mostly fall on a few days); one reference, so threads agree
    private record Day(long day, String date) {}
    private static Day lastDay = new Day(Long.MIN_VALUE, "");

    /** {@code Instant.ofEpochMilli(millis).toString()}, without the formatter machinery for years 0 to 9999. */
    static String instant(long millis) {
        if (millis < MIN_FAST || millis >= MAX_FAST) {
            return Instant.ofEpochMilli(millis).toString();
        }
        long day = Math.floorDiv(millis, DAY);
        int inDay = (int) Math.floorMod(millis, DAY);
        Day cached = lastDay;
        if (cached.day() != day) {
            cached = new Day(day, Instant.ofEpochMilli(day * DAY).toString().substring(0, 11));
            lastDay = cached;
        }
        String date = cached.date();
        char[] text = new char[24];
        date.getChars(0, 11, text, 0);
        int seconds = inDay / 1000;
        int ms = inDay % 1000;
        two(text, 11, seconds / 3600);
        text[13] = ':';
        two(text, 14, seconds / 60 % 60);
        text[16] = ':';
        two(text, 17, seconds % 60);
        if (ms == 0) {
            text[19] = 'Z';
            return new String(text, 0, 20);
        }
        text[19] = '.';
        text[20] = (char) ('0' + ms / 100);
        two(text, 21, ms % 100);
        text[23] = 'Z';
        return new String(text);
    }

    private static void two(char[] text, int at, int value) {
        text[at] = (char) ('0' + value / 10);
        text[at + 1] = (char) ('0' + value % 10);
    }

    private static Schema branch(Schema union, Object datum) {
        return union.getTypes().get(GenericData.get().resolveUnion(union, datum));
    }

    /**
     * Writes a record's columns as fields of the object {@code out} is in: nested records and maps become dotted names
     * (payload.teamA.rating), arrays become one string holding their JSON, as {@link Flattener} does with the tree.
     * Each column name is also added to {@code columns}, in the order written.
     */
    static final class FlatWriter {

        // the column names of a record schema's fields under one prefix, built once instead of per row
        private record Names(String[] columns, String[] childPrefixes) {}

        private final Map<Schema, Map<String, Names>> names = new IdentityHashMap<>();
        private final JsonGenerator out;
        private final Set<String> columns;
        private final Map<String, String> sqlTypes = new HashMap<>();
        private final Map<String, Schema> lastSchema = new HashMap<>();

        FlatWriter(JsonGenerator out, Set<String> columns) {
            this.out = out;
            this.columns = columns;
        }

        void writeColumns(GenericRecord record) throws IOException {
            writeRecord("", record);
        }

        /**
         * Each column's SQL type, from the Avro schemas that wrote its values (not guessed from the values): a column
         * two schema versions typed differently gets the wider type, or VARCHAR.
         */
        Map<String, String> sqlTypes() {
            return sqlTypes;
        }

        private void writeRecord(String prefix, GenericRecord record) throws IOException {
            Schema schema = record.getSchema();
            Names at = names.computeIfAbsent(schema, s -> new HashMap<>()).computeIfAbsent(prefix, p -> names(p, schema));
            List<Schema.Field> fields = schema.getFields();
            for (int i = 0; i < fields.size(); i++) {
                Schema.Field field = fields.get(i);
                writeColumn(at.columns()[i], at.childPrefixes()[i], record.get(field.pos()), field.schema());
            }
        }

        private static Names names(String prefix, Schema schema) {
            List<Schema.Field> fields = schema.getFields();
            String[] columns = new String[fields.size()];
            String[] children = new String[fields.size()];
            for (int i = 0; i < columns.length; i++) {
                columns[i] = prefix + fields.get(i).name();
                children[i] = columns[i] + ".";
            }
            return new Names(columns, children);
        }

        private void writeColumn(String column, String childPrefix, Object datum, Schema schema) throws IOException {
            if (datum != null && schema.getType() == Schema.Type.UNION) {
                schema = branch(schema, datum);
            }
            if (datum != null && schema.getType() == Schema.Type.RECORD) {
                writeRecord(childPrefix, (GenericRecord) datum);
                return;
            }
            if (datum != null && schema.getType() == Schema.Type.MAP) {
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) datum).entrySet()) {
                    String key = entry.getKey().toString();
                    writeColumn(childPrefix + key, childPrefix + key + ".", entry.getValue(), schema.getValueType());
                }
                return;
            }
            // schema is the union for a null value, its branch otherwise: the type is worked out again only when it changes
            if (lastSchema.put(column, schema) != schema) {
                columns.add(column);
                sqlTypes.merge(column, sqlType(datum == null ? nonNull(schema) : schema), AvroJson::wider);
            }
            out.writeFieldName(column);
            if (datum != null && schema.getType() == Schema.Type.ARRAY) {
                out.writeString(json(datum, schema));
            } else {
                write(out, datum, schema);
            }
        }

        private String json(Object datum, Schema schema) throws IOException {
            StringWriter text = new StringWriter();
            try (JsonGenerator array = FACTORY.createGenerator(text)) {
                write(array, datum, schema);
            }
            return text.toString();
        }
    }

    // the only non-null branch of a nullable union, for a null value's column type; NULL when there is no single one
    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        List<Schema> branches = schema.getTypes().stream().filter(b -> b.getType() != Schema.Type.NULL).toList();
        return branches.size() == 1 ? branches.getFirst() : Schema.create(Schema.Type.NULL);
    }

    /** The DuckDB type that reads this schema's JSON form as written by {@link #write}. */
    static String sqlType(Schema schema) {
        return switch (schema.getType()) {
            case LONG -> schema.getLogicalType() instanceof LogicalTypes.TimestampMillis ? "TIMESTAMPTZ" : "BIGINT";
            case INT -> "INTEGER";
            case FLOAT -> "FLOAT";
            case DOUBLE -> "DOUBLE";
            case BOOLEAN -> "BOOLEAN";
            case STRING -> schema.getLogicalType() != null && "uuid".equals(schema.getLogicalType().getName()) ? "UUID" : "VARCHAR";
            case NULL -> "NULL";
            default -> "VARCHAR";
        };
    }

    /** Two schema versions' types of one column: the one that holds both values. */
    static String wider(String a, String b) {
        if (a.equals(b) || b.equals("NULL")) {
            return a;
        }
        if (a.equals("NULL")) {
            return b;
        }
        Set<String> pair = Set.of(a, b);
        if (pair.equals(Set.of("INTEGER", "BIGINT"))) {
            return "BIGINT";
        }
        if (pair.equals(Set.of("FLOAT", "DOUBLE")) || pair.equals(Set.of("INTEGER", "DOUBLE")) || pair.equals(Set.of("BIGINT", "DOUBLE"))) {
            return "DOUBLE";
        }
        return "VARCHAR";
    }
}
