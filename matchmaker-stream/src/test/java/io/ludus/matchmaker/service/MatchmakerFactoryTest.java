package io.ludus.matchmaker.service;

import io.ludus.events.command.JoinQueue;
import io.ludus.events.command.PlayerCommand;
import io.ludus.events.match.MatchEvent;
import io.ludus.events.match.MatchFormed;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.topic.Topics;
import io.ludus.matchmaker.topology.MatchmakerTopics;
import io.ludus.security.AccessTokens;
import io.ludus.sim.RandomLoadouts;
import io.ludus.sim.SplitMix64;
import io.ludus.sim.content.ContentPack;
import io.ludus.simevents.EventMapping;
import io.ludus.testkit.KafkaExtension;
import io.ludus.testkit.SchemaRegistryExtension;
import io.ludus.testkit.TestKafka;
import io.ludus.testkit.TestSchemaRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.runtime.server.EmbeddedServer;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("integration")
@Timeout(300)
@ExtendWith({KafkaExtension.class, SchemaRegistryExtension.class})
class MatchmakerFactoryTest {

    private static final String SECRET = "factory-test-secret-factory-test-secret-0123";

    @TempDir
    Path state;

    @Test
    void contextRunsTheMatchmakerWithHealthAndQueueQueries(TestKafka kafka, TestSchemaRegistry registry) throws Exception {
        String prefix = "factory-" + System.nanoTime() + ".";
        MatchmakerTopics topics = createTopics(kafka, prefix);
        try (ApplicationContext context = ApplicationContext.run(properties(kafka, registry, prefix), "test");
             SchemaRegistryClient client = new SchemaRegistryClient(URI.create(registry.url()))) {
            EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
            kafka.produce(Serdes.String().serializer(), Topics.PLAYER_COMMANDS.valueSerde(client).serializer(), List.of(
                    join(topics, "ann", "ann-1"), join(topics, "ben", "ben-1"), join(topics, "cid", "cid-1")));

            var records = kafka.consumeUntil(topics.matches(), Serdes.String().deserializer(),
                    Topics.MATCHES.valueSerde(client).deserializer(), 1, Duration.ofSeconds(180));
            MatchFormed formed = (MatchFormed) ((MatchEvent) records.getFirst().value()).getPayload();
            assertThat(Set.of(formed.getTeamA().getPlayerId(), formed.getTeamB().getPlayerId())).hasSize(2)
                    .isSubsetOf(Set.of("ann", "ben", "cid"));

            HealthResult health = Mono.from(context.getBean(MatchmakerHealth.class).getResult()).block();
            assertThat(health.getStatus()).isEqualTo(HealthStatus.UP);

            HttpClient http = HttpClient.newHttpClient();
            URI queue = server.getURI().resolve("/v1/matchmaking/queues/ranked-1v1");
            assertThat(http.send(HttpRequest.newBuilder(queue).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .as("without a token").isEqualTo(401);
            String token = context.getBean(AccessTokens.class).sign(UUID.randomUUID(), UUID.randomUUID(), Duration.ofMinutes(10));
            HttpResponse<String> status = awaitDepth(http, queue, token, 1);
            assertThat(status.body()).contains("\"queueId\":\"ranked-1v1\"").contains("\"depth\":1").contains("\"teamSize\":1");
            assertThat(http.send(HttpRequest.newBuilder(server.getURI().resolve("/v1/matchmaking/queues/nope"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void badConfigFailsStartupNamingTheKey(TestKafka kafka, TestSchemaRegistry registry) {
        Map<String, Object> props = properties(kafka, registry, "bad.");
        props.put("ludus.matchmaker.max-open-tickets", "0");
        assertThatThrownBy(() -> ApplicationContext.run(props, "test"))
                .isInstanceOf(BeanInstantiationException.class)
                .hasMessageContaining("ludus.matchmaker.max-open-tickets");

        Map<String, Object> queues = properties(kafka, registry, "bad.");
        queues.put("ludus.queues.duel.ranked", "true");
        assertThatThrownBy(() -> ApplicationContext.run(queues, "test"))
                .hasMessageContaining("ludus.queues.duel.team-size");
    }

    private static HttpResponse<String> awaitDepth(HttpClient http, URI queue, String token, int depth) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = http.send(HttpRequest.newBuilder(queue).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (last.statusCode() == 200 && last.body().contains("\"depth\":" + depth)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("queue never reported depth " + depth + "; last answer " + (last == null ? null : last.statusCode() + " " + last.body()));
    }

    static MatchmakerTopics createTopics(TestKafka kafka, String prefix) {
        MatchmakerTopics topics = MatchmakerTopics.withPrefix(prefix);
        kafka.createTopics(Stream.of(topics.commands(), topics.ratings(), topics.accounts(), topics.tickets(), topics.matches(),
                        topics.simulationRequests(), topics.rejections(), topics.simulationResults(), topics.replayEvents())
                .map(t -> new NewTopic(t, 2, (short) 1)).toList());
        return topics;
    }

    static ProducerRecord<String, PlayerCommand> join(MatchmakerTopics topics, String player, String commandId) {
        var loadout = EventMapping.toEvent(new RandomLoadouts(ContentPack.bundled()).team(new SplitMix64(player.hashCode()), player, 1)).getLoadout();
        return new ProducerRecord<>(topics.commands(), player, PlayerCommand.newBuilder()
                .setEventId(UUID.randomUUID()).setOccurredAt(Instant.now()).setCorrelationId("c-" + commandId)
                .setPayload(JoinQueue.newBuilder().setPlayerId(player).setCommandId(commandId).setQueueId("ranked-1v1")
                        .setLoadout(loadout).setSpread(500).build())
                .build());
    }

    private Map<String, Object> properties(TestKafka kafka, TestSchemaRegistry registry, String prefix) {
        Map<String, Object> p = new HashMap<>();
        p.put("ludus.kafka.bootstrap-servers", kafka.bootstrapServers());
        p.put("ludus.registry.url", registry.url());
        p.put("ludus.matchmaker.application-id", prefix + "matchmaker");
        p.put("ludus.matchmaker.topic-prefix", prefix);
        p.put("ludus.matchmaker.state-dir", state.toString());
        p.put("micronaut.server.port", -1);
        p.put("micronaut.security.token.jwt.signatures.secret.generator.secret", SECRET);
        return p;
    }
}
