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

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auth routes' edge: per-client login and refresh limits, the body cap, and X-Forwarded-For
 * believed from the configured proxy (here 127.0.0.1, so each test is its own client).
 */
@Tag("integration")
@Timeout(120)
@ExtendWith(IngressInfrastructure.class)
@MicronautTest
@Property(name = "ludus.ingress.login-rate-limit", value = "3")
@Property(name = "ludus.ingress.login-rate-period", value = "1h")
@Property(name = "ludus.ingress.auth.refresh-rate-limit", value = "2")
@Property(name = "ludus.ingress.auth.refresh-rate-period", value = "1h")
@Property(name = "ludus.ingress.auth.trusted-proxies", value = "127.0.0.1")
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
        for (int i = 0; i < 3; i++) {
            assertThat(post("/v1/auth/offline", "{\"name\":\"frank\"}", "::1").statusCode()).isEqualTo(200);
        }
        HttpResponse<String> limited = post("/v1/auth/offline", "{\"name\":\"frank\"}", "::1");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(Http.json(limited)).containsEntry("code", "RATE_LIMITED");
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 3600L);
    }

    @Test
    void refreshKeepsWorkingWhenLoginsAreExhaustedAndHasItsOwnLimit() {
        String client = "127.0.0.2";
        String refreshToken = (String) Http.json(post("/v1/auth/offline", "{\"name\":\"grace\"}", client)).get("refreshToken");
        post("/v1/auth/offline", "{\"name\":\"grace\"}", client);
        post("/v1/auth/offline", "{\"name\":\"grace\"}", client);
        assertThat(post("/v1/auth/offline", "{\"name\":\"grace\"}", client).statusCode()).isEqualTo(429);

        HttpResponse<String> first = post("/v1/auth/refresh", "{\"refreshToken\":\"" + refreshToken + "\"}", client);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        String next = (String) Http.json(first).get("refreshToken");
        assertThat(post("/v1/auth/refresh", "{\"refreshToken\":\"" + next + "\"}", client).statusCode()).isEqualTo(200);
        HttpResponse<String> limited = post("/v1/auth/refresh", "{\"refreshToken\":\"x\"}", client);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body()).contains("too many refreshes");
    }

    @Test
    void forwardedForFromATrustedProxyNamesTheClientWhoseBucketIsUsed() {
        for (int i = 0; i < 3; i++) {
            post("/v1/auth/offline", "{\"name\":\"heidi\"}", "127.0.0.3");
        }
        assertThat(post("/v1/auth/offline", "{\"name\":\"heidi\"}", "127.0.0.3").statusCode()).isEqualTo(429);
        assertThat(post("/v1/auth/offline", "{\"name\":\"heidi\"}", "127.0.0.4").statusCode()).isEqualTo(200);
    }

    @Test
    void offlineLoginThroughAReverseProxyOnThisHostIsRefusedForARemoteClient() {
        HttpResponse<String> refused = post("/v1/auth/offline", "{\"name\":\"ivan\"}", "203.0.113.9");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(Http.json(refused)).containsEntry("code", "LOOPBACK_ONLY");
    }

    @Test
    void anOversizedBodyIsRefusedWithATypedError() {
        String big = "{\"name\":\"" + "a".repeat(100_000) + "\"}";
        HttpResponse<String> refused = post("/v1/auth/offline", big, "127.0.0.5");
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(Http.json(refused)).containsEntry("code", "BODY_TOO_LARGE");
    }

    @Test
    void aBodyOfUnknownLengthIsRefused() {
        HttpResponse<String> refused = Http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/v1/auth/offline"))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", "127.0.0.6")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream("{\"name\":\"judy\"}".getBytes()))));
        assertThat(refused.statusCode()).isEqualTo(411);
        assertThat(Http.json(refused)).containsEntry("code", "LENGTH_REQUIRED");
    }

    private HttpResponse<String> post(String path, String body, String forwardedFor) {
        return Http.send(HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }
}
