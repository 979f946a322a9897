package io.ludus.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ludus.events.command.PlayerCommand;
import io.ludus.events.command.SubmitReport;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.serde.AvroValueDeserializer;
import io.ludus.events.serde.AvroValueSerializer;
import io.ludus.events.serde.UnknownSchemaIdException;
import io.ludus.events.serde.WireFormat;
import io.ludus.events.topic.TopicSpec;
import io.ludus.events.topic.Topics;
import io.ludus.testkit.KafkaExtension;
import io.ludus.testkit.SchemaRegistryExtension;
import io.ludus.testkit.TestKafka;
import io.ludus.testkit.TestSchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("integration")
@Timeout(120)
@ExtendWith({KafkaExtension.class, SchemaRegistryExtension.class})
class SerdeThroughRegistryTest {

    private SchemaRegistryClient registry;

    @BeforeEach
    void connect(TestSchemaRegistry testRegistry) {
        registry = new SchemaRegistryClient(URI.create(testRegistry.url()));
    }

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void everyEventOfEveryTopicRoundTripsThroughTheWireFormat(TestKafka kafka) {
        for (TopicSpec<?, ?> spec : Topics.ALL) {
            String topic = kafka.uniqueTopic(spec.name());
            var serializer = new AvroValueSerializer(registry, spec.valueType());
            var deserializer = new AvroValueDeserializer(registry, spec.valueType());
            for (SpecificRecord sample : SampleEvents.all(spec)) {
                byte[] framed = serializer.serialize(topic, sample);
                assertThat(framed[0]).isEqualTo(WireFormat.MAGIC_BYTE);
                assertThat(registry.getById(WireFormat.schemaId(framed))).isEqualTo(spec.valueSchema());
                assertThat(deserializer.deserialize(topic, framed)).as("%s", spec.name()).isEqualTo(sample);
            }
        }
    }

    @Test
    void commandsSurviveAKafkaRoundTrip(TestKafka kafka) {
        String topic = kafka.uniqueTopic("player-commands", 3);
        var serde = Topics.PLAYER_COMMANDS.valueSerde(registry);
        List<ProducerRecord<String, PlayerCommand>> records = SampleEvents.all(Topics.PLAYER_COMMANDS).stream()
                .map(r -> new ProducerRecord<>(topic, "player-1", (PlayerCommand) r)).toList();
        kafka.produce(new StringSerializer(), serde.serializer(), records);
        var consumed = kafka.consumeUntil(topic, new StringDeserializer(), serde.deserializer(), records.size(), Duration.ofSeconds(30));
        assertThat(consumed).extracting(r -> r.value()).containsExactlyElementsOf(records.stream().map(ProducerRecord::value).toList());
    }

    @Test
    void readsDataWrittenWithAnOlderRegisteredVersion(TestKafka kafka) throws Exception {
        String topic = kafka.uniqueTopic("old-writer");
        Schema v1 = SchemaHistory.versions(Topics.PLAYER_COMMANDS).getFirst();
        int v1Id = registry.register(topic + "-value", v1);
        PlayerCommand current = (PlayerCommand) SampleEvents.all(Topics.PLAYER_COMMANDS).stream()
                .filter(c -> ((PlayerCommand) c).getPayload() instanceof SubmitReport s && s.getClientBuild() != null)
                .findFirst().orElseThrow();

        byte[] framed = frame(v1Id, v1, current);
        PlayerCommand decoded = new AvroValueDeserializer<>(registry, PlayerCommand.class).deserialize(topic, framed);

        SubmitReport report = (SubmitReport) decoded.getPayload();
        assertThat(report.getClientBuild()).as("field added in v2 takes its default").isNull();
        assertThat(report.getText()).isEqualTo(((SubmitReport) current.getPayload()).getText());
    }

    @Test
    void rejectsAnUnknownSchemaIdNamingIt() {
        byte[] framed = ByteBuffer.allocate(6).put((byte) 0).putInt(987_654).put((byte) 0).array();
        assertThatThrownBy(() -> Topics.PLAYER_COMMANDS.valueSerde(registry).deserializer().deserialize("player-commands", framed))
                .isInstanceOf(UnknownSchemaIdException.class)
                .hasMessageContaining("987654").hasMessageContaining("player-commands");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static byte[] frame(int id, Schema writer, SpecificRecord record) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(5).put((byte) 0).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter(writer, SpecificData.getForClass(PlayerCommand.class)).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
