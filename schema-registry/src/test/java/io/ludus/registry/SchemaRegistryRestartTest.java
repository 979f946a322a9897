package io.ludus.registry;

import static io.ludus.registry.RegistryHttp.encode;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each test owns its topic, so it can restart the registry and change global settings freely. */
@Tag("integration")
@Timeout(60)
@ExtendWith(SharedKafka.class)
class SchemaRegistryRestartTest {

    private static SchemaRegistryConfig configFor(String topic) {
        return SchemaRegistryConfig.of(SharedKafka.bootstrapServers(), "127.0.0.1", 0).withTopic(topic);
    }

    @Test
    void keepsIdsVersionsAndConfigAcrossRestart() {
        SchemaRegistryConfig config = configFor("_schemas-restart");
        int playerId;
        int matchId;
        try (SchemaRegistryServer first = SchemaRegistryServer.start(config)) {
            RegistryHttp http = new RegistryHttp(first.uri());
            playerId = http.register("players-value", TestSchemas.PLAYER_V1);
            http.register("players-value", TestSchemas.PLAYER_V2_WITH_DEFAULT);
            matchId = http.register("matches-value", TestSchemas.MATCH);
            http.put("/config/" + encode("matches-value"), "{\"compatibility\":\"FULL\"}");
            http.delete("/subjects/players-value/versions/2");
        }
        try (SchemaRegistryServer second = SchemaRegistryServer.start(config)) {
            RegistryHttp http = new RegistryHttp(second.uri());
            assertThat(http.get("/subjects/players-value/versions/1").body().get("id").asInt()).isEqualTo(playerId);
            assertThat(http.get("/subjects/players-value/versions").body().toString()).isEqualTo("[1]");
            assertThat(http.get("/schemas/ids/" + matchId).status()).isEqualTo(200);
            assertThat(http.get("/config/matches-value").body().get("compatibilityLevel").asText()).isEqualTo("FULL");

            assertThat(http.register("players-value", TestSchemas.PLAYER_V1)).isEqualTo(playerId);
            int newId = http.register("other-value", "\"string\"");
            assertThat(newId).isGreaterThan(Math.max(playerId, matchId));
            assertThat(http.get("/subjects/players-value/versions?deleted=true").body().toString()).isEqualTo("[1,2]");
        }
    }

    @Test
    void globalConfigChangesAndResetsToTheConfiguredDefault() {
        SchemaRegistryConfig config = configFor("_schemas-global-config");
        try (SchemaRegistryServer server = SchemaRegistryServer.start(config)) {
            RegistryHttp http = new RegistryHttp(server.uri());
            assertThat(http.get("/config").body().get("compatibilityLevel").asText()).isEqualTo("BACKWARD");

            assertThat(http.put("/config", "{\"compatibility\":\"NONE\"}").body().get("compatibility").asText())
                    .isEqualTo("NONE");
            assertThat(http.get("/config").body().get("compatibilityLevel").asText()).isEqualTo("NONE");
            http.register("players-value", TestSchemas.PLAYER_V1);
            http.register("players-value", TestSchemas.PLAYER_REQUIRED_RANK);

            assertThat(http.delete("/config").body().get("compatibilityLevel").asText()).isEqualTo("NONE");
            assertThat(http.get("/config").body().get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        }
    }
}
