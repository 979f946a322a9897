package io.ludus.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** A registry with write credentials and small memory limits: who may change what, and how much it keeps. */
@Tag("integration")
@Timeout(60)
@ExtendWith(SharedKafka.class)
class RegistryProtectionTest {

    private static final String USER = "ops";
    private static final String PASSWORD = "registry-write-password";
    private static SchemaRegistryServer server;
    private static RegistryHttp http;

    @BeforeAll
    static void startRegistry() {
        server = SchemaRegistryServer.start(SchemaRegistryConfig.of(SharedKafka.bootstrapServers(), "127.0.0.1", 0)
                .withTopic("_schemas-protection")
                .withWriteCredentials(new SchemaRegistryConfig.WriteCredentials(USER, PASSWORD)));
        http = new RegistryHttp(server.uri());
    }

    @AfterAll
    static void stopRegistry() {
        server.close();
    }

    @Test
    void writesWithoutCredentialsAreRefusedAndChangeNothing() {
        String body = RegistryHttp.schemaBody(TestSchemas.inNamespace(TestSchemas.PLAYER_V1, "io.ludus.protect.a"));

        assertThat(http.post("/subjects/anon-value/versions", body).status()).isEqualTo(401);
        assertThat(http.put("/config", "{\"compatibility\":\"NONE\"}").status()).isEqualTo(401);
        assertThat(http.delete("/subjects/anon-value").status()).isEqualTo(401);
        assertThat(http.send(HttpRequest.newBuilder(server.uri().resolve("/subjects/anon-value/versions"))
                .header("Content-Type", RegistryHttpHandler.REGISTRY_JSON)
                .header("Authorization", basic(USER, "wrong-password-here"))
                .POST(HttpRequest.BodyPublishers.ofString(body))).status()).isEqualTo(401);
        assertThat(http.get("/subjects").body().toString()).doesNotContain("anon-value");
        assertThat(http.get("/config").body().path("compatibilityLevel").asText()).isNotEqualTo("NONE");
    }

    @Test
    void writesWithCredentialsWorkAndReadsAndLookupsNeedNone() {
        String schema = TestSchemas.inNamespace(TestSchemas.PLAYER_V1, "io.ludus.protect.b");
        RegistryHttp.Reply registered = http.send(HttpRequest.newBuilder(server.uri().resolve("/subjects/ops-value/versions"))
                .header("Content-Type", RegistryHttpHandler.REGISTRY_JSON)
                .header("Authorization", basic(USER, PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofString(RegistryHttp.schemaBody(schema))));

        assertThat(registered.status()).isEqualTo(200);
        int id = registered.body().get("id").asInt();
        assertThat(http.get("/schemas/ids/" + id).status()).isEqualTo(200);
        assertThat(http.post("/subjects/ops-value", RegistryHttp.schemaBody(schema)).body().get("id").asInt()).isEqualTo(id);
    }

    @Test
    void refusesSubjectsAndVersionsBeyondItsLimits() {
        try (SchemaRegistryServer small = SchemaRegistryServer.start(SchemaRegistryConfig.of(SharedKafka.bootstrapServers(), "127.0.0.1", 0)
                .withTopic("_schemas-limits")
                .withLimits(new SchemaRegistryConfig.Limits(2, 2, 1 << 20)))) {
            RegistryHttp limited = new RegistryHttp(small.uri());
            assertThat(limited.post("/subjects/limit-1-value/versions", RegistryHttp.schemaBody(TestSchemas.PLAYER_V1)).status()).isEqualTo(200);
            assertThat(limited.post("/subjects/limit-1-value/versions", RegistryHttp.schemaBody(TestSchemas.PLAYER_V2_WITH_DEFAULT)).status()).isEqualTo(200);
            assertThat(limited.post("/subjects/limit-2-value/versions", RegistryHttp.schemaBody(TestSchemas.MATCH)).status()).isEqualTo(200);

            RegistryHttp.Reply thirdVersion = limited.post("/subjects/limit-1-value/versions", RegistryHttp.schemaBody(TestSchemas.MATCH));
            RegistryHttp.Reply thirdSubject = limited.post("/subjects/limit-3-value/versions", RegistryHttp.schemaBody(TestSchemas.MATCH));

            assertThat(thirdVersion.status()).isEqualTo(422);
            assertThat(thirdVersion.errorCode()).isEqualTo(42290);
            assertThat(thirdSubject.status()).isEqualTo(422);
            assertThat(thirdSubject.errorCode()).isEqualTo(42290);
            assertThat(limited.get("/subjects").body().toString()).doesNotContain("limit-3-value");
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
