package io.ludus.workers;

import io.ludus.simevents.EventMapping;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.serde.AvroValueDeserializer;
import io.ludus.events.serde.AvroValueSerializer;
import io.ludus.events.simulation.SimulationRequestEvent;
import io.ludus.events.simulation.SimulationRequested;
import io.ludus.sim.BattleSetup;
import io.ludus.sim.RandomLoadouts;
import io.ludus.sim.content.ContentPack;
import io.ludus.testkit.TestKafka;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** One isolated set of worker topics on the shared broker, with helpers to feed requests and read outputs. */
final class Pipeline {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    static final ContentPack PACK = ContentPack.bundled();

    final TestKafka kafka;
    final SchemaRegistryClient registry;
    final String prefix;
    final WorkerTopics topics;

    private Pipeline(TestKafka kafka, SchemaRegistryClient registry, String prefix) {
        this.kafka = kafka;
        this.registry = registry;
        this.prefix = prefix;
        this.topics = WorkerTopics.withPrefix(prefix);
    }

    static Pipeline create(TestKafka kafka, String registryUrl, String name, int partitions) {
        String prefix = name + "-" + SEQUENCE.incrementAndGet() + "-" + ProcessHandle.current().pid() + ".";
        Pipeline pipeline = new Pipeline(kafka, new SchemaRegistryClient(URI.create(registryUrl)), prefix);
        List<NewTopic> topics = List.of(pipeline.topics.requests(), pipeline.topics.results()).stream()
                .map(topic -> new NewTopic(topic, partitions, (short) 1))
                .toList();
        kafka.createTopics(topics);
        return pipeline;
    }

    SimWorkerConfig config(URI replayBaseUri) {
        return SimWorkerConfig.defaults(kafka.bootstrapServers(), replayBaseUri)
                .withTopicPrefix(prefix)
                .withGroupId(prefix + "workers")
                .withThreads(2)
                .withMaxPollRecords(20);
    }

    static SimulationRequestEvent request(String matchId, BattleSetup setup) {
        return SimulationRequestEvent.newBuilder()
                .setEventId(UUID.randomUUID())
                .setOccurredAt(Instant.now())
                .setCorrelationId("corr-" + matchId)
                .setCausationId(null)
                .setPayload(EventMapping.toRequest(matchId, setup))
                .build();
    }

    /** Valid 3v3 requests for seeds 0..count-1, match ids {@code <prefix>m<seed>} with dots replaced. */
    List<SimulationRequestEvent> validRequests(int count) {
        RandomLoadouts loadouts = new RandomLoadouts(PACK);
        List<SimulationRequestEvent> requests = new ArrayList<>();
        for (int seed = 0; seed < count; seed++) {
            requests.add(request(matchId("m" + seed), loadouts.battle(seed, 3, 3)));
        }
        return requests;
    }

    String matchId(String suffix) {
        return (prefix + suffix).replace('.', '_');
    }

    void produce(List<SimulationRequestEvent> requests) {
        AvroValueSerializer<SimulationRequestEvent> serializer = new AvroValueSerializer<>(registry, SimulationRequestEvent.class);
        List<ProducerRecord<String, byte[]>> records = requests.stream()
                .map(r -> new ProducerRecord<>(topics.requests(), ((SimulationRequested) r.getPayload()).getMatchId(),
                        serializer.serialize(topics.requests(), r)))
                .toList();
        produceRaw(records);
    }

    void produceRaw(List<ProducerRecord<String, byte[]>> records) {
        kafka.produce(new StringSerializer(), new ByteArraySerializer(), records);
    }

    <V extends SpecificRecord> List<ConsumerRecord<String, V>> awaitAtLeast(String topic, Class<V> type, int count) {
        return kafka.consumeUntil(topic, new StringDeserializer(), new AvroValueDeserializer<>(registry, type), count,
                Duration.ofSeconds(60));
    }

    /** Every committed record of {@code topic}: reads from the beginning up to the last stable offset of each partition. */
    <V extends SpecificRecord> List<ConsumerRecord<String, V>> readAll(String topic, Class<V> type) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new AvroValueDeserializer<>(registry, type))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
