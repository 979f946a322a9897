package io.ludus.admin.sampling;

import io.ludus.admin.AdminSettings;
import io.ludus.matchmaker.service.QueueStatus;
import io.ludus.matchmaker.service.QueueStatusController;
import io.ludus.security.OperatorCredentials;
import io.ludus.service.Upstreams;
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
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where the queue pages read queue status: the matchmaker in this process (standalone), or any matchmaker instance
 * over HTTP with the operator credential ({@code ludus.admin.matchmaker-url}, distributed; that instance asks the
 * others, and the next configured instance is asked when one cannot answer). Empty while the matchmaker cannot answer for every queue (rebalancing, unreachable).
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
        Upstreams matchmakers = settings.matchmakers(Clock.systemUTC());
        if (matchmakers != null && operator != null) {
            return new Remote(matchmakers, operator, json);
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

        private static final String QUEUES = "/v1/matchmaking/queues";

        private final Upstreams matchmakers;
        private final String authorization;
        private final JsonMapper json;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

        Remote(Upstreams matchmakers, OperatorCredentials operator, JsonMapper json) {
            this.matchmakers = matchmakers;
            this.authorization = operator.basicAuthorization();
            this.json = json;
        }

        @Override
        public Optional<List<QueueStatus>> current() {
            try {
                HttpResponse<byte[]> response = matchmakers.send(http, base -> HttpRequest.newBuilder(URI.create(base + QUEUES))
                        .timeout(TIMEOUT).header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    LOG.warn("matchmaker at {} answered {} for the queue status", response.uri().getAuthority(), response.statusCode());
                    return Optional.empty();
                }
                return Optional.of(json.readValue(response.body(), Argument.listOf(QueueStatus.class)));
            } catch (IOException e) {
                LOG.warn("no matchmaker of {} reachable for the queue status: {}", matchmakers, e.toString());
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }
}
