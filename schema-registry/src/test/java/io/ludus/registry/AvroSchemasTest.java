package io.ludus.registry;

import static io.ludus.registry.TestSchemas.PLAYER_REQUIRED_RANK;
import static io.ludus.registry.TestSchemas.PLAYER_V1;
import static io.ludus.registry.TestSchemas.PLAYER_V1_RESPELLED;
import static io.ludus.registry.TestSchemas.PLAYER_V2_WITH_DEFAULT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class AvroSchemasTest {

    private static Schema schema(String text) {
        return AvroSchemas.parse(text).schema();
    }

    private static List<AvroSchemas.Prior> history(String... schemas) {
        return java.util.stream.IntStream.range(0, schemas.length)
                .mapToObj(i -> new AvroSchemas.Prior(i + 1, schema(schemas[i])))
                .toList();
    }

    @Test
    void normalisesWhitespaceAndAttributeOrder() {
        assertThat(AvroSchemas.parse(PLAYER_V1_RESPELLED).canonical())
                .isEqualTo(AvroSchemas.parse(PLAYER_V1).canonical());
    }

    @Test
    void keepsDefaultsInTheNormalisedForm() {
        assertThat(AvroSchemas.parse(PLAYER_V2_WITH_DEFAULT).canonical()).contains("\"default\":1");
    }

    @Test
    void rejectsInvalidSchemaWithTypedError() {
        assertThatThrownBy(() -> AvroSchemas.parse("{\"type\":\"record\",\"name\":\"X\",\"fields\":[{\"name\":\"a\"}]}"))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_SCHEMA));
        assertThatThrownBy(() -> AvroSchemas.parse("not json"))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_SCHEMA));
        assertThatThrownBy(() -> AvroSchemas.parse(" "))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_SCHEMA));
    }

    @Test
    void backwardRejectsNewRequiredFieldAndExplainsWhy() {
        List<String> messages = AvroSchemas.check(CompatibilityLevel.BACKWARD, schema(PLAYER_REQUIRED_RANK),
                history(PLAYER_V1));
        assertThat(messages).anyMatch(m -> m.contains("READER_FIELD_MISSING_DEFAULT_VALUE"))
                .contains("{oldSchemaVersion: 1}", "{compatibility: 'BACKWARD'}");
    }

    @Test
    void backwardAcceptsNewFieldWithDefault() {
        assertThat(AvroSchemas.check(CompatibilityLevel.BACKWARD, schema(PLAYER_V2_WITH_DEFAULT), history(PLAYER_V1)))
                .isEmpty();
    }

    @Test
    void forwardAcceptsNewRequiredFieldButFullRejectsIt() {
        assertThat(AvroSchemas.check(CompatibilityLevel.FORWARD, schema(PLAYER_REQUIRED_RANK), history(PLAYER_V1)))
                .isEmpty();
        assertThat(AvroSchemas.check(CompatibilityLevel.FULL, schema(PLAYER_REQUIRED_RANK), history(PLAYER_V1)))
                .isNotEmpty();
    }

    @Test
    void forwardRejectsRemovingAFieldOldReadersNeed() {
        assertThat(AvroSchemas.check(CompatibilityLevel.FORWARD, schema(PLAYER_V1), history(PLAYER_REQUIRED_RANK)))
                .anyMatch(m -> m.contains("READER_FIELD_MISSING_DEFAULT_VALUE"));
    }

    @Test
    void nonTransitiveLevelChecksOnlyTheLatestVersion() {
        // "level" without a default reads V2 data (which has it) but not V1 data (which lacks it)
        String levelRequired = """
                {"type":"record","name":"Player","namespace":"io.ludus.test",
                 "fields":[{"name":"id","type":"string"},{"name":"level","type":"int"}]}""";
        List<AvroSchemas.Prior> history = history(PLAYER_V1, PLAYER_V2_WITH_DEFAULT);
        assertThat(AvroSchemas.check(CompatibilityLevel.BACKWARD, schema(levelRequired), history)).isEmpty();
        assertThat(AvroSchemas.check(CompatibilityLevel.BACKWARD_TRANSITIVE, schema(levelRequired), history))
                .contains("{oldSchemaVersion: 1}")
                .doesNotContain("{oldSchemaVersion: 2}");
    }

    @Test
    void noneAcceptsAnything() {
        assertThat(AvroSchemas.check(CompatibilityLevel.NONE, schema(TestSchemas.MATCH), history(PLAYER_V1)))
                .isEmpty();
    }
}
