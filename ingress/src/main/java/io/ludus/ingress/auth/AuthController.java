package io.ludus.ingress.auth;

import io.ludus.ingress.http.ApiErrorCode;
import io.ludus.ingress.http.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.io.IOException;

/** The login routes: the only HTTP routes, besides health, open without a token. */
@Controller("/v1/auth")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class AuthController {

    private final OfflineAuthenticator offline;
    private final SessionTokens sessionTokens;
    private final LoginRateLimiter rateLimiter;
    private final JsonMapper json;

    AuthController(OfflineAuthenticator offline, SessionTokens sessionTokens, LoginRateLimiter rateLimiter, JsonMapper json) {
        this.offline = offline;
        this.sessionTokens = sessionTokens;
        this.rateLimiter = rateLimiter;
        this.json = json;
    }

    @Post(uri = "/offline", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    TokenResponse offline(HttpRequest<?> request, @Body @Nullable String body) {
        rateLimiter.acquire(request.getRemoteAddress().getAddress());
        OfflineCredentials credentials = parse(body, OfflineCredentials.class);
        return sessionTokens.login(offline.authenticate(credentials, request.getRemoteAddress()));
    }

    @Post(uri = "/refresh", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    TokenResponse refresh(HttpRequest<?> request, @Body @Nullable String body) {
        rateLimiter.acquire(request.getRemoteAddress().getAddress());
        return sessionTokens.refresh(parse(body, RefreshRequest.class).refreshToken());
    }

    private <T> T parse(@Nullable String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw new ApiException(ApiErrorCode.MALFORMED_REQUEST, "request body must be a JSON object");
        }
        try {
            T parsed = json.readValue(body, Argument.of(type));
            if (parsed == null) {
                throw new ApiException(ApiErrorCode.MALFORMED_REQUEST, "request body must be a JSON object");
            }
            return parsed;
        } catch (IOException e) {
            throw new ApiException(ApiErrorCode.MALFORMED_REQUEST, "request body is not valid JSON for this route");
        }
    }
}
