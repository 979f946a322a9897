package io.ludus.testkit;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("integration")
@Timeout(60)
@ExtendWith(KafkaExtension.class)
class KafkaExtensionTest {

    @Test
    void uniqueTopicCreatesADistinctTopicWithTheRequestedPartitions(TestKafka kafka) throws Exception {
        String first = kafka.uniqueTopic("orders", 3);
        String second = kafka.uniqueTopic("orders", 3);

        assertThat(first).isNotEqualTo(second).startsWith("orders-");
        assertThat(kafka.admin().describeTopics(Set.of(first)).allTopicNames().get().get(first).partitions()).hasSize(3);
    }

    @Test
    void roundTripsRecordsOnAUniqueTopic(TestKafka kafka) {
        String topic = kafka.uniqueTopic("round-trip", 2);
        kafka.produce(new StringSerializer(), new StringSerializer(), List.of(
                new ProducerRecord<>(topic, 0, "k1", "v1"),
                new ProducerRecord<>(topic, 1, "k2", "v2")));

        List<ConsumerRecord<String, String>> records =
                kafka.consumeUntil(topic, new StringDeserializer(), new StringDeserializer(), 2, Duration.ofSeconds(30));

        assertThat(records).extracting(ConsumerRecord::value).containsExactlyInAnyOrder("v1", "v2");
    }

    @Test
    void createdTopicsTakeABurstOfWritesToEveryPartitionAtOnce(TestKafka kafka) {
        String prefix = kafka.uniqueGroupId("burst");
        List<NewTopic> topics = List.of(new NewTopic(prefix + ".a", 4, (short) 1), new NewTopic(prefix + ".b", 4, (short) 1));
        kafka.createTopics(topics);

        // many batches in flight at once, to partitions created a moment ago
        List<ProducerRecord<String, String>> burst = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            burst.add(new ProducerRecord<>(topics.get(i % 2).name(), (i / 2) % 4, "k" + i, "v" + i));
        }
        kafka.produce(new StringSerializer(), new StringSerializer(), burst);

        for (NewTopic topic : topics) {
            assertThat(kafka.consumeUntil(topic.name(), new StringDeserializer(), new StringDeserializer(), 200,
                    Duration.ofSeconds(30))).hasSize(200);
        }
    }

    @Test
    void transactionsWorkAndAbortedRecordsStayInvisible(TestKafka kafka) {
        String topic = kafka.uniqueTopic("tx");
        Map<String, Object> props = kafka.producerProps();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, kafka.uniqueGroupId("tx-producer"));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "aborted"));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "committed"));
            producer.commitTransaction();
        }

        List<ConsumerRecord<String, String>> records =
                kafka.consumeUntil(topic, new StringDeserializer(), new StringDeserializer(), 1, Duration.ofSeconds(30));

        assertThat(records).extracting(ConsumerRecord::value).containsExactly("committed");
    }

    @Test
    void consumeUntilFailsWhenTooFewRecordsArrive(TestKafka kafka) {
        String topic = kafka.uniqueTopic("empty");

        assertThatThrownBy(() -> kafka.consumeUntil(topic, new StringDeserializer(), new StringDeserializer(), 1, Duration.ofMillis(500)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(topic);
    }

    @Test
    void consumeUntilFailsForAMissingTopicWithoutCreatingIt(TestKafka kafka) throws Exception {
        assertThatThrownBy(() -> kafka.consumeUntil("never-created", new StringDeserializer(), new StringDeserializer(), 1, Duration.ofSeconds(2)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("never-created");
        assertThat(kafka.admin().listTopics().names().get()).doesNotContain("never-created");
    }

    @Test
    void consumerPropsReadAUniqueTopicFromTheBeginningWithinAGroup(TestKafka kafka) {
        String topic = kafka.uniqueTopic("grouped");
        kafka.produce(new StringSerializer(), new StringSerializer(), List.of(new ProducerRecord<>(topic, "k", "first")));

        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                kafka.consumerProps(kafka.uniqueGroupId("readers")), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
            }
        }

        assertThat(values).containsExactly("first");
    }

    @Test
    void rejectsATopicPrefixKafkaCannotUse(TestKafka kafka) {
        assertThatThrownBy(() -> kafka.uniqueTopic("no spaces"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prefix");
    }

    @Test
    void groupIdsAreUnique(TestKafka kafka) {
        assertThat(kafka.uniqueGroupId("g")).isNotEqualTo(kafka.uniqueGroupId("g"));
    }
}
