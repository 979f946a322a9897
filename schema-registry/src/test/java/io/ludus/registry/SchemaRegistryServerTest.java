package io.ludus.registry;

import static io.ludus.registry.RegistryHttp.encode;
import static io.ludus.registry.RegistryHttp.schemaBody;
import static io.ludus.registry.TestSchemas.MATCH;
import static io.ludus.registry.TestSchemas.PLAYER_REQUIRED_RANK;
import static io.ludus.registry.TestSchemas.PLAYER_V1;
import static io.ludus.registry.TestSchemas.PLAYER_V1_RESPELLED;
import static io.ludus.registry.TestSchemas.PLAYER_V2_WITH_DEFAULT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ludus.registry.RegistryHttp.Reply;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("integration")
@Timeout(60)
@ExtendWith(SharedKafka.class)
class SchemaRegistryServerTest {
    private static final AtomicInteger SUBJECTS = new AtomicInteger();
    private static SchemaRegistryServer server;
    private static RegistryHttp http;

    @BeforeAll
    static void startRegistry() {
        server = SchemaRegistryServer.start(SchemaRegistryConfig.of(SharedKafka.bootstrapServers(), "127.0.0.1", 0));
        http = new RegistryHttp(server.uri());
    }

    @AfterAll
    static void stopRegistry() {
        server.close();
    }

    /** A fresh subject per test, so tests share one registry without seeing each other's data. */
    private static String newSubject() {
        return "subject-" + SUBJECTS.incrementAndGet() + "-value";
    }

    /** A schema no other test registers, for assertions about ids. */
    private static String unique(String schema) {
        return TestSchemas.inNamespace(schema, "io.ludus.test.n" + SUBJECTS.incrementAndGet());
    }

    private static String path(String subject) {
        return "/subjects/" + encode(subject);
    }

    @Test
    void answersRootAndSchemaTypesWithRegistryContentType() {
        Reply root = http.get("/");
        assertThat(root.status()).isEqualTo(200);
        assertThat(root.body().isObject() && root.body().isEmpty()).isTrue();
        assertThat(root.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(http.get("/schemas/types").body().toString()).isEqualTo("[\"AVRO\"]");
    }

    @Test
    void registersSchemaAndReadsItBackByVersionAndId() throws Exception {
        String subject = newSubject();
        String schema = unique(PLAYER_V1);
        int id = http.register(subject, schema);

        Reply version = http.get(path(subject) + "/versions/1");
        assertThat(version.status()).isEqualTo(200);
        assertThat(version.body().get("subject").asText()).isEqualTo(subject);
        assertThat(version.body().get("version").asInt()).isEqualTo(1);
        assertThat(version.body().get("id").asInt()).isEqualTo(id);
        String stored = version.body().get("schema").asText();
        assertThat(AvroSchemas.parse(stored).canonical()).isEqualTo(AvroSchemas.parse(schema).canonical());

        assertThat(http.get(path(subject) + "/versions/latest").body()).isEqualTo(version.body());
        assertThat(http.get(path(subject) + "/versions").body().toString()).isEqualTo("[1]");
        assertThat(http.get("/subjects").body()).extracting(JsonNode::asText).contains(subject);
        assertThat(http.get("/schemas/ids/" + id).body().get("schema").asText()).isEqualTo(stored);
        assertThat(http.get("/schemas/ids/" + id + "/schema").body()).isEqualTo(RegistryHttp.JSON.readTree(stored));
        assertThat(http.get(path(subject) + "/versions/1/schema").body().get("name").asText()).isEqualTo("Player");
        JsonNode usages = http.get("/schemas/ids/" + id + "/versions").body();
        assertThat(usages).hasSize(1);
        assertThat(usages.get(0).get("subject").asText()).isEqualTo(subject);
        assertThat(usages.get(0).get("version").asInt()).isEqualTo(1);
    }

    @Test
    void reRegisteringTheSameSchemaReturnsTheSameIdWithoutANewVersion() {
        String subject = newSubject();
        int id = http.register(subject, PLAYER_V1);

        assertThat(http.register(subject, PLAYER_V1)).isEqualTo(id);
        assertThat(http.register(subject, PLAYER_V1_RESPELLED)).isEqualTo(id);
        assertThat(http.get(path(subject) + "/versions").body().toString()).isEqualTo("[1]");
    }

    @Test
    void sameSchemaUnderAnotherSubjectGetsTheSameId() {
        String first = newSubject();
        String second = newSubject();
        String schema = unique(MATCH);
        int id = http.register(first, schema);

        assertThat(http.register(second, schema)).isEqualTo(id);
        assertThat(http.get("/schemas/ids/" + id + "/subjects").body()).extracting(JsonNode::asText)
                .containsExactly(first, second);
    }

    @Test
    void differentSchemasGetDifferentIds() {
        String subject = newSubject();
        int v1 = http.register(subject, PLAYER_V1);
        int v2 = http.register(subject, PLAYER_V2_WITH_DEFAULT);

        assertThat(v2).isNotEqualTo(v1);
        assertThat(http.get(path(subject) + "/versions").body().toString()).isEqualTo("[1,2]");
        assertThat(http.get(path(subject) + "/versions/latest").body().get("id").asInt()).isEqualTo(v2);
    }

    @Test
    void lookupFindsTheVersionHoldingASchema() {
        String subject = newSubject();
        int id = http.register(subject, PLAYER_V1);
        http.register(subject, PLAYER_V2_WITH_DEFAULT);

        Reply found = http.post(path(subject), schemaBody(PLAYER_V1_RESPELLED));
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body().get("id").asInt()).isEqualTo(id);
        assertThat(found.body().get("version").asInt()).isEqualTo(1);
        assertThat(found.body().get("subject").asText()).isEqualTo(subject);

        Reply missing = http.post(path(subject), schemaBody(MATCH));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo(40403);
        assertThat(http.post(path(newSubject()), schemaBody(MATCH)).errorCode()).isEqualTo(40401);
    }

