package io.ludus.ingress.auth;

import io.ludus.ingress.http.ApiErrorCode;
import io.ludus.ingress.http.ApiException;
import io.ludus.security.AccessTokens;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.io.IOException;
import java.util.UUID;

/**
 * The auth routes: login in each mode, refresh (all open without a token, rate-limited and
 * size-capped by {@link AuthRequestFilter}) and logout (needs the session's access token).
 */
@Controller("/v1/auth")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class AuthController {

    private final LoginModes modes;
    private final OfflineAuthenticator offline;
    private final PasswordAuthenticator password;
    private final SteamAuthenticator steam;
    private final SessionTokens sessionTokens;
    private final ClientAddress clientAddress;
    private final JsonMapper json;

    AuthController(LoginModes modes, OfflineAuthenticator offline, PasswordAuthenticator password, SteamAuthenticator steam,
                   SessionTokens sessionTokens, ClientAddress clientAddress, JsonMapper json) {
        this.modes = modes;
        this.offline = offline;
        this.password = password;
        this.steam = steam;
        this.sessionTokens = sessionTokens;
        this.clientAddress = clientAddress;
        this.json = json;
    }

    @Post(uri = "/offline", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    TokenResponse offline(HttpRequest<?> request, @Body @Nullable String body) {
        modes.require(LoginMode.OFFLINE);
        return sessionTokens.login(offline.authenticate(parse(body, OfflineCredentials.class), clientAddress.of(request)));
    }

    @Post(uri = "/register", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    HttpResponse<TokenResponse> register(@Body @Nullable String body) {
        modes.require(LoginMode.PASSWORD);
        return HttpResponse.status(HttpStatus.CREATED).body(sessionTokens.login(password.register(parse(body, PasswordCredentials.class))));
    }

    @Post(uri = "/password", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    TokenResponse password(HttpRequest<?> request, @Body @Nullable String body) {
        modes.require(LoginMode.PASSWORD);
        return sessionTokens.login(password.authenticate(parse(body, PasswordCredentials.class), clientAddress.of(request)));
    }

    @Post(uri = "/steam", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    TokenResponse steam(HttpRequest<?> request, @Body @Nullable String body) {
        modes.require(LoginMode.STEAM);
        return sessionTokens.login(steam.authenticate(parse(body, SteamCredentials.class), clientAddress.of(request)));
    }

    @Post(uri = "/refresh", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    TokenResponse refresh(@Body @Nullable String body) {
        return sessionTokens.refresh(parse(body, RefreshRequest.class).refreshToken());
    }

    /** Ends the session of the access token presented: its refresh family refreshes no more. */
    @Post(uri = "/logout")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    HttpResponse<Void> logout(Authentication authentication) {
        Object session = authentication.getAttributes().get(AccessTokens.SESSION_CLAIM);
        sessionTokens.logout(UUID.fromString(authentication.getName()), UUID.fromString(String.valueOf(session)));
        return HttpResponse.noContent();
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
