package io.ludus.tools.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AvroJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Schema SCHEMA = new Schema.Parser().parse("""
            {"type": "record", "name": "Envelope", "fields": [
              {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "count", "type": "long"},
              {"name": "small", "type": "int"},
              {"name": "ratio", "type": "float"},
              {"name": "rating", "type": "double"},
              {"name": "on", "type": "boolean"},
              {"name": "raw", "type": "bytes"},
              {"name": "hash", "type": {"type": "fixed", "name": "Hash", "size": 2}},
              {"name": "color", "type": {"type": "enum", "name": "Color", "symbols": ["RED", "GREEN"]}},
              {"name": "note", "type": ["null", "string"]},
              {"name": "absent", "type": ["null", "string"], "default": null},
              {"name": "tags", "type": {"type": "array", "items": "string"}},
              {"name": "scores", "type": {"type": "map", "values": "int"}},
              {"name": "payload", "type": ["null",
                {"type": "record", "name": "Side", "fields": [
                  {"name": "name", "type": "string"},
                  {"name": "inner", "type": {"type": "record", "name": "Inner", "fields": [{"name": "x", "type": "int"}]}}]}]}
            ]}""");

    private static GenericRecord sample() {
        Schema side = SCHEMA.getField("payload").schema().getTypes().get(1);
        Map<String, Integer> scores = new LinkedHashMap<>();
        scores.put("a", 1);
        scores.put("b", 2);
        return new GenericRecordBuilder(SCHEMA)
                .set("at", Instant.parse("2026-12-01T12:00:00.005Z").toEpochMilli())
                .set("count", 1L << 40)
                .set("small", -3)
                .set("ratio", 0.1f)
                .set("rating", 1510.25)
                .set("on", true)
                .set("raw", ByteBuffer.wrap(new byte[] {1, 2, 3}))
                .set("hash", new GenericData.Fixed(SCHEMA.getField("hash").schema(), new byte[] {9, 8}))
                .set("color", new GenericData.EnumSymbol(SCHEMA.getField("color").schema(), "GREEN"))
                .set("note", "say \"hi\", ünïcode\n")
                .set("absent", null)
                .set("tags", List.of("x", "y"))
                .set("scores", scores)
                .set("payload", new GenericRecordBuilder(side).set("name", "n")
                        .set("inner", new GenericRecordBuilder(side.getField("inner").schema()).set("x", 7).build()).build())
                .build();
    }

    @Test
    void streamsTheSameJsonAsTheDecodedTree() throws Exception {
        GenericRecord record = sample();
        StringWriter text = new StringWriter();
        try (JsonGenerator out = JSON.getFactory().createGenerator(text)) {
            AvroJson.write(out, record, SCHEMA);
        }
        ObjectNode tree = new EventDecoder.Decoded(1, "Envelope", record).value();
        assertThat(text.toString()).isEqualTo(JSON.writeValueAsString(tree));
    }

    @Test
    void flattensToTheSameColumnsAsTheTreeFlattener() throws Exception {
        GenericRecord record = sample();
        Set<String> columns = new LinkedHashSet<>();
        StringWriter text = new StringWriter();
        try (JsonGenerator out = JSON.getFactory().createGenerator(text)) {
            out.writeStartObject();
            new AvroJson.FlatWriter(out, columns).writeColumns(record);
            out.writeEndObject();
        }
        ObjectNode expected = JSON.createObjectNode();
        for (Map.Entry<String, JsonNode> column : Flattener.flatten(new EventDecoder.Decoded(1, "Envelope", record).value()).entrySet()) {
            JsonNode cell = column.getValue();
            expected.set(column.getKey(), cell.isContainerNode() ? expected.textNode(cell.toString()) : cell);
        }
        assertThat(text.toString()).isEqualTo(JSON.writeValueAsString(expected));
        assertThat(columns).containsExactlyElementsOf(iterable(expected));
        assertThat(columns).contains("scores.a", "payload.inner.x", "absent").doesNotContain("payload", "scores");
    }

    @Test
    void columnTypesComeFromTheSchemaThatWroteThem() throws Exception {
        Set<String> columns = new LinkedHashSet<>();
        AvroJson.FlatWriter flat;
        try (JsonGenerator out = JSON.getFactory().createGenerator(new StringWriter())) {
            out.writeStartObject();
            flat = new AvroJson.FlatWriter(out, columns);
            flat.writeColumns(sample());
            out.writeEndObject();
        }
        assertThat(flat.sqlTypes()).containsEntry("at", "TIMESTAMPTZ").containsEntry("count", "BIGINT")
                .containsEntry("small", "INTEGER").containsEntry("ratio", "FLOAT").containsEntry("rating", "DOUBLE")
                .containsEntry("on", "BOOLEAN").containsEntry("raw", "VARCHAR").containsEntry("color", "VARCHAR")
                .containsEntry("absent", "VARCHAR").containsEntry("tags", "VARCHAR").containsEntry("scores.a", "INTEGER")
                .containsEntry("payload.inner.x", "INTEGER");
        assertThat(flat.sqlTypes().keySet()).isEqualTo(columns);
    }

    @Test
    void aColumnTwoSchemaVersionsTypeDifferentlyGetsTheWiderType() {
        assertThat(AvroJson.wider("INTEGER", "BIGINT")).isEqualTo("BIGINT");
        assertThat(AvroJson.wider("FLOAT", "DOUBLE")).isEqualTo("DOUBLE");
        assertThat(AvroJson.wider("NULL", "UUID")).isEqualTo("UUID");
        assertThat(AvroJson.wider("BIGINT", "VARCHAR")).isEqualTo("VARCHAR");
        assertThat(AvroJson.wider("BOOLEAN", "INTEGER")).isEqualTo("VARCHAR");
    }

    private static List<String> iterable(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void formatsInstantsExactlyAsInstantToString() {
        List<Long> cases = new ArrayList<>(List.of(0L, 1L, -1L, 999L, 1000L, -86_400_000L,
                Instant.parse("0000-01-01T00:00:00Z").toEpochMilli(), Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli(),
                Instant.parse("+10000-01-01T00:00:00Z").toEpochMilli(), Instant.parse("-0001-12-31T23:59:59.990Z").toEpochMilli(),
                Long.MIN_VALUE / 1000, Long.MAX_VALUE / 1000));
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            cases.add(random.nextLong(-70_000_000_000_000L, 300_000_000_000_000L));
            cases.add(1_764_590_400_000L + random.nextInt(1000) * 1000L);
        }
        for (long millis : cases) {
            assertThat(AvroJson.instant(millis)).as("millis %d", millis).isEqualTo(Instant.ofEpochMilli(millis).toString());
        }
    }
}
