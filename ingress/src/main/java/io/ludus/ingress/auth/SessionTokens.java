package io.ludus.ingress.auth;

import io.ludus.ingress.IngressProperties;
import io.ludus.ingress.account.Account;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import jakarta.inject.Singleton;

import java.util.UUID;

/** Issues the access JWT (subject = playerId) and the refresh token for a login or a refresh. */
@Singleton
public class SessionTokens {

    private final TokenGenerator tokenGenerator;
    private final RefreshTokenStore refreshTokens;
    private final IngressProperties properties;

    SessionTokens(TokenGenerator tokenGenerator, RefreshTokenStore refreshTokens, IngressProperties properties) {
        this.tokenGenerator = tokenGenerator;
        this.refreshTokens = refreshTokens;
        this.properties = properties;
    }

    public TokenResponse login(Account account) {
        return new TokenResponse(accessToken(account.id()), refreshTokens.issue(account.id()), account.id().toString());
    }

    public TokenResponse refresh(String refreshToken) {
        RefreshTokenStore.Rotation rotation = refreshTokens.rotate(refreshToken);
        return new TokenResponse(accessToken(rotation.accountId()), rotation.refreshToken(), rotation.accountId().toString());
    }

    private String accessToken(UUID playerId) {
        return tokenGenerator.generateToken(Authentication.build(playerId.toString()), (int) properties.accessTokenTtl().toSeconds())
                .orElseThrow(() -> new IllegalStateException("the JWT generator produced no token for " + playerId));
    }
}
