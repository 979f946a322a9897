package io.ludus.projections.rating.stream;

import io.ludus.events.common.Outcome;
import io.ludus.events.match.MatchEvent;
import io.ludus.events.rating.PlayerRatingChanged;
import io.ludus.events.rating.PlayerRatingEvent;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.topic.Topics;
import io.ludus.projections.streams.ManagedStreams;
import io.ludus.projections.streams.ProjectionTopics;
import io.ludus.projections.streams.StreamsDrain;
import io.ludus.projections.streams.StreamsHealthIndicator;
import io.ludus.testkit.LudusInfra;
import io.ludus.testkit.TestKafka;
import io.ludus.testkit.TestSchemaRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.ludus.projections.rating.stream.MatchEvents.completed;
import static io.ludus.projections.rating.stream.MatchEvents.side;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("integration")
@LudusInfra
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class RatingsStreamIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration WAIT = Duration.ofMinutes(2);

    @Test
    void ratesEachRankedMatchOncePerPlayerExactlyOnceOnTheBroker(TestKafka kafka, TestSchemaRegistry testRegistry,
                                                                 @TempDir Path stateDir) throws Exception {
        String prefix = ProjectionTopics.provision(kafka, kafka.uniqueGroupId("rt") + ".",
                List.of(Topics.MATCHES, Topics.PLAYER_RATINGS));
        String applicationId = kafka.uniqueGroupId("ratings-it");
        try (var registry = new SchemaRegistryClient(URI.create(testRegistry.url()));
             ApplicationContext context = ApplicationContext.run(Map.of("ludus.projections.read-models.enabled", "false",
                     "ludus.kafka.bootstrap-servers", kafka.bootstrapServers(),
                     "ludus.registry.url", testRegistry.url(),
                     "ludus.projections.ratings.application-id", applicationId,
                     "ludus.projections.ratings.topic-prefix", prefix,
                     "ludus.projections.ratings.state-dir", stateDir.toString(),
                     "ludus.projections.social.enabled", "false"))) {
            MatchEvent ranked = completed("m1", side("ann", 1500, 350), side("bob", 1500, 350), Outcome.TEAM_A_WINS, true, T0);
            MatchEvent unranked = completed("m2", side("ann", 1500, 350), side("cat", 1500, 350), Outcome.TEAM_A_WINS, false, T0);
            String matches = prefix + Topics.MATCHES.name();
            kafka.produce(new StringSerializer(), Topics.MATCHES.valueSerde(registry).serializer(), List.of(
                    new ProducerRecord<>(matches, "m1", ranked),
                    new ProducerRecord<>(matches, "m1", ranked),
                    new ProducerRecord<>(matches, "m2", unranked)));

            StreamsDrain.await(kafka.admin(), applicationId, Set.of(matches), Set.of(), WAIT);
            List<ConsumerRecord<String, PlayerRatingEvent>> published = StreamsDrain.readCommitted(kafka.bootstrapServers(),
                    prefix + Topics.PLAYER_RATINGS.name(), Topics.PLAYER_RATINGS.valueSerde(registry).deserializer(), WAIT);

            assertThat(published).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("ann", "bob");
            assertThat(published).extracting(r -> ((PlayerRatingChanged) r.value().getPayload()).getMatchId()).containsOnly("m1");
            assertThat(context.getBeansOfType(ManagedStreams.class)).extracting(ManagedStreams::name).containsExactly("ratings");
            HealthResult health = Mono.from(context.getBean(StreamsHealthIndicator.class).getResult()).block();
            assertThat(health.getStatus()).isEqualTo(HealthStatus.UP);
        }
    }

    @Test
    void badConfigFailsStartupNamingTheKey(TestKafka kafka, TestSchemaRegistry testRegistry) {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("ludus.projections.read-models.enabled", "false",
                "ludus.kafka.bootstrap-servers", kafka.bootstrapServers(),
                "ludus.registry.url", testRegistry.url(),
                "ludus.projections.ratings.tau", "-1",
                "ludus.projections.social.enabled", "false")).close())
                .hasStackTraceContaining("ludus.projections.ratings.tau");
    }
}
