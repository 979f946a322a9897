package io.ludus.ingress.auth;

import io.ludus.ingress.account.Account;
import jakarta.inject.Singleton;

import java.util.UUID;

/** Issues the access JWT (subject = playerId, sid = session) and the refresh token for a login or a refresh. */
@Singleton
public class SessionTokens {

    private final AccessTokens accessTokens;
    private final RefreshTokenStore refreshTokens;

    SessionTokens(AccessTokens accessTokens, RefreshTokenStore refreshTokens) {
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
    }

    public TokenResponse login(Account account) {
        RefreshTokenStore.Issued issued = refreshTokens.issue(account.id());
        return new TokenResponse(accessTokens.issue(account.id(), issued.sessionId()), issued.refreshToken(), account.id().toString());
    }

    public TokenResponse refresh(String refreshToken) {
        RefreshTokenStore.Rotation rotation = refreshTokens.rotate(refreshToken);
        return new TokenResponse(accessTokens.issue(rotation.accountId(), rotation.sessionId()), rotation.refreshToken(),
                rotation.accountId().toString());
    }

    public void logout(UUID playerId, UUID sessionId) {
        refreshTokens.revoke(sessionId, playerId);
    }
}
