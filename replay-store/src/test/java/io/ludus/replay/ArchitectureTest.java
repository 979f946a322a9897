package io.ludus.replay;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ludus.replay");

    @Test
    void formatStoreAndVerifierAreFreeOfMicronaut() {
        noClasses().that().resideInAnyPackage("io.ludus.replay.format..", "io.ludus.replay.store..", "io.ludus.replay.verify..")
                .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "jakarta.inject..")
                .check(classes);
    }

    @Test
    void formatDoesNotDependOnStorageOrApi() {
        noClasses().that().resideInAPackage("io.ludus.replay.format..")
                .should().dependOnClassesThat().resideInAnyPackage("io.ludus.replay.store..", "io.ludus.replay.api..", "software.amazon..")
                .check(classes);
    }
}
