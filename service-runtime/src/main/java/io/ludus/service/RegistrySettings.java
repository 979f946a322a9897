package io.ludus.service;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;

import java.net.URI;

/**
 * The Confluent-compatible schema registry every service decodes events with.
 *
 * @param url base URL of the schema registry
 */
@Context
@ConfigurationProperties("ludus.registry")
public record RegistrySettings(@Bindable(defaultValue = "http://localhost:8081") String url) {

    public RegistrySettings {
        if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new InvalidSettingException("ludus.registry.url", "must be an http(s) URL, was '" + url + "'");
        }
        try {
            URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("ludus.registry.url", "is not a URL: " + e.getMessage());
        }
    }

    public URI uri() {
        return URI.create(url);
    }
}
