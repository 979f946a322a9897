package io.ludus.matchmaker.service;

import io.ludus.events.command.JoinQueue;
import io.ludus.events.command.LeaveQueue;
import io.ludus.events.command.PlayerCommand;
import io.ludus.events.rating.PlayerRatingChanged;
import io.ludus.events.rating.PlayerRatingEvent;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.topic.Topics;
import io.ludus.matchmaker.topology.MatchmakerTopics;
import io.ludus.security.AccessTokens;
import io.ludus.security.OperatorCredentials;
import io.ludus.sim.RandomLoadouts;
import io.ludus.sim.SplitMix64;
import io.ludus.sim.content.ContentPack;
import io.ludus.simevents.EventMapping;
import io.ludus.testkit.KafkaExtension;
import io.ludus.testkit.SchemaRegistryExtension;
import io.ludus.testkit.TestKafka;
import io.ludus.testkit.TestSchemaRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two matchmaker instances (two Micronaut contexts in this JVM, one application id) split the partitions; the
 * instance that does not own a queue's partition still answers for it, by asking the owner.
 */
@Tag("integration")
@Timeout(300)
@ExtendWith({KafkaExtension.class, SchemaRegistryExtension.class})
class QueueQueriesAcrossInstancesTest {

    private static final String SECRET = "queries-test-secret-queries-test-secret-0123";
    private static final String OPERATOR_PASSWORD = "queries-test-operator-password";
    private static final String QUEUE = "ranked-1v1";

    @TempDir
    Path state;

