package io.ludus.replay.api;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** The JSON of {@code POST /v1/replays/{matchId}/share}: a path anyone may GET until {@code expiresAt}. */
@Serdeable
public record ShareLinkView(String matchId, String path, String share, Instant expiresAt) {}
