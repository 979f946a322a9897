package io.ludus.ingress.auth;

import io.ludus.ingress.IngressProperties;
import io.ludus.ingress.account.Account;
import io.ludus.ingress.account.AccountRepository;
import io.ludus.ingress.http.ApiErrorCode;
import io.ludus.ingress.http.ApiException;
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
    private final AccountRepository accounts;
    private final Duration accessTokenTtl;

    SessionTokens(AccessTokens accessTokens, RefreshTokenStore refreshTokens, AccountRepository accounts,
                  IngressProperties properties) {
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.accounts = accounts;
        this.accessTokenTtl = properties.accessTokenTtl();
    }

    /** A session for {@code account}, in every login mode; a banned account gets none. */
    public TokenResponse login(Account account) {
        refuseIfBanned(account.id());
        RefreshTokenStore.Issued issued = refreshTokens.issue(account.id());
        return new TokenResponse(accessTokens.sign(account.id(), issued.sessionId(), accessTokenTtl), issued.refreshToken(), account.id().toString());
    }

    public TokenResponse refresh(String refreshToken) {
        RefreshTokenStore.Rotation rotation = refreshTokens.rotate(refreshToken);
        // a ban revokes the account's sessions; this also covers a ban lifted and set again meanwhile
        refuseIfBanned(rotation.accountId());
        return new TokenResponse(accessTokens.sign(rotation.accountId(), rotation.sessionId(), accessTokenTtl), rotation.refreshToken(),
                rotation.accountId().toString());
    }

    private void refuseIfBanned(UUID accountId) {
        AccountRepository.Ban ban = accounts.standing(accountId).map(AccountRepository.AccountStanding::ban).orElse(null);
        if (ban != null) {
            throw new ApiException(ApiErrorCode.ACCOUNT_BANNED, "this account is banned "
                    + (ban.until() == null ? "permanently" : "until " + ban.until()) + ": " + ban.reason());
        }
    }

    public void logout(UUID playerId, UUID sessionId) {
        refreshTokens.revoke(sessionId, playerId);
    }
}
