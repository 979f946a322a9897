package io.ludus.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@link RegistryState} in step with the compacted schema topic. A reader thread applies every record;
 * {@link #append} produces with acks=all and returns once the reader has applied the write, so a request
 * reads its own writes.
 *
 * <p>Known limit: this assumes a single writing registry instance per topic. Confluent elects a leader
 * among instances and forwards writes to it; two Ludus registries writing one topic could assign the same id
 * to different schemas (the reader then keeps the first and logs the conflict).
 */
final class KafkaSchemaStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSchemaStore.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);

    private final RegistryState state;
    private final TopicPartition partition;
    private final Duration writeTimeout;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread reader;
    private final ReentrantLock positionLock = new ReentrantLock();
    private final Condition positionAdvanced = positionLock.newCondition();
    private long appliedPosition;
    private volatile boolean running = true;

    private KafkaSchemaStore(SchemaRegistryConfig config, RegistryState state) {
        this.state = state;
        this.partition = new TopicPartition(config.topic(), 0);
        this.writeTimeout = config.writeTimeout();
        this.producer = new KafkaProducer<>(producerProperties(config));
        this.consumer = new KafkaConsumer<>(consumerProperties(config));
        this.reader = Thread.ofPlatform().name("schema-registry-reader").daemon().unstarted(this::readLoop);
    }

    /** Creates the topic if missing, then returns once the topic has been read to its end. */
    static KafkaSchemaStore open(SchemaRegistryConfig config, RegistryState state) {
        ensureTopic(config);
        KafkaSchemaStore store = new KafkaSchemaStore(config, state);
        try {
            store.consumer.assign(List.of(store.partition));
            store.consumer.seekToBeginning(List.of(store.partition));
            long end = store.consumer.endOffsets(List.of(store.partition), config.initTimeout()).get(store.partition);
            store.reader.start();
            if (!store.awaitPosition(end, config.initTimeout())) {
                throw new IllegalStateException("Timed out after " + config.initTimeout() + " reading topic "
                        + config.topic() + " to offset " + end);
            }
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Writes records in order and waits until the reader has applied them. */
    void append(List<StoreRecord> records) {
        List<Future<RecordMetadata>> sends = new ArrayList<>(records.size());
        long lastOffset = -1;
        try {
            for (StoreRecord record : records) {
                sends.add(producer.send(new ProducerRecord<>(partition.topic(), partition.partition(),
                        StoreRecordCodec.key(record), StoreRecordCodec.value(record))));
            }
            for (Future<RecordMetadata> send : sends) {
                lastOffset = send.get(writeTimeout.toMillis(), TimeUnit.MILLISECONDS).offset();
            }
        } catch (TimeoutException e) {
            throw new RegistryException(ErrorCode.STORE_TIMEOUT, "Timed out writing to the schema topic", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(ErrorCode.STORE_ERROR, "Interrupted writing to the schema topic", e);
        } catch (ExecutionException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new RegistryException(ErrorCode.STORE_ERROR,
                    "Error writing to the schema topic: " + cause.getMessage(), cause);
        }
        if (!awaitPosition(lastOffset + 1, writeTimeout)) {
            throw new RegistryException(ErrorCode.STORE_TIMEOUT,
                    "Write reached Kafka but was not read back within " + writeTimeout);
        }
    }

    private boolean awaitPosition(long position, Duration timeout) {
        long remaining = timeout.toNanos();
        positionLock.lock();
        try {
            while (appliedPosition < position) {
                if (remaining <= 0 || !running) {
                    return false;
                }
                remaining = positionAdvanced.awaitNanos(remaining);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            positionLock.unlock();
        }
    }

    private void readLoop() {
        while (running) {
            try {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_INTERVAL)) {
                    applyRecord(record);
                }
                long position = consumer.position(partition);
                positionLock.lock();
                try {
                    appliedPosition = position;
                    positionAdvanced.signalAll();
                } finally {
                    positionLock.unlock();
                }
            } catch (WakeupException | InterruptException e) {
                if (running) {
                    LOG.warn("Schema topic reader interrupted while running; continuing", e);
                }
            } catch (RuntimeException e) {
                LOG.error("Error reading schema topic {}; retrying", partition.topic(), e);
                sleepQuietly();
            }
        }
    }

    private void applyRecord(ConsumerRecord<byte[], byte[]> record) {
        Optional<StoreRecord> decoded;
        try {
            decoded = StoreRecordCodec.decode(record.key(), record.value());
        } catch (RuntimeException e) {
            LOG.warn("Skipping unreadable record at offset {} of {}: {}", record.offset(), partition.topic(),
                    e.getMessage());
            return;
        }
        decoded.ifPresent(state::apply);
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(RETRY_BACKOFF);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void ensureTopic(SchemaRegistryConfig config) {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, "ludus-schema-registry-admin");
        String where = "schema topic " + config.topic() + " on Kafka at bootstrapServers=" + config.bootstrapServers();
        Admin admin;
        try {
            admin = Admin.create(props);
        } catch (KafkaException e) {
            throw new IllegalStateException("Cannot prepare " + where + ": " + e.getMessage(), e);
        }
        long timeoutMs = config.initTimeout().toMillis();
        try {
            int brokers = admin.describeCluster().nodes().get(timeoutMs, TimeUnit.MILLISECONDS).size();
            try {
                admin.createTopics(List.of(new NewTopic(config.topic(), 1, (short) Math.min(3, brokers))
                                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                        .all().get(timeoutMs, TimeUnit.MILLISECONDS);
                LOG.info("Created schema topic {}", config.topic());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            verifyTopic(admin, config.topic(), timeoutMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while preparing " + where, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out after " + config.initTimeout() + " preparing " + where, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot prepare " + where + ": " + e.getCause(), e.getCause());
        } finally {
            admin.close(Duration.ZERO);
        }
    }

    private static void verifyTopic(Admin admin, String topic, long timeoutMs)
            throws ExecutionException, InterruptedException, TimeoutException {
        TopicDescription description = describeWhenVisible(admin, topic, timeoutMs);
        if (description.partitions().size() != 1) {
            throw new IllegalStateException("Schema topic " + topic + " must have exactly 1 partition, has "
                    + description.partitions().size());
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config topicConfig = admin.describeConfigs(List.of(resource)).all()
                .get(timeoutMs, TimeUnit.MILLISECONDS).get(resource);
        String policy = topicConfig.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
        if (!TopicConfig.CLEANUP_POLICY_COMPACT.equals(policy)) {
            throw new IllegalStateException("Schema topic " + topic + " must have cleanup.policy=compact, has "
                    + policy);
        }
    }

    /** A topic just created may be missing from the broker's metadata for a moment: wait for it. */
    private static TopicDescription describeWhenVisible(Admin admin, String topic, long timeoutMs)
            throws ExecutionException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            try {
                TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(timeoutMs, TimeUnit.MILLISECONDS).get(topic);
                if (description != null) {
                    return description;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new ExecutionException(new UnknownTopicOrPartitionException(topic));
            }
            Thread.sleep(50);
        }
    }

    private static Properties producerProperties(SchemaRegistryConfig config) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "ludus-schema-registry-writer");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, config.writeTimeout().toMillis());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return props;
    }

    private static Properties consumerProperties(SchemaRegistryConfig config) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "ludus-schema-registry-reader");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return props;
    }

    @Override
    public void close() {
        running = false;
        positionLock.lock();
        try {
            positionAdvanced.signalAll();
        } finally {
            positionLock.unlock();
        }
        if (reader.isAlive()) {
            consumer.wakeup();
            try {
                reader.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close(Duration.ofSeconds(5));
        consumer.close(Duration.ofSeconds(5));
    }
}
