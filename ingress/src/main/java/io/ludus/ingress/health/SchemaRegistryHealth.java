package io.ludus.ingress.health;

import io.ludus.service.RegistrySettings;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

@Singleton
final class SchemaRegistryHealth extends DependencyHealth {

    private final URI subjects;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();

    SchemaRegistryHealth(RegistrySettings settings) {
        super("schemaRegistry");
        String base = settings.url();
        this.subjects = URI.create((base.endsWith("/") ? base : base + "/") + "subjects");
    }

    @PreDestroy
    void close() {
        http.close();
    }

    @Override
    Map<String, Object> probe() throws IOException, InterruptedException {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(subjects).timeout(PROBE_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + subjects + " answered HTTP " + response.statusCode());
        }
        return Map.of("url", subjects.resolve("/").toString());
    }
}
