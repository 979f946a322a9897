package io.ludus.matchmaker.service;

import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.topic.Topics;
import io.ludus.matchmaker.topology.MatchmakerTopics;
import io.ludus.testkit.KafkaExtension;
import io.ludus.testkit.SchemaRegistryExtension;
import io.ludus.testkit.TestKafka;
import io.ludus.testkit.TestSchemaRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

            String token = a.getBean(TokenGenerator.class).generateToken(Authentication.build("ann"), 600).orElseThrow();
            HttpClient http = HttpClient.newHttpClient();
            URI viaOther = other.getBean(EmbeddedServer.class).getURI().resolve("/v1/matchmaking/queues/" + QUEUE);
            HttpResponse<String> answer = awaitBody(http, viaOther, token, "\"depth\":1");
            assertThat(answer.body()).contains("\"queueId\":\"" + QUEUE + "\"");

            // the non-owner's own state holds nothing of the queue: the depth above came from the owner
            HttpResponse<String> localOnly = http.send(HttpRequest.newBuilder(URI.create(viaOther + "?local=true"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(localOnly.statusCode()).isEqualTo(200);
            assertThat(localOnly.body()).contains("\"depth\":0");

            // the list answers for every queue on either instance, also with the caller's token only
            URI allViaOther = other.getBean(EmbeddedServer.class).getURI().resolve("/v1/matchmaking/queues");
            HttpResponse<String> all = awaitBody(http, allViaOther, token, "\"depth\":1");
            assertThat(all.body()).contains("ranked-1v1", "ranked-3v3", "casual-3v3");
        }
    }

    private ApplicationContext start(TestKafka kafka, TestSchemaRegistry registry, String prefix, String name) throws IOException {
        int port = freePort();
        Map<String, Object> p = new HashMap<>();
        p.put("ludus.kafka.bootstrap-servers", kafka.bootstrapServers());
        p.put("ludus.registry.url", registry.url());
        p.put("ludus.matchmaker.application-id", prefix + "matchmaker");
        p.put("ludus.matchmaker.topic-prefix", prefix);
        p.put("ludus.matchmaker.state-dir", state.resolve(name).toString());
        p.put("ludus.matchmaker.advertised-http", "localhost:" + port);
        p.put("micronaut.server.port", port);
        p.put("micronaut.security.token.jwt.signatures.secret.generator.secret", SECRET);
        ApplicationContext context = ApplicationContext.run(p, "test");
        context.getBean(EmbeddedServer.class).start();
        return context;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static HttpResponse<String> awaitBody(HttpClient http, URI uri, String token, String expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).build(),
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
