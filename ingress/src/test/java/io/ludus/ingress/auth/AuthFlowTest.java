package io.ludus.ingress.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.ludus.events.account.AccountCreated;
import io.ludus.events.account.AccountEvent;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.topic.Topics;
import io.ludus.ingress.Http;
import io.ludus.ingress.IngressInfrastructure;
import io.ludus.ingress.account.Account;
import io.ludus.ingress.account.AccountRepository;
import io.ludus.ingress.http.ApiErrorCode;
import io.ludus.ingress.http.ApiException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sql.DataSource;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@Tag("integration")
@Timeout(120)
@ExtendWith(IngressInfrastructure.class)
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthFlowTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;
    @Inject
    OfflineAuthenticator offline;
    @Inject
    DataSource dataSource;
    @Inject
    AccountRepository accounts;
    @Inject
    @Named("ingress")
    SchemaRegistryClient registry;

    @Override
    public Map<String, String> getProperties() {
        return IngressInfrastructure.properties();
    }

    @Test
    void offlineLoginFromLoopbackIssuesTokensForTheAccount() throws Exception {
        Map<String, Object> tokens = Http.login(server.getURL(), "alice");

        UUID playerId = UUID.fromString((String) tokens.get("playerId"));
        JWTClaimsSet claims = SignedJWT.parse((String) tokens.get("accessToken")).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(playerId.toString());
        assertThat(Duration.between(Instant.now(), claims.getExpirationTime().toInstant()))
                .isPositive().isLessThanOrEqualTo(Duration.ofMinutes(15));
        assertThat((String) tokens.get("refreshToken")).hasSize(43);
        assertThat(accountName(playerId)).isEqualTo("alice");
    }

    @Test
    void aBannedAccountCannotLogInNorRefreshItsSessionsUntilUnbanned() {
        Map<String, Object> session = Http.login(server.getURL(), "banned_bea");
        UUID bea = UUID.fromString((String) session.get("playerId"));

        accounts.ban(bea, "griefing", Instant.now().plus(Duration.ofDays(1)), "operator").orElseThrow();

        HttpResponse<String> refused = Http.post(server.getURL(), "/v1/auth/offline", "{\"name\":\"banned_bea\"}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(Http.json(refused)).containsEntry("code", "ACCOUNT_BANNED");
        assertThat((String) Http.json(refused).get("message")).contains("griefing").contains("until");
        HttpResponse<String> refresh = Http.post(server.getURL(), "/v1/auth/refresh",
                "{\"refreshToken\":\"" + session.get("refreshToken") + "\"}");
        assertThat(refresh.statusCode()).as("the ban revoked the session").isEqualTo(401);

        accounts.unban(bea).orElseThrow();
        assertThat(Http.login(server.getURL(), "banned_bea")).containsEntry("playerId", bea.toString());
    }

    @Test
    void offlineLoginFindsTheExistingAccountByName() {
        Object first = Http.login(server.getURL(), "bob").get("playerId");
        Object second = Http.login(server.getURL(), "bob").get("playerId");
        assertThat(second).isEqualTo(first);
    }

    @Test
    void newAccountWritesOneAccountCreatedToTheOutboxInTheWireFormat() throws Exception {
        String playerId = (String) Http.login(server.getURL(), "carol").get("playerId");
        Http.login(server.getURL(), "carol");

        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT aggregatetype, type, payload FROM outbox WHERE aggregateid = ?")) {
            select.setString(1, playerId);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo("account-events");
                assertThat(row.getString(2)).isEqualTo("AccountCreated");
                AccountEvent event = Topics.ACCOUNT_EVENTS.valueSerde(registry).deserializer()
                        .deserialize("account-events", row.getBytes(3));
                AccountCreated created = (AccountCreated) event.getPayload();
                assertThat(created.getPlayerId()).isEqualTo(playerId);
                assertThat(created.getDisplayName()).isEqualTo("carol");
                assertThat(row.next()).as("a second login must not write a second event").isFalse();
            }
        }
    }

    @Test
    void rejectsNamesOfTheWrongLengthOrCharsetWithATypedError() {
        for (String body : new String[] {"{\"name\":\"al\"}", "{\"name\":\"a-name-that-is-far-too-long-x\"}",
                "{\"name\":\"al ice\"}", "{\"name\":\"al<ice>\"}", "{}"}) {
            HttpResponse<String> response = Http.post(server.getURL(), "/v1/auth/offline", body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(Http.json(response)).as(body).containsEntry("code", "INVALID_NAME");
        }
    }

    @Test
    void rejectsABodyThatIsNotJsonWithATypedError() {
        HttpResponse<String> response = Http.post(server.getURL(), "/v1/auth/offline", "{\"name\":");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.json(response)).containsEntry("code", "MALFORMED_REQUEST");
    }

    @Test
    void nonLoopbackPeerIsRefusedAndNoAccountIsCreated() throws Exception {
        ApiException refused = catchThrowableOfType(ApiException.class, () ->
                offline.authenticate(new OfflineCredentials("mallory"), InetAddress.getByName("203.0.113.7")));

        assertThat(refused.code()).isEqualTo(ApiErrorCode.LOOPBACK_ONLY);
        assertThat(refused.code().status().getCode()).isEqualTo(403);
        assertThat(accountCount("mallory")).isZero();
        Account local = offline.authenticate(new OfflineCredentials("mallory"), InetAddress.getByName("127.0.0.1"));
        assertThat(local.name()).isEqualTo("mallory");
    }

    @Test
    void refreshRotatesTheRefreshTokenAndIssuesANewAccessToken() throws Exception {
        Map<String, Object> login = Http.login(server.getURL(), "dave");

        HttpResponse<String> response = refresh((String) login.get("refreshToken"));

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> refreshed = Http.json(response);
        assertThat(refreshed.get("playerId")).isEqualTo(login.get("playerId"));
        assertThat(refreshed.get("refreshToken")).isNotEqualTo(login.get("refreshToken"));
        assertThat(SignedJWT.parse((String) refreshed.get("accessToken")).getJWTClaimsSet().getSubject())
                .isEqualTo(login.get("playerId"));
    }

    @Test
    void reusingARefreshTokenWhoseSuccessorWasUsedIsRejectedAndRevokesTheFamily() {
        String original = (String) Http.login(server.getURL(), "erin").get("refreshToken");
        String rotated = (String) Http.json(refresh(original)).get("refreshToken");
        String third = (String) Http.json(refresh(rotated)).get("refreshToken");

        HttpResponse<String> reuse = refresh(original);
        assertThat(reuse.statusCode()).isEqualTo(401);
        assertThat(Http.json(reuse)).containsEntry("code", "REFRESH_TOKEN_REUSED");

        // The stolen-token case: the legitimate holder's newest token dies too.
        HttpResponse<String> afterRevocation = refresh(third);
        assertThat(afterRevocation.statusCode()).isEqualTo(401);
        assertThat(Http.json(afterRevocation)).containsEntry("code", "SESSION_REVOKED");
    }

    @Test
    void rejectsARefreshTokenThisServerNeverIssued() {
        for (String token : new String[] {"nope", "A".repeat(43)}) {
            HttpResponse<String> response = refresh(token);
            assertThat(response.statusCode()).as(token).isEqualTo(401);
            assertThat(Http.json(response)).as(token).containsEntry("code", "INVALID_REFRESH_TOKEN");
        }
    }

    private HttpResponse<String> refresh(String token) {
        return Http.post(server.getURL(), "/v1/auth/refresh", "{\"refreshToken\":\"" + token + "\"}");
    }

    private String accountName(UUID id) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT name FROM accounts WHERE id = ?")) {
            select.setObject(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    private int accountCount(String name) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM accounts WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }
}
