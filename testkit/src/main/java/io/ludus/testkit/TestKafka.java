package io.ludus.testkit;

import io.ludus.embedded.EmbeddedKafka;
import io.ludus.embedded.EmbeddedKafkaConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/** The test JVM's shared embedded broker, with helpers for isolated topics and groups. Injected by {@link KafkaExtension}. */
public final class TestKafka implements AutoCloseable {

    private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]+");
    private static final Duration TOPIC_READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PRODUCE_TIMEOUT = Duration.ofSeconds(60);

    private final EmbeddedKafka kafka;
    private final Admin admin;
    private final Path dataDirectory;
    private final AtomicInteger sequence = new AtomicInteger();

    private TestKafka(EmbeddedKafka kafka, Path dataDirectory) {
        this.kafka = kafka;
        this.dataDirectory = dataDirectory;
        this.admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
    }

    static TestKafka start() {
        Path dir = TestkitDirectories.fresh("kafka");
        return new TestKafka(EmbeddedKafka.start(EmbeddedKafkaConfig.of(dir)), dir);
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Shared admin client; do not close it. */
    public Admin admin() {
        return admin;
    }

    /** Creates a topic with one partition and a name no other call in this JVM returns. */
    public String uniqueTopic(String prefix) {
        return uniqueTopic(prefix, 1);
    }

    /** Creates a topic with {@code partitions} partitions, returning once every partition accepts writes. */
    public String uniqueTopic(String prefix, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        String topic = uniqueName(prefix);
        createTopics(List.of(new NewTopic(topic, partitions, (short) 1)));
        return topic;
    }

    /**
     * Creates the topics and returns once each partition's leader serves requests. Metadata names a new
     * partition's leader before the broker holds its log; an idempotent producer that writes in that window can
     * have its first batch refused and the next ones accepted, and then retries OUT_OF_ORDER_SEQUENCE_NUMBER until
     * its delivery timeout.
     */
    public void createTopics(Collection<NewTopic> topics) {
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        for (NewTopic topic : topics) {
            for (int p = 0; p < topic.numPartitions(); p++) {
                partitions.put(new TopicPartition(topic.name(), p), OffsetSpec.latest());
            }
        }
        try {
            admin.createTopics(topics).all().get();
            long deadline = System.nanoTime() + TOPIC_READY_TIMEOUT.toNanos();
            while (!leadersServe(partitions)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topics " + partitions.keySet() + " not writable after " + TOPIC_READY_TIMEOUT);
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics " + partitions.keySet(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topics " + partitions.keySet(), e.getCause());
        }
    }

    // a ListOffsets answer comes from the leader once it holds the log, as a produce would
    private boolean leadersServe(Map<TopicPartition, OffsetSpec> partitions) throws InterruptedException, ExecutionException {
        try {
            admin.listOffsets(partitions).all().get(5, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RetriableException) {
                return false;
            }
            throw e;
        }
    }

    public String uniqueGroupId(String prefix) {
        return uniqueName(prefix);
    }

    /** A new, mutable map: bootstrap servers and acks=all; add serializers or pass them to the producer constructor. */
    public Map<String, Object> producerProps() {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return props;
    }

    /** A new, mutable map: bootstrap servers, the group, earliest offset reset and no auto commit. */
    public Map<String, Object> consumerProps(String groupId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return props;
    }

    /** Sends the records and waits until each is acknowledged. */
    public <K, V> void produce(Serializer<K> keySerializer, Serializer<V> valueSerializer, List<ProducerRecord<K, V>> records) {
        try (KafkaProducer<K, V> producer = new KafkaProducer<>(producerProps(), keySerializer, valueSerializer)) {
            List<Future<?>> acks = new ArrayList<>();
            for (ProducerRecord<K, V> record : records) {
                acks.add(producer.send(record));
            }
            for (Future<?> ack : acks) {
                ack.get(PRODUCE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while producing", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot produce", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(records.size() + " records not acknowledged within " + PRODUCE_TIMEOUT, e);
        }
    }

    /**
     * Reads every partition of {@code topic} from the beginning (read_committed, no consumer group) until at
     * least {@code count} records arrived; fails the test if they do not arrive within {@code timeout}.
     * Returns everything read, so a test can also see unexpected extra records of the last poll.
     */
    public <K, V> List<ConsumerRecord<K, V>> consumeUntil(String topic, Deserializer<K> keyDeserializer,
                                                         Deserializer<V> valueDeserializer, int count, Duration timeout) {
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(props, keyDeserializer, valueDeserializer)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                throw new AssertionError("topic " + topic + " does not exist");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < count) {
                long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
                if (remainingMillis <= 0) {
                    throw new AssertionError("expected " + count + " records on " + topic + " within " + timeout
                            + " but got " + records.size() + ": " + records);
                }
                consumer.poll(Duration.ofMillis(Math.min(remainingMillis, 200))).forEach(records::add);
            }
        }
        return records;
    }

    @Override
    public void close() {
        try {
            admin.close();
            kafka.close();
        } finally {
            TestkitDirectories.deleteRecursively(dataDirectory);
        }
    }

    private String uniqueName(String prefix) {
        if (prefix == null || !LEGAL_NAME.matcher(prefix).matches()) {
            throw new IllegalArgumentException("prefix must match " + LEGAL_NAME + ", was " + prefix);
        }
        return prefix + "-" + sequence.incrementAndGet();
    }
}
