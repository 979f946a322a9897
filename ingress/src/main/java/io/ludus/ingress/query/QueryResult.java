package io.ludus.ingress.query;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;

/** The reply to a query frame: {@code data} is the upstream API's JSON answer, unchanged. */
@Serdeable
public record QueryResult(String type, String id, JsonNode data) {
    public QueryResult(String id, JsonNode data) {
        this("result", id, data);
    }
}
