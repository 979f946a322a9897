package io.ludus.bench;

import io.ludus.embedded.EmbeddedKafka;
import io.ludus.embedded.EmbeddedKafkaConfig;
import io.ludus.events.command.JoinQueue;
import io.ludus.events.command.PlayerCommand;
import io.ludus.events.common.AbilityRule;
import io.ludus.events.common.Tactics;
import io.ludus.events.common.TargetFilter;
import io.ludus.events.common.TargetOrder;
import io.ludus.events.common.TargetRule;
import io.ludus.events.common.TargetSide;
import io.ludus.events.common.TeamLoadout;
import io.ludus.events.common.UnitLoadout;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.serde.AvroValueDeserializer;
import io.ludus.events.serde.AvroValueSerializer;
import io.ludus.events.topic.Topics;
import io.ludus.registry.SchemaRegistryConfig;
import io.ludus.registry.SchemaRegistryServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Encode + decode of a realistic JoinQueue command: through the Confluent wire-format serde (warm
 * registry cache) against plain Avro binary without a registry. Their ratio is the serde's cost.
 * Run: ./mvnw -q install -DskipTests -pl benchmarks -am && ./mvnw -q -pl benchmarks compile exec:exec -Djmh.args="SerdeBenchmark -f 1 -wi 3 -w 2s -i 5 -r 3s"
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SerdeBenchmark {

    private static final String TOPIC = Topics.PLAYER_COMMANDS.name();

    private EmbeddedKafka kafka;
    private SchemaRegistryServer registry;
    private SchemaRegistryClient client;
    private AvroValueSerializer<PlayerCommand> serializer;
    private AvroValueDeserializer<PlayerCommand> deserializer;
    private SpecificDatumWriter<PlayerCommand> plainWriter;
    private SpecificDatumReader<PlayerCommand> plainReader;
    private BinaryEncoder encoder;
    private BinaryDecoder decoder;
    private PlayerCommand command;

    @Setup
    public void start() throws IOException {
        Path dir = Files.createTempDirectory("serde-bench");
        kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.of(dir.resolve("kafka")));
        registry = SchemaRegistryServer.start(SchemaRegistryConfig.of(kafka.bootstrapServers(), "127.0.0.1", 0));
        client = new SchemaRegistryClient(registry.uri());
        serializer = new AvroValueSerializer<>(client, PlayerCommand.class);
        deserializer = new AvroValueDeserializer<>(client, PlayerCommand.class);
        plainWriter = new SpecificDatumWriter<>(PlayerCommand.class);
        plainReader = new SpecificDatumReader<>(PlayerCommand.class);
        command = sampleCommand();
        deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, command)); // registers, warms both caches
    }

    @TearDown
    public void stop() {
        client.close();
        registry.close();
        kafka.close();
    }

    @Benchmark
    public PlayerCommand confluentWireFormat() {
        return deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, command));
    }

    @Benchmark
    public PlayerCommand plainAvroBinary() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        encoder = EncoderFactory.get().binaryEncoder(out, encoder);
        plainWriter.write(command, encoder);
        encoder.flush();
        byte[] bytes = out.toByteArray();
        decoder = DecoderFactory.get().binaryDecoder(bytes, decoder);
        return plainReader.read(null, decoder);
    }

    static PlayerCommand sampleCommand() {
        TargetRule weakest = new TargetRule(TargetSide.ENEMY, TargetFilter.IN_RANGE, 0, TargetOrder.LOWEST_HEALTH);
        TargetRule woundedAlly = new TargetRule(TargetSide.ALLY, TargetFilter.HEALTH_BELOW_PERCENT, 40, TargetOrder.LOWEST_HEALTH_PERCENT);
        List<UnitLoadout> units = List.of(
                new UnitLoadout("guardian", List.of("shield_bash", "sunder", "shield_wall"),
                        new Tactics(List.of(new AbilityRule("shield_bash", weakest)), List.of(weakest))),
                new UnitLoadout("cleric", List.of("heal", "renew", "smite"),
                        new Tactics(List.of(new AbilityRule("heal", woundedAlly), new AbilityRule("smite", weakest)), List.of(weakest))),
                new UnitLoadout("archer", List.of("crippling_arrow", "volley"),
                        new Tactics(List.of(new AbilityRule("volley", weakest)), List.of(weakest))));
        String player = UUID.randomUUID().toString();
        JoinQueue join = new JoinQueue(player, "c-1", "ranked-3v3", new TeamLoadout(units), 100);
        UUID id = UUID.randomUUID();
        return new PlayerCommand(id, Instant.parse("2026-11-22T10:00:00Z"), id.toString(), null, join);
    }
}
