package io.ludus.projections.api;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

@Produces
@Singleton
@Requires(classes = {QueryException.class, ExceptionHandler.class})
public class QueryExceptionHandler implements ExceptionHandler<QueryException, HttpResponse<QueryError>> {

    @Override
    public HttpResponse<QueryError> handle(HttpRequest request, QueryException e) {
        return HttpResponse.<QueryError>status(e.code().status()).body(new QueryError(e.code(), e.getMessage()));
    }
}
