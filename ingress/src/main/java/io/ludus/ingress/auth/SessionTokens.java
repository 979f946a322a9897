package io.ludus.ingress.auth;

import io.ludus.ingress.IngressProperties;
import io.ludus.ingress.account.Account;
import io.ludus.security.AccessTokens;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.UUID;

/**
 * Issues the access JWT (subject = playerId, sid = session; {@code ludus.ingress.access-token-ttl}) and the refresh
 * token for a login or a refresh.
 */
@Singleton
public class SessionTokens {

    private final AccessTokens accessTokens;
    private final RefreshTokenStore refreshTokens;
    private final Duration accessTokenTtl;

    SessionTokens(AccessTokens accessTokens, RefreshTokenStore refreshTokens, IngressProperties properties) {
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.accessTokenTtl = properties.accessTokenTtl();
    }

    public TokenResponse login(Account account) {
        RefreshTokenStore.Issued issued = refreshTokens.issue(account.id());
        return new TokenResponse(accessTokens.sign(account.id(), issued.sessionId(), accessTokenTtl), issued.refreshToken(), account.id().toString());
    }

    public TokenResponse refresh(String refreshToken) {
        RefreshTokenStore.Rotation rotation = refreshTokens.rotate(refreshToken);
        return new TokenResponse(accessTokens.sign(rotation.accountId(), rotation.sessionId(), accessTokenTtl), rotation.refreshToken(),
                rotation.accountId().toString());
    }

    public void logout(UUID playerId, UUID sessionId) {
        refreshTokens.revoke(sessionId, playerId);
    }
}
