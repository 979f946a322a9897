package io.ludus.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.ludus.events.topic.TopicSpec;
import io.ludus.events.topic.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every value schema keeps its whole history in schema-history/, and each history is
 * FULL_TRANSITIVE: every version reads every other version's data, both ways. Fixtures written with
 * each old version (SchemaSnapshots) must still decode with the current classes.
 */
class SchemaEvolutionTest {

    static Stream<TopicSpec<?, ?>> topics() {
        return Topics.ALL.stream().map(t -> (TopicSpec<?, ?>) t);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void currentSchemaIsTheNewestHistoryVersion(TopicSpec<?, ?> topic) {
        List<Schema> history = SchemaHistory.versions(topic);
        assertThat(history).as("history of %s (run SchemaSnapshots after a schema change)", topic.valueSubject()).isNotEmpty();
        assertThat(history.getLast()).isEqualTo(topic.valueSchema());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void historyIsFullTransitivelyCompatible(TopicSpec<?, ?> topic) {
        List<Schema> history = SchemaHistory.versions(topic);
        for (int reader = 0; reader < history.size(); reader++) {
            for (int writer = 0; writer < history.size(); writer++) {
                var result = SchemaCompatibility.checkReaderWriterCompatibility(history.get(reader), history.get(writer));
                assertThat(result.getType())
                        .as("%s: v%d reading v%d: %s", topic.valueSubject(), reader + 1, writer + 1,
                                result.getResult().getIncompatibilities())
                        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
            }
        }
    }

    @Test
    void historyHasAtLeastOneRealEvolution() {
        assertThat(Topics.ALL).anySatisfy(t -> assertThat(SchemaHistory.versions(t).size()).isGreaterThan(1));
    }

    @Test
    void detectsAnIncompatibleChange() {
        Schema v1 = SchemaHistory.versions(Topics.PLAYER_COMMANDS).getFirst();
        // a required field without a default cannot be read from v1 data
        Schema broken = new Schema.Parser().parse(v1.toString().replaceFirst(
                "\"fields\":\\[", "\"fields\":[{\"name\":\"mandatoryNewField\",\"type\":\"string\"},"));
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(broken, v1).getType())
                .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void fixturesOfEveryVersionDecodeWithCurrentClassesWithoutLoss(TopicSpec<?, ?> topic) throws IOException {
        List<Schema> history = SchemaHistory.versions(topic);
        for (int v = 1; v <= history.size(); v++) {
            byte[] fixture = fixture(topic, v);
            Schema writer = history.get(v - 1);
            List<SpecificRecord> decoded = decodeAll(fixture, writer, topic);
            assertThat(decoded).as("%s v%d fixture", topic.valueSubject(), v).isNotEmpty();
            // Re-encoding what current code decoded, with the old writer schema, must give the
            // fixture back byte for byte: the upgrade lost nothing the old version carried.
            assertThat(encodeAll(decoded, writer, topic)).as("%s v%d round trip", topic.valueSubject(), v).isEqualTo(fixture);
            Set<String> payloadTypes = new HashSet<>();
            for (SpecificRecord r : decoded) {
                payloadTypes.add(((SpecificRecord) r.get(r.getSchema().getField("payload").pos())).getSchema().getFullName());
            }
            Set<String> unionBranches = new HashSet<>();
            writer.getField("payload").schema().getTypes().forEach(s -> unionBranches.add(s.getFullName()));
            assertThat(payloadTypes).as("%s v%d fixture covers every event type", topic.valueSubject(), v)
                    .isEqualTo(unionBranches);
        }
    }

    private static byte[] fixture(TopicSpec<?, ?> topic, int version) throws IOException {
        try (InputStream in = SchemaEvolutionTest.class.getClassLoader().getResourceAsStream(SchemaHistory.fixture(topic, version))) {
            assertThat(in).as("fixture %s", SchemaHistory.fixture(topic, version)).isNotNull();
            return in.readAllBytes();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<SpecificRecord> decodeAll(byte[] bytes, Schema writer, TopicSpec<?, ?> topic) throws IOException {
        SpecificData model = SpecificData.getForClass(topic.valueType());
        var reader = new SpecificDatumReader(writer, topic.valueSchema(), model);
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
        List<SpecificRecord> records = new ArrayList<>();
        while (!decoder.isEnd()) {
            records.add((SpecificRecord) reader.read(null, decoder));
        }
        return records;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static byte[] encodeAll(List<SpecificRecord> records, Schema writer, TopicSpec<?, ?> topic) throws IOException {
        var datumWriter = new SpecificDatumWriter(writer, SpecificData.getForClass(topic.valueType()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        for (SpecificRecord r : records) {
            datumWriter.write(r, encoder);
        }
        encoder.flush();
        return out.toByteArray();
    }
}
