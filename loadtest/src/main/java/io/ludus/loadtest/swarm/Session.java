package io.ludus.loadtest.swarm;

/** A logged-in bot: its tokens and player id (docs/protocol.md, "Login modes"). */
record Session(String playerId, String accessToken, String refreshToken) {}
