package io.ludus.admin.sampling;

import io.ludus.admin.AdminSettings;
import io.ludus.matchmaker.service.QueueStatus;
import io.ludus.matchmaker.service.QueueStatusController;
import io.ludus.security.OperatorCredentials;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where the queue pages read queue status: the matchmaker in this process (standalone), or any matchmaker instance
 * over HTTP with the operator credential ({@code ludus.admin.matchmaker-url}, distributed; that instance asks the
 * others). Empty while the matchmaker cannot answer for every queue (rebalancing, unreachable).
 */
public sealed interface QueueSource {

    /** Each queue's status, or empty when the matchmaker cannot answer right now. */
    Optional<List<QueueStatus>> current();

    /** A source for this process: the local matchmaker if it runs here, else the configured URL, else none. */
    static QueueSource of(@Nullable QueueStatusController local, AdminSettings settings, @Nullable OperatorCredentials operator,
                          JsonMapper json) {
        if (local != null) {
            return new Local(local);
        }
        if (settings.matchmakerUrl() != null && operator != null) {
            return new Remote(settings.matchmakerUrl(), operator, json);
        }
        return new None();
    }

    record Local(QueueStatusController controller) implements QueueSource {
        @Override
        public Optional<List<QueueStatus>> current() {
            var response = controller.all(null);
            return response.getStatus().getCode() == 200 ? response.getBody() : Optional.empty();
        }
    }

    record None() implements QueueSource {
        @Override
        public Optional<List<QueueStatus>> current() {
            return Optional.empty();
        }
    }

    final class Remote implements QueueSource {

        private static final Logger LOG = LoggerFactory.getLogger(Remote.class);
        private static final Duration TIMEOUT = Duration.ofSeconds(5);

        private final URI queues;
        private final String authorization;
        private final JsonMapper json;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

        Remote(URI matchmaker, OperatorCredentials operator, JsonMapper json) {
            this.queues = matchmaker.resolve("/v1/matchmaking/queues");
            this.authorization = operator.basicAuthorization();
            this.json = json;
        }

        @Override
        public Optional<List<QueueStatus>> current() {
            HttpRequest request = HttpRequest.newBuilder(queues).timeout(TIMEOUT).header("Authorization", authorization).GET().build();
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    LOG.warn("matchmaker at {} answered {} for the queue status", queues.getAuthority(), response.statusCode());
                    return Optional.empty();
                }
                return Optional.of(json.readValue(response.body(), Argument.listOf(QueueStatus.class)));
            } catch (IOException e) {
                LOG.warn("matchmaker at {} unreachable for the queue status: {}", queues.getAuthority(), e.toString());
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }
}
