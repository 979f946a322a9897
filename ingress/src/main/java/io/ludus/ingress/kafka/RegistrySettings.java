package io.ludus.ingress.kafka;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;

import java.net.URI;

/**
 * Settings under {@code ludus.registry}.
 *
 * @param url base URL of the Confluent-compatible schema registry (default http://localhost:8081)
 */
@Context
@ConfigurationProperties("ludus.registry")
public record RegistrySettings(@Bindable(defaultValue = "http://localhost:8081") String url) {

    public RegistrySettings {
        URI parsed;
        try {
            parsed = URI.create(url);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("ludus.registry.url is not a URL: " + url, e);
        }
        if (!"http".equals(parsed.getScheme()) && !"https".equals(parsed.getScheme()) || parsed.getHost() == null) {
            throw new IllegalArgumentException("ludus.registry.url must be an http(s) URL with a host, was " + url);
        }
    }

    public URI uri() {
        return URI.create(url);
    }
}
