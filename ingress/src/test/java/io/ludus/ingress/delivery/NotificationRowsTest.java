package io.ludus.ingress.delivery;

import io.ludus.events.registry.RegistryUnavailableException;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.topic.Topics;
import io.micronaut.json.JsonMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A record that can never be read is left out of the log; a registry that does not answer is retried, never a gap. */
class NotificationRowsTest {

    private static ConsumerRecord<String, byte[]> record(byte[] value) {
        return new ConsumerRecord<>(Topics.PLAYER_NOTIFICATIONS.name(), 0, 7, "player-1", value);
    }

    @Test
    void leavesOutARecordThatIsNotInTheWireFormat() throws Exception {
        try (SchemaRegistryClient registry = new SchemaRegistryClient(URI.create("http://127.0.0.1:9"), Duration.ofMillis(200))) {
            NotificationRows rows = new NotificationRows(registry, new NotificationFrames(JsonMapper.createDefault()));

            assertThat(rows.of(List.of(record(new byte[] {42, 1, 2, 3})))).isEmpty();
        }
    }

    @Test
    void throwsWhenTheRegistryDoesNotAnswerInsteadOfSkippingTheRecord() throws Exception {
        // a port that accepts connections and never answers: the registry is there but too slow
        try (ServerSocket silent = new ServerSocket()) {
            silent.bind(new InetSocketAddress("127.0.0.1", 0));
            URI url = URI.create("http://127.0.0.1:" + silent.getLocalPort());
            try (SchemaRegistryClient registry = new SchemaRegistryClient(url, Duration.ofMillis(300))) {
                NotificationRows rows = new NotificationRows(registry, new NotificationFrames(JsonMapper.createDefault()));
                byte[] wireFormat = {0, 0, 0, 0, 99, 2, 4};

                assertThatThrownBy(() -> rows.of(List.of(record(wireFormat))))
                        .isInstanceOf(RegistryUnavailableException.class);
            }
        }
    }
}
