package io.ludus.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ludus.events.topic.CleanupPolicy;
import io.ludus.events.topic.TopicMismatchException;
import io.ludus.events.topic.TopicProvisioner;
import io.ludus.events.topic.TopicSpec;
import io.ludus.events.topic.Topics;
import io.ludus.testkit.KafkaExtension;
import io.ludus.testkit.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("integration")
@Timeout(120)
@ExtendWith(KafkaExtension.class)
class TopicProvisionerTest {

    /** The catalogue with names unique to this test, so it does not meet other tests' topics. */
    private static List<TopicSpec<?, ?>> uniqueCatalogue() {
        String suffix = "-" + UUID.randomUUID().toString().substring(0, 8);
        return Topics.ALL.stream().<TopicSpec<?, ?>>map(t -> renamed(t, t.name() + suffix)).toList();
    }

    private static <K, V extends org.apache.avro.specific.SpecificRecord> TopicSpec<K, V> renamed(TopicSpec<K, V> t, String name) {
        return new TopicSpec<>(name, t.keyType(), t.valueType(), t.partitions(), t.cleanupPolicy(), t.retention(), t.configs());
    }

    @Test
    void createsEveryTopicWithItsSettingsAndChangesNothingOnRerun(TestKafka kafka) throws Exception {
        List<TopicSpec<?, ?>> catalogue = uniqueCatalogue();
        TopicProvisioner provisioner = new TopicProvisioner(kafka.admin(), (short) 1, Duration.ofSeconds(30));

        Set<String> created = provisioner.provision(catalogue);
        assertThat(created).containsExactlyInAnyOrderElementsOf(catalogue.stream().map(TopicSpec::name).toList());
        assertThat(provisioner.provision(catalogue)).as("second run creates nothing").isEmpty();

        var descriptions = kafka.admin().describeTopics(created).allTopicNames().get();
        for (TopicSpec<?, ?> spec : catalogue) {
            assertThat(descriptions.get(spec.name()).partitions()).hasSize(spec.partitions());
            var config = kafka.admin().describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, spec.name())))
                    .all().get().values().iterator().next();
            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo(spec.cleanupPolicy().configValue());
        }
    }

    @Test
    void provisionedTopicsTakePipelinedIdempotentWritesAtOnce(TestKafka kafka) throws Exception {
        List<TopicSpec<?, ?>> catalogue = uniqueCatalogue();
        new TopicProvisioner(kafka.admin(), (short) 1, Duration.ofSeconds(30)).provision(catalogue);

        // one-record batches, five in flight per connection: a first batch refused by a leader that is not
        // ready yet, with the batches behind it accepted, would leave the producer retrying until the timeout
        Map<String, Object> props = kafka.producerProps();
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 1);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        Map<TopicPartition, List<Future<RecordMetadata>>> acks = new HashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 10; i++) {
                for (TopicSpec<?, ?> spec : catalogue) {
                    for (int p = 0; p < spec.partitions(); p++) {
                        acks.computeIfAbsent(new TopicPartition(spec.name(), p), tp -> new ArrayList<>())
                                .add(producer.send(new ProducerRecord<>(spec.name(), p, new byte[] {(byte) i}, new byte[] {(byte) i})));
                    }
                }
            }
            for (var partition : acks.entrySet()) {
                List<Long> offsets = new ArrayList<>();
                for (Future<RecordMetadata> ack : partition.getValue()) {
                    offsets.add(ack.get(30, TimeUnit.SECONDS).offset());
                }
                assertThat(offsets).as("offsets of %s", partition.getKey()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
            }
        }
    }

    @Test
    void rejectsAnExistingTopicWithTheWrongPartitionCountNamingTopicAndSetting(TestKafka kafka) throws Exception {
        TopicSpec<?, ?> spec = renamed(Topics.PLAYER_COMMANDS, "wrong-partitions-" + UUID.randomUUID());
        kafka.admin().createTopics(List.of(new NewTopic(spec.name(), spec.partitions() + 1, (short) 1))).all().get();

        assertThatThrownBy(() -> new TopicProvisioner(kafka.admin(), (short) 1, Duration.ofSeconds(30)).provision(List.of(spec)))
                .isInstanceOfSatisfying(TopicMismatchException.class, e -> {
                    assertThat(e.topic()).isEqualTo(spec.name());
                    assertThat(e.setting()).isEqualTo(TopicMismatchException.Setting.PARTITIONS);
                    assertThat(e.expected()).isEqualTo(Integer.toString(spec.partitions()));
                })
                .hasMessageContaining(spec.name());
    }

    @Test
    void rejectsAnExistingTopicWithTheWrongCleanupPolicy(TestKafka kafka) throws Exception {
        TopicSpec<?, ?> compacted = Topics.ALL.stream().filter(t -> t.cleanupPolicy() == CleanupPolicy.COMPACT)
                .findFirst().orElseThrow();
        TopicSpec<?, ?> spec = renamed(compacted, "wrong-cleanup-" + UUID.randomUUID());
        kafka.admin().createTopics(List.of(new NewTopic(spec.name(), spec.partitions(), (short) 1))).all().get();

        assertThatThrownBy(() -> new TopicProvisioner(kafka.admin(), (short) 1, Duration.ofSeconds(30)).provision(List.of(spec)))
                .isInstanceOfSatisfying(TopicMismatchException.class,
                        e -> assertThat(e.setting()).isEqualTo(TopicMismatchException.Setting.CLEANUP_POLICY));
    }

    @Test
    void catalogueDeclaresEachTopicOnce() {
        Set<String> names = Topics.ALL.stream().map(TopicSpec::name).collect(Collectors.toSet());
        assertThat(names).hasSameSizeAs(Topics.ALL);
    }
}
