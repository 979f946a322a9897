package io.ludus.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ludus.registry.StoreRecord.ConfigChanged;
import io.ludus.registry.StoreRecord.SchemaVersion;
import io.ludus.registry.StoreRecord.SchemaVersionRemoved;
import io.ludus.registry.StoreRecord.SubjectDeleted;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreRecordCodecTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void roundTripsEveryRecordType() {
        List<StoreRecord> records = List.of(
                new SchemaVersion("players-value", 3, 7, "\"string\"", false),
                new SchemaVersion("players-value", 3, 7, "\"string\"", true),
                new SchemaVersionRemoved("players-value", 3),
                new SubjectDeleted("players-value", 4),
                new ConfigChanged(null, CompatibilityLevel.FULL),
                new ConfigChanged("players-value", CompatibilityLevel.NONE),
                new ConfigChanged("players-value", null));
        for (StoreRecord record : records) {
            assertThat(StoreRecordCodec.decode(StoreRecordCodec.key(record), StoreRecordCodec.value(record)))
                    .contains(record);
        }
    }

    @Test
    void writesKeysInConfluentShape() throws Exception {
        JsonNode schemaKey = JSON.readTree(StoreRecordCodec.key(new SchemaVersion("s", 2, 5, "\"int\"", false)));
        assertThat(schemaKey.toString()).isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"s\",\"version\":2,\"magic\":1}");
        JsonNode globalConfigKey = JSON.readTree(StoreRecordCodec.key(new ConfigChanged(null, CompatibilityLevel.FULL)));
        assertThat(globalConfigKey.toString()).isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}");
        assertThat(StoreRecordCodec.value(new SchemaVersionRemoved("s", 2))).isNull();
    }

    @Test
    void readsRecordsWrittenByConfluent() {
        assertThat(StoreRecordCodec.decode(
                bytes("{\"keytype\":\"SCHEMA\",\"subject\":\"t-value\",\"version\":1,\"magic\":1}"),
                bytes("{\"subject\":\"t-value\",\"version\":1,\"id\":21,\"schema\":\"\\\"string\\\"\",\"deleted\":false}")))
                .contains(new SchemaVersion("t-value", 1, 21, "\"string\"", false));
        assertThat(StoreRecordCodec.decode(bytes("{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}"),
                bytes("{\"compatibilityLevel\":\"FORWARD_TRANSITIVE\"}")))
                .contains(new ConfigChanged(null, CompatibilityLevel.FORWARD_TRANSITIVE));
    }

    @Test
    void ignoresKeyTypesItDoesNotActOn() {
        assertThat(StoreRecordCodec.decode(bytes("{\"keytype\":\"NOOP\",\"magic\":0}"), null)).isEmpty();
        assertThat(StoreRecordCodec.decode(
                bytes("{\"keytype\":\"SCHEMA\",\"subject\":\"p\",\"version\":1,\"magic\":1}"),
                bytes("{\"subject\":\"p\",\"version\":1,\"id\":3,\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax\"}")))
                .isEmpty();
    }

    @Test
    void rejectsUnreadableRecords() {
        assertThatThrownBy(() -> StoreRecordCodec.decode(bytes("{not json"), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoreRecordCodec.decode(
                bytes("{\"keytype\":\"SCHEMA\",\"subject\":\"s\",\"magic\":1}"), null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
