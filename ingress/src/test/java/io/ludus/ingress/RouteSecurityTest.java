package io.ludus.ingress;

import io.micronaut.http.HttpMethod;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Every route the router knows, except the few that must be open, refuses a request without a token. */
@Tag("integration")
@Timeout(120)
@ExtendWith(IngressInfrastructure.class)
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteSecurityTest implements TestPropertyProvider {

    /** The open surface: the logins, refresh and health. Adding to this list needs a reason. */
    private static final Set<String> OPEN = Set.of(
            "POST /v1/auth/offline",
            "POST /v1/auth/register",
            "POST /v1/auth/password",
            "POST /v1/auth/steam",
            "POST /v1/auth/refresh",
            "GET /health",
            "HEAD /health",
            "GET /health/{selector}",
            "HEAD /health/{selector}");

    @Inject
    Router router;
    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return IngressInfrastructure.properties();
    }

    @Test
    void everyRouteButLoginAndHealthAnswers401WithoutAToken() {
        List<UriRouteInfo<?, ?>> routes = router.uriRoutes().toList();
        Set<String> seen = new TreeSet<>();
        Set<String> open = new TreeSet<>();
        for (UriRouteInfo<?, ?> route : routes) {
            String template = route.getUriMatchTemplate().toPathString();
            String key = route.getHttpMethodName() + " " + template;
            seen.add(key);
            if (OPEN.contains(key)) {
                continue;
            }
            HttpResponse<String> response = Http.send(HttpRequest.newBuilder(URI.create(server.getURL() + concrete(route)))
                    .method(route.getHttpMethodName(), route.getHttpMethod() == HttpMethod.GET || route.getHttpMethod() == HttpMethod.HEAD
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"))
                    .header("Content-Type", "application/json"));
            if (response.statusCode() != 401) {
                open.add(key + " -> " + response.statusCode());
            }
        }
        assertThat(seen).as("the router lists the command socket, the auth routes and health")
                .contains("GET /v1/ws", "POST /v1/auth/offline", "POST /v1/auth/register", "POST /v1/auth/password",
                        "POST /v1/auth/steam", "POST /v1/auth/refresh", "POST /v1/auth/logout", "GET /health");
        assertThat(open).as("routes answering without a token").isEmpty();
    }

    @Test
    void aPlayerTokenDoesNotOpenManagementEndpoints() {
        String token = (String) Http.login(server.getURL(), "nosy").get("accessToken");
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/metrics"))
                .header("Authorization", "Bearer " + token).GET());
        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void healthReportsUpOnceKafkaTheRegistryAndPostgresAreReachable() {
        HttpResponse<String> response = Http.get(server.getURL(), "/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.json(response)).containsEntry("status", "UP");
    }

    private static String concrete(UriRouteInfo<?, ?> route) {
        Map<String, Object> values = new HashMap<>();
        for (String variable : route.getUriMatchTemplate().getVariableNames()) {
            values.put(variable, "x");
        }
        return route.getUriMatchTemplate().expand(values);
    }
}
