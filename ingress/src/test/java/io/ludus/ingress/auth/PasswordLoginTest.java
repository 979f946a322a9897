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

@Tag("integration")
@Timeout(120)
@ExtendWith(IngressInfrastructure.class)
@MicronautTest
@Property(name = "ludus.ingress.auth.modes", value = "offline,password")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PasswordLoginTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;
    @Inject
    DataSource dataSource;

    @Override
    public Map<String, String> getProperties() {
        return IngressInfrastructure.properties();
    }

    @Test
    void registerThenLogInWithThePasswordAndTheHashIsArgon2id() throws Exception {
        HttpResponse<String> registered = post("/v1/auth/register", "{\"name\":\"Petra\",\"password\":\"correct horse battery\"}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        Object playerId = Http.json(registered).get("playerId");

        HttpResponse<String> login = post("/v1/auth/password", "{\"name\":\"petra\",\"password\":\"correct horse battery\"}");
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        assertThat(Http.json(login)).containsEntry("playerId", playerId).containsKeys("accessToken", "refreshToken");
        assertThat(storedHash("Petra")).startsWith("$argon2id$v=19$m=").doesNotContain("correct horse");
    }

    @Test
    void aWrongPasswordAndAnUnknownNameGetTheSameTypedError() {
        post("/v1/auth/register", "{\"name\":\"quentin\",\"password\":\"a long enough secret\"}");
        for (String body : new String[] {"{\"name\":\"quentin\",\"password\":\"not the secret\"}",
                "{\"name\":\"nobody-here\",\"password\":\"a long enough secret\"}", "{\"name\":\"quentin\"}"}) {
            HttpResponse<String> refused = post("/v1/auth/password", body);
            assertThat(refused.statusCode()).as(body).isEqualTo(401);
            assertThat(Http.json(refused)).as(body).containsEntry("code", "INVALID_CREDENTIALS");
        }
    }

    @Test
    void aNameIsTakenWhateverItsCase() {
        assertThat(post("/v1/auth/register", "{\"name\":\"rosa\",\"password\":\"first password\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> taken = post("/v1/auth/register", "{\"name\":\"ROSA\",\"password\":\"second password\"}");
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(Http.json(taken)).containsEntry("code", "NAME_TAKEN");
    }

    @Test
    void passwordsAndNamesOutsideTheRulesAreRefused() {
        Map<String, String> cases = Map.of(
                "{\"name\":\"sam\",\"password\":\"short\"}", "INVALID_PASSWORD",
                "{\"name\":\"sam\",\"password\":\"" + "x".repeat(129) + "\"}", "INVALID_PASSWORD",
                "{\"name\":\"samuel\",\"password\":\"SAMUEL\"}", "INVALID_PASSWORD",
                "{\"name\":\"s a m\",\"password\":\"long enough pass\"}", "INVALID_NAME");
        cases.forEach((body, code) -> {
            HttpResponse<String> refused = post("/v1/auth/register", body);
            assertThat(refused.statusCode()).as(body).isEqualTo(400);
            assertThat(Http.json(refused)).as(body).containsEntry("code", code);
        });
    }

    @Test
    void theAdminResetsAPasswordAndEndsTheSessions() throws Exception {
        Map<String, Object> registered = Http.json(post("/v1/auth/register", "{\"name\":\"tara\",\"password\":\"forgotten password\"}"));

        String fresh = PasswordReset.reset(dataSource, "TARA").orElseThrow();

        assertThat(post("/v1/auth/password", "{\"name\":\"tara\",\"password\":\"forgotten password\"}").statusCode()).isEqualTo(401);
        assertThat(post("/v1/auth/password", "{\"name\":\"tara\",\"password\":\"" + fresh + "\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> oldSession = post("/v1/auth/refresh", "{\"refreshToken\":\"" + registered.get("refreshToken") + "\"}");
        assertThat(Http.json(oldSession)).containsEntry("code", "SESSION_REVOKED");
        assertThat(PasswordReset.reset(dataSource, "nobody")).isEmpty();
    }

    @Test
    void steamIsNotOfferedWhereItIsNotConfigured() {
        HttpResponse<String> refused = post("/v1/auth/steam", "{\"ticket\":\"00\"}");
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(Http.json(refused)).containsEntry("code", "LOGIN_MODE_DISABLED");
    }

    private HttpResponse<String> post(String path, String body) {
        return Http.post(server.getURL(), path, body);
    }

    private String storedHash(String name) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT c.hash FROM password_credentials c JOIN accounts a ON a.id = c.account_id WHERE a.name = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }
}
