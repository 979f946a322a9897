package io.ludus.ingress.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

@Singleton
final class ApiExceptionHandler implements ExceptionHandler<ApiException, HttpResponse<ApiError>> {

    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, ApiException exception) {
        MutableHttpResponse<ApiError> response = HttpResponse.<ApiError>status(exception.code().status())
                .body(new ApiError(exception.code(), exception.getMessage()));
        // Round up so that a client waiting Retry-After seconds always finds a token.
        exception.retryAfter().ifPresent(wait -> response.header("Retry-After",
                Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000))));
        return response;
    }
}
