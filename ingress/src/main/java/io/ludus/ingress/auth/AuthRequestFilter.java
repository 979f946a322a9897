package io.ludus.ingress.auth;

import io.ludus.ingress.http.ApiError;
import io.ludus.ingress.http.ApiErrorCode;
import io.ludus.ingress.http.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Runs before the auth routes read their body: the rate limit first (a refused client costs no
 * parse), then the body cap, so an anonymous client can make the server buffer a few KB at most.
 * A body of unknown length (chunked) is refused outright.
 */
@ServerFilter(AuthRequestFilter.PATTERN)
final class AuthRequestFilter {

    static final String PATTERN = "/v1/auth/**";
    static final String REFRESH = "/v1/auth/refresh";
    static final String LOGOUT = "/v1/auth/logout";

    private final LoginRateLimiter limiter;
    private final ClientAddress clientAddress;
    private final AuthProperties properties;

    AuthRequestFilter(LoginRateLimiter limiter, ClientAddress clientAddress, AuthProperties properties) {
        this.limiter = limiter;
        this.clientAddress = clientAddress;
        this.properties = properties;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> limit(HttpRequest<?> request) {
        if (request.getMethod() != HttpMethod.POST) {
            return null;
        }
        try {
            String path = request.getPath();
            if (REFRESH.equals(path)) {
                limiter.acquireRefresh(clientAddress.of(request));
            } else if (!LOGOUT.equals(path)) {
                limiter.acquireLogin(clientAddress.of(request));
            }
            long length = request.getContentLength();
            if (length < 0 && request.getHeaders().contains(HttpHeaders.TRANSFER_ENCODING)) {
                throw new ApiException(ApiErrorCode.LENGTH_REQUIRED, "auth requests must send Content-Length");
            }
            if (length > properties.maxBodyBytes()) {
                throw new ApiException(ApiErrorCode.BODY_TOO_LARGE, "auth request bodies may be at most " + properties.maxBodyBytes() + " bytes");
            }
            return null;
        } catch (ApiException e) {
            MutableHttpResponse<ApiError> response = HttpResponse.<ApiError>status(e.code().status())
                    .body(new ApiError(e.code(), e.getMessage()));
            e.retryAfter().ifPresent(wait -> response.header(HttpHeaders.RETRY_AFTER,
                    Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000))));
            if (e.code() == ApiErrorCode.BODY_TOO_LARGE || e.code() == ApiErrorCode.LENGTH_REQUIRED) {
                // The unread body would otherwise be drained from the connection.
                response.header(HttpHeaders.CONNECTION, "close");
            }
            return response;
        }
    }
}