    @Test
    void anInstanceAnswersForAQueueItDoesNotOwn(TestKafka kafka, TestSchemaRegistry registry) throws Exception {
        String prefix = "queries-" + System.nanoTime() + ".";
        MatchmakerTopics topics = MatchmakerFactoryTest.createTopics(kafka, prefix);
        try (ApplicationContext a = start(kafka, registry, prefix, "a");
             ApplicationContext b = start(kafka, registry, prefix, "b");
             SchemaRegistryClient client = new SchemaRegistryClient(URI.create(registry.url()))) {
            // one waiting ticket: the owner's depth becomes 1
            kafka.produce(Serdes.String().serializer(), Topics.PLAYER_COMMANDS.valueSerde(client).serializer(),
                    List.of(MatchmakerFactoryTest.join(topics, "ann", "ann-1")));

            ApplicationContext owner = null;
            ApplicationContext other = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (owner == null && System.nanoTime() < deadline) {
                MatchmakerStreams.Owner ofA = a.getBean(MatchmakerStreams.class).ownerOf(QUEUE);
                MatchmakerStreams.Owner ofB = b.getBean(MatchmakerStreams.class).ownerOf(QUEUE);
                boolean running = a.getBean(MatchmakerStreams.class).state() == KafkaStreams.State.RUNNING
                        && b.getBean(MatchmakerStreams.class).state() == KafkaStreams.State.RUNNING;
                if (running && ofA instanceof MatchmakerStreams.Owner.Local && ofB instanceof MatchmakerStreams.Owner.Remote) {
                    owner = a;
                    other = b;
                } else if (running && ofB instanceof MatchmakerStreams.Owner.Local && ofA instanceof MatchmakerStreams.Owner.Remote) {
                    owner = b;
                    other = a;
                } else {
                    Thread.sleep(200);
                }
            }
            assertThat(owner).as("exactly one instance owns the queue's partition, the other knows it as remote").isNotNull();
            MatchmakerStreams.Owner.Remote remote = (MatchmakerStreams.Owner.Remote) other.getBean(MatchmakerStreams.class).ownerOf(QUEUE);
            assertThat(remote.port()).as("the non-owner points at the owner's HTTP port")
                    .isEqualTo(owner.getBean(EmbeddedServer.class).getPort());

            String token = a.getBean(AccessTokens.class).sign(UUID.randomUUID(), UUID.randomUUID(), Duration.ofMinutes(10));
            HttpClient http = HttpClient.newHttpClient();
            URI viaOther = other.getBean(EmbeddedServer.class).getURI().resolve("/v1/matchmaking/queues/" + QUEUE);
            HttpResponse<String> answer = awaitBody(http, viaOther, "Bearer " + token, "\"depth\":1");
            assertThat(answer.body()).contains("\"queueId\":\"" + QUEUE + "\"");

            // the non-owner's own state holds nothing of the queue: the depth above came from the owner
            HttpResponse<String> localOnly = http.send(HttpRequest.newBuilder(URI.create(viaOther + "?local=true"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(localOnly.statusCode()).isEqualTo(200);
            assertThat(localOnly.body()).contains("\"depth\":0");

            // the list answers for every queue on either instance, also with the caller's token only
            URI allViaOther = other.getBean(EmbeddedServer.class).getURI().resolve("/v1/matchmaking/queues");
            HttpResponse<String> all = awaitBody(http, allViaOther, "Bearer " + token, "\"depth\":1");
            assertThat(all.body()).contains("ranked-1v1", "ranked-3v3", "casual-3v3");

            // the operator's credential (how the admin dashboard asks) reads the same list, across instances too
            String operator = new OperatorCredentials("operator", OPERATOR_PASSWORD).basicAuthorization();
            HttpResponse<String> asOperator = awaitBody(http, allViaOther, operator, "\"depth\":1");
            assertThat(asOperator.body()).contains("\"matchesFormed\":0", "\"waitP95Millis\":-1");
            String wrong = new OperatorCredentials("operator", "not-the-operator-password").basicAuthorization();
            assertThat(http.send(HttpRequest.newBuilder(allViaOther).header("Authorization", wrong).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        }
    }

    /**
     * ranked-1v1 in bands of 200: six players in six bands (spread 0, so none moves or matches) spread over both
     * instances, and one more whose window reaches below its band and who moves to the band below, then leaves.
     */
    @Test
    void bandedQueueDepthSumsTheBandsOfEveryInstance(TestKafka kafka, TestSchemaRegistry registry) throws Exception {
        String prefix = "banded-" + System.nanoTime() + ".";
        MatchmakerTopics topics = MatchmakerFactoryTest.createTopics(kafka, prefix);
        List<String> players = List.of("p0", "p1", "p2", "p3", "p4", "p5");
        try (SchemaRegistryClient client = new SchemaRegistryClient(URI.create(registry.url()))) {
            List<ProducerRecord<String, PlayerRatingEvent>> ratings = new ArrayList<>();
            for (int i = 0; i < players.size(); i++) {
                ratings.add(rating(topics, players.get(i), 100 + 200 * i));
            }
            ratings.add(rating(topics, "mover", 1610));
            kafka.produce(Serdes.String().serializer(), Topics.PLAYER_RATINGS.valueSerde(client).serializer(), ratings);

            try (ApplicationContext a = start(kafka, registry, prefix, "a", Map.of("ludus.queues.ranked-1v1.band-width", "200"));
                 ApplicationContext b = start(kafka, registry, prefix, "b", Map.of("ludus.queues.ranked-1v1.band-width", "200"))) {
                awaitRunning(a, b);
                var commands = Topics.PLAYER_COMMANDS.valueSerde(client).serializer();
                List<ProducerRecord<String, PlayerCommand>> joins = new ArrayList<>();
                players.forEach(p -> joins.add(join(topics, p, p + "-1", 0)));
                joins.add(join(topics, "mover", "mover-1", 100));
                kafka.produce(Serdes.String().serializer(), commands, joins);

                String token = a.getBean(AccessTokens.class).sign(UUID.randomUUID(), UUID.randomUUID(), Duration.ofMinutes(10));
                HttpClient http = HttpClient.newHttpClient();
                for (ApplicationContext instance : List.of(a, b)) {
                    URI queue = instance.getBean(EmbeddedServer.class).getURI().resolve("/v1/matchmaking/queues/" + QUEUE);
                    awaitBody(http, queue, "Bearer " + token, "\"depth\":7");
                }
                int localA = localDepth(http, a, token);
                int localB = localDepth(http, b, token);
                assertThat(localA + localB).as("each band counted once, on the instance that holds it").isEqualTo(7);

                // the mover's ticket left its home band; his leave follows it there
                kafka.produce(Serdes.String().serializer(), commands, List.of(leave(topics, "mover", "mover-2")));
                URI viaB = b.getBean(EmbeddedServer.class).getURI().resolve("/v1/matchmaking/queues/" + QUEUE);
                awaitBody(http, viaB, "Bearer " + token, "\"depth\":6");
            }
        }
    }

    private static void awaitRunning(ApplicationContext a, ApplicationContext b) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (a.getBean(MatchmakerStreams.class).state() == KafkaStreams.State.RUNNING
                    && b.getBean(MatchmakerStreams.class).state() == KafkaStreams.State.RUNNING) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("both instances never ran");
    }

    private static int localDepth(HttpClient http, ApplicationContext instance, String token) throws Exception {
        URI local = instance.getBean(EmbeddedServer.class).getURI().resolve("/v1/matchmaking/queues/" + QUEUE + "?local=true");
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(local).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        java.util.regex.Matcher depth = java.util.regex.Pattern.compile("\"depth\":(\\d+)").matcher(answer.body());
        assertThat(depth.find()).isTrue();
        return Integer.parseInt(depth.group(1));
    }

    private static ProducerRecord<String, PlayerRatingEvent> rating(MatchmakerTopics topics, String player, double rating) {
        return new ProducerRecord<>(topics.ratings(), player, PlayerRatingEvent.newBuilder()
                .setEventId(UUID.randomUUID()).setOccurredAt(Instant.now()).setCorrelationId("r-" + player)
                .setPayload(PlayerRatingChanged.newBuilder().setPlayerId(player).setRating(rating).setDeviation(80)
                        .setVolatility(0.06).setGamesPlayed(1).setWins(1).setLosses(0).setDraws(0).build())
                .build());
    }

    private static ProducerRecord<String, PlayerCommand> join(MatchmakerTopics topics, String player, String commandId, int spread) {
        var loadout = EventMapping.toEvent(new RandomLoadouts(ContentPack.bundled()).team(new SplitMix64(player.hashCode()), player, 1)).getLoadout();
        return new ProducerRecord<>(topics.commands(), player, PlayerCommand.newBuilder()
                .setEventId(UUID.randomUUID()).setOccurredAt(Instant.now()).setCorrelationId("c-" + commandId)
                .setPayload(JoinQueue.newBuilder().setPlayerId(player).setCommandId(commandId).setQueueId(QUEUE)
                        .setLoadout(loadout).setSpread(spread).build())
                .build());
    }

    private static ProducerRecord<String, PlayerCommand> leave(MatchmakerTopics topics, String player, String commandId) {
        return new ProducerRecord<>(topics.commands(), player, PlayerCommand.newBuilder()
                .setEventId(UUID.randomUUID()).setOccurredAt(Instant.now()).setCorrelationId("c-" + commandId)
                .setPayload(LeaveQueue.newBuilder().setPlayerId(player).setCommandId(commandId).setQueueId(QUEUE).build())
                .build());
    }

    private ApplicationContext start(TestKafka kafka, TestSchemaRegistry registry, String prefix, String name) throws IOException {
        return start(kafka, registry, prefix, name, Map.of());
    }

    private ApplicationContext start(TestKafka kafka, TestSchemaRegistry registry, String prefix, String name,
                                     Map<String, Object> extra) throws IOException {
        int port = freePort();
        Map<String, Object> p = new HashMap<>(extra);
        p.put("ludus.kafka.bootstrap-servers", kafka.bootstrapServers());
        p.put("ludus.registry.url", registry.url());
        p.put("ludus.matchmaker.application-id", prefix + "matchmaker");
        p.put("ludus.matchmaker.topic-prefix", prefix);
        p.put("ludus.matchmaker.state-dir", state.resolve(name).toString());
        p.put("ludus.matchmaker.advertised-http", "localhost:" + port);
        p.put("micronaut.server.port", port);
        p.put("micronaut.security.token.jwt.signatures.secret.generator.secret", SECRET);
        p.put("ludus.management.password", OPERATOR_PASSWORD);
        ApplicationContext context = ApplicationContext.run(p, "test");
        context.getBean(EmbeddedServer.class).start();
        return context;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static HttpResponse<String> awaitBody(HttpClient http, URI uri, String authorization, String expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = http.send(HttpRequest.newBuilder(uri).header("Authorization", authorization).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (last.statusCode() == 200 && last.body().contains(expected)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(uri + " never answered with " + expected + "; last answer "
                + (last == null ? null : last.statusCode() + " " + last.body()));
    }
}