    @Test
    void rejectsIncompatibleSchemaUnderBackwardAndAcceptsItUnderNone() {
        String subject = newSubject();
        http.register(subject, PLAYER_V1);

        Reply rejected = http.post(path(subject) + "/versions", schemaBody(PLAYER_REQUIRED_RANK));
        assertThat(rejected.status()).isEqualTo(409);
        assertThat(rejected.errorCode()).isEqualTo(409);
        assertThat(rejected.body().get("message").asText()).contains("incompatible", "READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThat(http.get(path(subject) + "/versions").body().toString()).isEqualTo("[1]");

        assertThat(http.put("/config/" + encode(subject), "{\"compatibility\":\"NONE\"}").status()).isEqualTo(200);
        http.register(subject, PLAYER_REQUIRED_RANK);
        assertThat(http.get(path(subject) + "/versions").body().toString()).isEqualTo("[1,2]");
    }

    @Test
    void compatibilityEndpointReportsWithoutRegistering() {
        String subject = newSubject();
        http.register(subject, PLAYER_V1);

        Reply incompatible = http.post("/compatibility" + path(subject) + "/versions/latest?verbose=true",
                schemaBody(PLAYER_REQUIRED_RANK));
        assertThat(incompatible.body().get("is_compatible").asBoolean()).isFalse();
        assertThat(incompatible.body().get("messages")).anyMatch(m -> m.asText().contains("oldSchemaVersion: 1"));

        Reply compatible = http.post("/compatibility" + path(subject) + "/versions/1",
                schemaBody(PLAYER_V2_WITH_DEFAULT));
        assertThat(compatible.body().get("is_compatible").asBoolean()).isTrue();
        assertThat(compatible.body().has("messages")).isFalse();
        assertThat(http.get(path(subject) + "/versions").body().toString()).isEqualTo("[1]");

        assertThat(http.post("/compatibility" + path(subject) + "/versions/7", schemaBody(PLAYER_V1)).errorCode())
                .isEqualTo(40402);
    }

    @Test
    void subjectConfigOverridesGlobalAndCanBeCleared() {
        String subject = newSubject();
        String config = "/config/" + encode(subject);
        assertThat(http.get(config).errorCode()).isEqualTo(40408);
        assertThat(http.get(config + "?defaultToGlobal=true").body().get("compatibilityLevel").asText())
                .isEqualTo("BACKWARD");

        Reply put = http.put(config, "{\"compatibility\":\"forward\"}");
        assertThat(put.body().get("compatibility").asText()).isEqualTo("FORWARD");
        assertThat(http.get(config).body().get("compatibilityLevel").asText()).isEqualTo("FORWARD");

        // FORWARD lets a new required field through, which the global BACKWARD would reject
        http.register(subject, PLAYER_V1);
        http.register(subject, PLAYER_REQUIRED_RANK);

        assertThat(http.delete(config).body().get("compatibilityLevel").asText()).isEqualTo("FORWARD");
        assertThat(http.get(config).errorCode()).isEqualTo(40408);
        assertThat(http.delete(config).errorCode()).isEqualTo(40401);
    }

    @Test
    void softDeleteThenPermanentDeleteOfASubject() {
        String subject = newSubject();
        String v1 = unique(PLAYER_V1);
        int id = http.register(subject, v1);
        http.register(subject, TestSchemas.inNamespace(PLAYER_V2_WITH_DEFAULT, AvroSchemas.parse(v1).schema().getNamespace()));

        assertThat(http.delete(path(subject) + "?permanent=true").errorCode()).isEqualTo(40405);
        assertThat(http.delete(path(subject)).body().toString()).isEqualTo("[1,2]");
        assertThat(http.get(path(subject) + "/versions").errorCode()).isEqualTo(40401);
        assertThat(http.get(path(subject) + "/versions?deleted=true").body().toString()).isEqualTo("[1,2]");
        assertThat(http.get("/subjects").body()).extracting(JsonNode::asText).doesNotContain(subject);
        assertThat(http.get("/subjects?deleted=true").body()).extracting(JsonNode::asText).contains(subject);
        assertThat(http.get("/schemas/ids/" + id).status()).isEqualTo(200);
        assertThat(http.delete(path(subject)).errorCode()).isEqualTo(40404);

        assertThat(http.delete(path(subject) + "?permanent=true").body().toString()).isEqualTo("[1,2]");
        assertThat(http.get(path(subject) + "/versions?deleted=true").errorCode()).isEqualTo(40401);
        assertThat(http.get("/schemas/ids/" + id).errorCode()).isEqualTo(40403);

        http.register(subject, v1);
        assertThat(http.get(path(subject) + "/versions").body().toString()).isEqualTo("[1]");
    }

    @Test
    void reRegisteringAfterSoftDeleteContinuesVersionNumbers() {
        String subject = newSubject();
        int id = http.register(subject, PLAYER_V1);
        http.delete(path(subject));

        assertThat(http.register(subject, PLAYER_V1)).isEqualTo(id);
        assertThat(http.get(path(subject) + "/versions").body().toString()).isEqualTo("[2]");
    }

    @Test
    void softDeleteThenPermanentDeleteOfAVersion() {
        String subject = newSubject();
        http.register(subject, PLAYER_V1);
        http.register(subject, PLAYER_V2_WITH_DEFAULT);

        assertThat(http.delete(path(subject) + "/versions/1?permanent=true").errorCode()).isEqualTo(40407);
        assertThat(http.delete(path(subject) + "/versions/1").body().asInt()).isEqualTo(1);
        assertThat(http.get(path(subject) + "/versions/1").errorCode()).isEqualTo(40402);
        assertThat(http.get(path(subject) + "/versions/1?deleted=true").status()).isEqualTo(200);
        assertThat(http.delete(path(subject) + "/versions/1").errorCode()).isEqualTo(40406);
        assertThat(http.delete(path(subject) + "/versions/1?permanent=true").body().asInt()).isEqualTo(1);
        assertThat(http.get(path(subject) + "/versions?deleted=true").body().toString()).isEqualTo("[2]");
    }

    @Test
    void answersConfluentErrorCodesForUnknownThings() {
        String subject = newSubject();
        assertThat(http.get(path(subject) + "/versions").errorCode()).isEqualTo(40401);
        assertThat(http.get(path(subject) + "/versions/1").errorCode()).isEqualTo(40401);
        http.register(subject, PLAYER_V1);
        Reply noVersion = http.get(path(subject) + "/versions/9");
        assertThat(noVersion.status()).isEqualTo(404);
        assertThat(noVersion.errorCode()).isEqualTo(40402);
        assertThat(http.get(path(subject) + "/versions/0").errorCode()).isEqualTo(42202);
        assertThat(http.get(path(subject) + "/versions/first").errorCode()).isEqualTo(42202);
        Reply noSchema = http.get("/schemas/ids/987654");
        assertThat(noSchema.status()).isEqualTo(404);
        assertThat(noSchema.errorCode()).isEqualTo(40403);
        assertThat(http.get("/nothing/here").errorCode()).isEqualTo(404);
        assertThat(http.delete("/schemas/types").errorCode()).isEqualTo(405);
    }

    @Test
    void rejectsBadRequestsWithTypedErrorsAndNoEffect() {
        String subject = newSubject();
        String versions = path(subject) + "/versions";

        Reply invalid = http.post(versions, schemaBody("{\"type\":\"record\",\"name\":\"X\"}"));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.errorCode()).isEqualTo(42201);
        assertThat(http.post(versions, "{\"schema\":\"\\\"int\\\"\",\"schemaType\":\"PROTOBUF\"}").errorCode())
                .isEqualTo(42201);
        assertThat(http.post(versions, "{\"schema\":42}").errorCode()).isEqualTo(42201);

        Reply notJson = http.post(versions, "{\"schema\": ");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.body().get("message").asText()).contains("not valid JSON");

