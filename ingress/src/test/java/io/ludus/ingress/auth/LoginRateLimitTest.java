package io.ludus.ingress.auth;

import io.ludus.ingress.Http;
import io.ludus.ingress.IngressInfrastructure;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("integration")
@Timeout(120)
@ExtendWith(IngressInfrastructure.class)
@MicronautTest
@Property(name = "ludus.ingress.login-rate-limit", value = "3")
@Property(name = "ludus.ingress.login-rate-period", value = "1h")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginRateLimitTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return IngressInfrastructure.properties();
    }

    @Test
    void loginsBeyondTheLimitGet429WithRetryAfterAndATypedBody() {
        String refreshToken = (String) Http.login(server.getURL(), "frank").get("refreshToken");
        assertThat(Http.post(server.getURL(), "/v1/auth/refresh", "{\"refreshToken\":\"" + refreshToken + "\"}").statusCode())
                .isEqualTo(200);
        Http.login(server.getURL(), "frank");

        for (String path : new String[] {"/v1/auth/offline", "/v1/auth/refresh"}) {
            HttpResponse<String> limited = Http.post(server.getURL(), path, "{\"name\":\"frank\"}");
            assertThat(limited.statusCode()).as(path).isEqualTo(429);
            assertThat(Http.json(limited)).as(path).containsEntry("code", "RATE_LIMITED");
            long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).as(path).isBetween(1L, 3600L);
        }
    }
}
