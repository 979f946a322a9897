package io.ludus.matchmaker.service;

import io.ludus.events.queue.QueueDefinition;
import io.ludus.matchmaker.topology.QueueStats;
import io.ludus.security.OperatorCredentials;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Queue depth and wait estimate. Any instance answers for any queue: the owner of a queue's partition is found in
 * the streams metadata and asked over HTTP with the caller's own token.
 */
@Controller("/v1/matchmaking/queues")
// players, and the operator (HTTP Basic, the admin dashboard's queue pages)
@Secured({SecurityRule.IS_AUTHENTICATED, OperatorCredentials.ROLE})
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = MatchmakerStreams.class)
public class QueueStatusController {

    private static final Logger log = LoggerFactory.getLogger(QueueStatusController.class);
    private static final Duration REMOTE_TIMEOUT = Duration.ofSeconds(5);

    private final MatchmakerStreams matchmaker;
    private final JsonMapper json;
    // built on the first remote query: a single instance never needs one (and building it loads the TLS trust store)
    private volatile HttpClient http;

    public QueueStatusController(MatchmakerStreams matchmaker, JsonMapper json) {
        this.matchmaker = matchmaker;
        this.json = json;
    }

    @Get
    public HttpResponse<List<QueueStatus>> all(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        List<QueueStatus> out = new ArrayList<>();
        for (QueueDefinition queue : matchmaker.queues().all()) {
            Optional<QueueStatus> status = status(queue, authorization, false);
            if (status.isEmpty()) {
                return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE);
            }
            out.add(status.get());
        }
        return HttpResponse.ok(out);
    }

    /** {@code local=true}: answer from this instance's state only (how instances ask each other). */
    @Get("/{queueId}")
    public HttpResponse<QueueStatus> one(@PathVariable String queueId, @Nullable @QueryValue Boolean local,
                                         @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        Optional<QueueDefinition> queue = matchmaker.queues().find(queueId);
        if (queue.isEmpty()) {
            return HttpResponse.notFound();
        }
        return status(queue.get(), authorization, Boolean.TRUE.equals(local))
                .map(HttpResponse::ok)
                .orElseGet(() -> HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE));
    }

    /** Empty while the owner is unknown (rebalancing) or unreachable. */
    private Optional<QueueStatus> status(QueueDefinition queue, String authorization, boolean localOnly) {
        if (localOnly) {
            return status(queue, new MatchmakerStreams.Owner.Local(), authorization);
        }
        if (!queue.banded()) {
            return status(queue, matchmaker.ownerOf(queue.id()), authorization);
        }
        // a banded queue's bands spread over every instance: depths and match counts add up; the wait estimate is
        // the median of the instances' medians (each over the recent waits of the bands it holds), not the median of
        // all waits, and the p95 is the largest instance's p95 (an upper bound, the side to err on for a tail)
        int depth = 0;
        long formed = 0;
        long p95 = -1;
        List<Long> medians = new ArrayList<>();
        for (MatchmakerStreams.Owner owner : matchmaker.everyOwner()) {
            Optional<QueueStatus> part = status(queue, owner, authorization);
            if (part.isEmpty()) {
                return Optional.empty();
            }
            depth += part.get().depth();
            formed += part.get().matchesFormed();
            p95 = Math.max(p95, part.get().waitP95Millis());
            if (part.get().waitP50Millis() >= 0) {
                medians.add(part.get().waitP50Millis());
            }
        }
        medians.sort(null);
        long wait = medians.isEmpty() ? -1 : medians.get((medians.size() - 1) / 2);
        return Optional.of(new QueueStatus(queue.id(), queue.teamSize(), queue.ranked(), depth, wait, p95, formed));
    }

    private Optional<QueueStatus> status(QueueDefinition queue, MatchmakerStreams.Owner owner, String authorization) {
        try {
            return switch (owner) {
                case MatchmakerStreams.Owner.Local ignored -> {
                    QueueStats stats = matchmaker.localStats(queue).orElse(null);
                    yield Optional.of(new QueueStatus(queue.id(), queue.teamSize(), queue.ranked(),
                            stats == null ? 0 : stats.depth(), stats == null ? -1 : stats.p50WaitMillis(),
                            stats == null ? -1 : stats.p95WaitMillis(), stats == null ? 0 : stats.matchesFormed()));
                }
                case MatchmakerStreams.Owner.Remote remote -> remote(remote, queue.id(), authorization);
                case MatchmakerStreams.Owner.Unknown ignored -> Optional.empty();
            };
        } catch (InvalidStateStoreException e) {
            log.debug("Queue {} state not queryable right now: {}", queue.id(), e.getMessage());
            return Optional.empty();
        }
    }

    private HttpClient http() {
        HttpClient client = http;
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(REMOTE_TIMEOUT).build();
            http = client;
        }
        return client;
    }

    private Optional<QueueStatus> remote(MatchmakerStreams.Owner.Remote owner, String queueId, String authorization) {
        URI uri = URI.create("http://" + owner.host() + ":" + owner.port() + "/v1/matchmaking/queues/" + queueId + "?local=true");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REMOTE_TIMEOUT).GET();
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        try {
            var response = http().send(request.build(), BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                log.warn("Queue {} owner {} answered {}", queueId, uri.getAuthority(), response.statusCode());
                return Optional.empty();
            }
            return Optional.of(json.readValue(response.body(), QueueStatus.class));
        } catch (IOException e) {
            log.warn("Queue {} owner {} unreachable: {}", queueId, uri.getAuthority(), e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