        Reply tooLarge = http.post(versions, schemaBody("\"" + "x".repeat(SchemaRegistryConfig.DEFAULT_MAX_REQUEST_BYTES) + "\""));
        assertThat(tooLarge.status()).isEqualTo(413);

        Reply wrongType = http.send(HttpRequest.newBuilder(server.uri().resolve(versions))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(schemaBody(MATCH))));
        assertThat(wrongType.status()).isEqualTo(415);

        Reply badLevel = http.put("/config/" + encode(subject), "{\"compatibility\":\"SIDEWAYS\"}");
        assertThat(badLevel.status()).isEqualTo(422);
        assertThat(badLevel.errorCode()).isEqualTo(42203);

        assertThat(http.get(versions).errorCode()).isEqualTo(40401);
        assertThat(http.get("/config/" + encode(subject)).errorCode()).isEqualTo(40408);
    }

    @Test
    void acceptsPlainJsonAndSubjectsWithReservedCharacters() {
        String subject = "io.ludus/odd name+" + SUBJECTS.incrementAndGet();
        Reply registered = http.send(HttpRequest.newBuilder(server.uri().resolve(path(subject) + "/versions"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(schemaBody(MATCH))));
        assertThat(registered.status()).isEqualTo(200);
        assertThat(registered.contentType()).isEqualTo("application/json");
        assertThat(http.get(path(subject) + "/versions/1").body().get("subject").asText()).isEqualTo(subject);
    }

    @Test
    void concurrentRegistrationsOfOneSchemaCreateOneVersion() throws Exception {
        String subject = newSubject();
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> http.register(subject, PLAYER_V1));
        }
        Set<Integer> ids = new java.util.HashSet<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Integer> result : pool.invokeAll(calls)) {
                ids.add(result.get());
            }
        }
        assertThat(ids).hasSize(1);
        assertThat(http.get(path(subject) + "/versions").body().toString()).isEqualTo("[1]");
    }
}
