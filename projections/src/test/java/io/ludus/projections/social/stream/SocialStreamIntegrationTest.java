package io.ludus.projections.social.stream;

import io.ludus.events.account.AccountEvent;
import io.ludus.events.command.PlayerCommand;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.rejection.CommandRefused;
import io.ludus.events.rejection.CommandRejectionEvent;
import io.ludus.events.rejection.RejectionReason;
import io.ludus.events.social.FriendRequestAccepted;
import io.ludus.events.social.FriendRequestSent;
import io.ludus.events.social.SocialEvent;
import io.ludus.events.topic.Topics;
import io.ludus.projections.streams.ProjectionTopics;
import io.ludus.projections.streams.StreamsDrain;
import io.ludus.testkit.LudusInfra;
import io.ludus.testkit.TestKafka;
import io.ludus.testkit.TestSchemaRegistry;
import io.micronaut.context.ApplicationContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.ludus.projections.social.stream.SocialRecords.accept;
import static io.ludus.projections.social.stream.SocialRecords.created;
import static io.ludus.projections.social.stream.SocialRecords.sendRequest;
import static org.assertj.core.api.Assertions.assertThat;

@Tag("integration")
@LudusInfra
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SocialStreamIntegrationTest {

    private static final Duration WAIT = Duration.ofMinutes(2);

    @Test
    void requestAndAcceptanceFromDifferentPartitionsBecomeOneFriendshipExactlyOnce(TestKafka kafka, TestSchemaRegistry testRegistry,
                                                                                   @TempDir Path stateDir) throws Exception {
        String prefix = ProjectionTopics.provision(kafka, kafka.uniqueGroupId("so") + ".",
                List.of(Topics.PLAYER_COMMANDS, Topics.ACCOUNT_EVENTS, Topics.SOCIAL_EVENTS, Topics.COMMAND_REJECTIONS));
        String applicationId = kafka.uniqueGroupId("social-it");
        String commands = prefix + Topics.PLAYER_COMMANDS.name();
        String accounts = prefix + Topics.ACCOUNT_EVENTS.name();
        String socialEvents = prefix + Topics.SOCIAL_EVENTS.name();
        try (var registry = new SchemaRegistryClient(URI.create(testRegistry.url()));
             ApplicationContext ignored = ApplicationContext.run(Map.of("ludus.projections.read-models.enabled", "false",
                     "ludus.kafka.bootstrap-servers", kafka.bootstrapServers(),
                     "ludus.registry.url", testRegistry.url(),
                     "ludus.projections.social.application-id", applicationId,
                     "ludus.projections.social.topic-prefix", prefix,
                     "ludus.projections.social.state-dir", stateDir.toString(),
                     "ludus.projections.ratings.enabled", "false"))) {
            var accountSerializer = Topics.ACCOUNT_EVENTS.valueSerde(registry).serializer();
            var commandSerializer = Topics.PLAYER_COMMANDS.valueSerde(registry).serializer();
            kafka.produce(new StringSerializer(), accountSerializer, List.<ProducerRecord<String, AccountEvent>>of(
                    new ProducerRecord<>(accounts, "acct-ann", created("ann")),
                    new ProducerRecord<>(accounts, "acct-bob", created("bob"))));
            StreamsDrain.await(kafka.admin(), applicationId, Set.of(accounts, commands), Set.of(socialEvents), WAIT);

            PlayerCommand request = sendRequest("bob", "c1", "ann");
            kafka.produce(new StringSerializer(), commandSerializer, List.of(
                    new ProducerRecord<>(commands, "bob", request),
                    new ProducerRecord<>(commands, "bob", request),
                    new ProducerRecord<>(commands, "ann", sendRequest("ann", "c2", "ghost"))));
            StreamsDrain.await(kafka.admin(), applicationId, Set.of(accounts, commands), Set.of(socialEvents), WAIT);
            kafka.produce(new StringSerializer(), commandSerializer, List.of(
                    new ProducerRecord<>(commands, "ann", accept("ann", "c3", "bob"))));
            StreamsDrain.await(kafka.admin(), applicationId, Set.of(accounts, commands), Set.of(socialEvents), WAIT);

            List<ConsumerRecord<String, SocialEvent>> events = StreamsDrain.readCommitted(kafka.bootstrapServers(),
                    socialEvents, Topics.SOCIAL_EVENTS.valueSerde(registry).deserializer(), WAIT);
            List<ConsumerRecord<String, CommandRejectionEvent>> rejections = StreamsDrain.readCommitted(kafka.bootstrapServers(),
                    prefix + Topics.COMMAND_REJECTIONS.name(), Topics.COMMAND_REJECTIONS.valueSerde(registry).deserializer(), WAIT);

            assertThat(events).extracting(ConsumerRecord::key).containsOnly(Topics.socialPairKey("ann", "bob"));
            assertThat(events).extracting(r -> r.value().getPayload())
                    .containsExactly(new FriendRequestSent("bob", "ann"), new FriendRequestAccepted("bob", "ann"));
            assertThat(rejections).hasSize(1);
            assertThat(rejections.get(0).key()).isEqualTo("ann");
            assertThat(((CommandRefused) rejections.get(0).value().getPayload()).getReason()).isEqualTo(RejectionReason.UNKNOWN_PLAYER);
        }
    }
}
