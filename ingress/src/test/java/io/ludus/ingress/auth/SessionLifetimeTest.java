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

import javax.sql.DataSource;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A session ends at its absolute lifetime however often it refreshes; the purge then removes its rows. */
@Tag("integration")
@Timeout(120)
@ExtendWith(IngressInfrastructure.class)
@MicronautTest
@Property(name = "ludus.ingress.auth.session-lifetime", value = "3s")
@Property(name = "ludus.ingress.auth.refresh-grace", value = "0s")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionLifetimeTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;
    @Inject
    RefreshTokenStore store;
    @Inject
    DataSource dataSource;

    @Override
    public Map<String, String> getProperties() {
        return IngressInfrastructure.properties();
    }

    @Test
    void aSessionStopsRefreshingAtItsLifetimeAndItsRowsArePurged() throws Exception {
        String token = (String) Http.login(server.getURL(), "olga").get("refreshToken");
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < deadline - 500_000_000L) {
            HttpResponse<String> refreshed = refresh(token);
            assertThat(refreshed.statusCode()).as("refreshing within the lifetime").isEqualTo(200);
            token = (String) Http.json(refreshed).get("refreshToken");
            Thread.sleep(400);
        }
        Thread.sleep(1000);

        HttpResponse<String> expired = refresh(token);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(Http.json(expired)).containsEntry("code", "REFRESH_TOKEN_EXPIRED");

        assertThat(count("refresh_tokens")).isPositive();
        store.purge();
        assertThat(count("refresh_families")).isZero();
        assertThat(count("refresh_tokens")).isZero();
    }

    private HttpResponse<String> refresh(String token) {
        return Http.post(server.getURL(), "/v1/auth/refresh", "{\"refreshToken\":\"" + token + "\"}");
    }

    private long count(String table) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM " + table);
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
