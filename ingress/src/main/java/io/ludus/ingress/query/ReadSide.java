package io.ludus.ingress.query;

import io.ludus.service.Upstreams;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The read side's instances, one set shared by query frames and replay downloads, so both pass over the instance
 * that one of them just found down.
 */
@Singleton
final class ReadSide {

    private final @Nullable Upstreams projections;
    private final @Nullable Upstreams replayApi;

    ReadSide(QueryProperties properties) {
        this.projections = properties.projections(Clock.systemUTC());
        this.replayApi = properties.replayApi(Clock.systemUTC());
    }

    /** The projections' query API; null when not configured. */
    @Nullable Upstreams projections() {
        return projections;
    }

    /** The replay API; null when not configured. */
    @Nullable Upstreams replayApi() {
        return replayApi;
    }
}
