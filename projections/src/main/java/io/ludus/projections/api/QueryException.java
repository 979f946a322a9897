package io.ludus.projections.api;

/** Thrown by the query API; {@link QueryExceptionHandler} turns it into a typed error response. */
public final class QueryException extends RuntimeException {

    private final QueryErrorCode code;

    public QueryException(QueryErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public QueryErrorCode code() {
        return code;
    }
}
