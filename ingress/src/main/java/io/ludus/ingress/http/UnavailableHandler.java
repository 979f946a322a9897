package io.ludus.ingress.http;

import io.ludus.ingress.account.AccountStoreException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Singleton
final class UnavailableHandler implements ExceptionHandler<AccountStoreException, HttpResponse<ApiError>> {

    private static final Logger LOG = LoggerFactory.getLogger(UnavailableHandler.class);

    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, AccountStoreException exception) {
        LOG.warn("{} {}: {}", request.getMethod(), request.getPath(), exception.getMessage(), exception);
        return HttpResponse.<ApiError>status(ApiErrorCode.UNAVAILABLE.status())
                .body(new ApiError(ApiErrorCode.UNAVAILABLE, "account store is unavailable; try again"));
    }
}
