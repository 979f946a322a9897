package io.ludus.replay.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.replay.ReplayDeleted;
import io.ludus.events.replay.ReplayDeletionReason;
import io.ludus.events.topic.Topics;
import io.ludus.replay.api.ReplayDeletedPublisher;
import io.ludus.testkit.KafkaExtension;
import io.ludus.testkit.SchemaRegistryExtension;
import io.ludus.testkit.TestKafka;
import io.ludus.testkit.TestSchemaRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
@Timeout(120)
@ExtendWith({KafkaExtension.class, SchemaRegistryExtension.class})
class ReplayDeletedPublisherTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path root;

    @Test
    void retentionPublishesReplayDeletedThenDeletes(TestKafka kafka, TestSchemaRegistry registry) throws IOException {
        String topic = kafka.uniqueTopic("replay-events");
        FileSystemReplayStore store = new FileSystemReplayStore(root);
        ReplayRef old = storeAged(store, "expired-match", Duration.ofDays(40));
        storeAged(store, "fresh-match", Duration.ofDays(1));

        try (var publisher = new ReplayDeletedPublisher(kafka.bootstrapServers(), URI.create(registry.url()), topic, CLOCK)) {
            int deleted = new ReplayRetention(store, Duration.ofDays(30), CLOCK, publisher).runOnce();
            assertThat(deleted).isEqualTo(1);
        }

        assertThat(store.exists("expired-match")).isFalse();
        assertThat(store.exists("fresh-match")).isTrue();
        try (SchemaRegistryClient client = new SchemaRegistryClient(URI.create(registry.url()))) {
            var records = kafka.consumeUntil(topic, new StringDeserializer(),
                    Topics.REPLAY_EVENTS.valueSerde(client).deserializer(), 1, Duration.ofSeconds(30));
            assertThat(records).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo("expired-match");
                assertThat(r.value().getOccurredAt()).isEqualTo(NOW);
                assertThat(r.value().getPayload()).isEqualTo(
                        new ReplayDeleted("expired-match", old.key(), ReplayDeletionReason.RETENTION_EXPIRED));
            });
        }
    }

    @Test
    void keepsTheReplayWhenTheEventCannotBePublished(TestKafka kafka) throws IOException {
        FileSystemReplayStore store = new FileSystemReplayStore(root);
        storeAged(store, "expired-match", Duration.ofDays(40));
        URI noRegistry = URI.create("http://127.0.0.1:9");

        try (var publisher = new ReplayDeletedPublisher(kafka.bootstrapServers(), noRegistry, kafka.uniqueTopic("replay-events"), CLOCK)) {
            assertThatThrownBy(() -> new ReplayRetention(store, Duration.ofDays(30), CLOCK, publisher).runOnce())
                    .hasMessageContaining("expired-match");
        }
        assertThat(store.exists("expired-match")).as("kept for the next run").isTrue();
    }

    /** Stores through another store on the same directory whose clock is {@code age} behind. */
    private ReplayRef storeAged(FileSystemReplayStore store, String matchId, Duration age) {
        try (FileSystemReplayStore then = new FileSystemReplayStore(root, ReplayStore.DEFAULT_MAX_REPLAY_BYTES,
                Clock.fixed(NOW.minus(age), ZoneOffset.UTC))) {
            return then.put(matchId, ReplayStoreContract.replay(matchId, 1));
        }
    }
}
