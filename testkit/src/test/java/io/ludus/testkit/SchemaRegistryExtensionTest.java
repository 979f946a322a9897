package io.ludus.testkit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("integration")
@Timeout(90)
@ExtendWith(SchemaRegistryExtension.class)
class SchemaRegistryExtensionTest {

    @Test
    void registryStartsEmpty(TestSchemaRegistry registry) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(registry.url() + "/subjects")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body().replaceAll("\\s", "")).isEqualTo("[]");
        }
    }
}
