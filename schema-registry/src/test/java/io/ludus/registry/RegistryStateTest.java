package io.ludus.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.ludus.registry.StoreRecord.ConfigChanged;
import io.ludus.registry.StoreRecord.SchemaVersion;
import io.ludus.registry.StoreRecord.SchemaVersionRemoved;
import io.ludus.registry.StoreRecord.SubjectDeleted;
import org.junit.jupiter.api.Test;

class RegistryStateTest {
    private final RegistryState state = new RegistryState();
    private final String v1 = AvroSchemas.parse(TestSchemas.PLAYER_V1).canonical();
    private final String v2 = AvroSchemas.parse(TestSchemas.PLAYER_V2_WITH_DEFAULT).canonical();

    @Test
    void subjectDeleteMarksVersionsUpToItsVersion() {
        state.apply(new SchemaVersion("s", 1, 1, v1, false));
        state.apply(new SchemaVersion("s", 2, 2, v2, false));
        state.apply(new SubjectDeleted("s", 1));

        assertThat(state.versions("s", false)).extracting(RegistryState.Version::version).containsExactly(2);
        assertThat(state.versions("s", true)).extracting(RegistryState.Version::version).containsExactly(1, 2);
    }

    @Test
    void softDeletedSchemaKeepsItsIdUntilRemoved() {
        state.apply(new SchemaVersion("s", 1, 1, v1, false));
        state.apply(new SubjectDeleted("s", 1));
        assertThat(state.schemaById(1)).isPresent();
        assertThat(state.subjects(false)).isEmpty();
        assertThat(state.subjects(true)).containsExactly("s");

        state.apply(new SchemaVersionRemoved("s", 1));
        assertThat(state.schemaById(1)).isEmpty();
        assertThat(state.idOf(v1)).isEmpty();
        assertThat(state.subjects(true)).isEmpty();
    }

    @Test
    void removingOneOfTwoUsesKeepsTheId() {
        state.apply(new SchemaVersion("a", 1, 1, v1, false));
        state.apply(new SchemaVersion("b", 1, 1, v1, false));
        state.apply(new SchemaVersionRemoved("a", 1));

        assertThat(state.schemaById(1)).isPresent();
        assertThat(state.versionsWithId(1, true)).extracting(RegistryState.Version::subject).containsExactly("b");
    }

    @Test
    void maxIdNeverDecreasesAfterRemoval() {
        state.apply(new SchemaVersion("s", 1, 4, v1, false));
        state.apply(new SchemaVersionRemoved("s", 1));
        assertThat(state.maxId()).isEqualTo(4);
    }

    @Test
    void skipsRecordThatReusesAnIdForAnotherSchema() {
        state.apply(new SchemaVersion("s", 1, 1, v1, false));
        state.apply(new SchemaVersion("t", 1, 1, v2, false));

        assertThat(state.versions("t", true)).isEmpty();
        assertThat(state.schemaById(1)).hasValueSatisfying(p -> assertThat(p.canonical()).isEqualTo(v1));
    }

    @Test
    void skipsUnparseableSchemaRecords() {
        state.apply(new SchemaVersion("s", 1, 1, "{broken", false));
        assertThat(state.subjects(true)).isEmpty();
        assertThat(state.maxId()).isZero();
    }

    @Test
    void configChangesSetAndClearLevels() {
        state.apply(new ConfigChanged(null, CompatibilityLevel.FULL));
        state.apply(new ConfigChanged("s", CompatibilityLevel.NONE));
        assertThat(state.globalLevel()).contains(CompatibilityLevel.FULL);
        assertThat(state.subjectLevel("s")).contains(CompatibilityLevel.NONE);

        state.apply(new ConfigChanged("s", null));
        state.apply(new ConfigChanged(null, null));
        assertThat(state.subjectLevel("s")).isEmpty();
        assertThat(state.globalLevel()).isEmpty();
    }
}
