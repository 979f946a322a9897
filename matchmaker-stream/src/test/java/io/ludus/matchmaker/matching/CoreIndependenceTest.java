package io.ludus.matchmaker.matching;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The matching core is plain Java: no Kafka, no Micronaut, no Avro, so it runs and tests without either. */
class CoreIndependenceTest {

    @Test
    void matchingCoreImportsNeitherKafkaNorMicronaut() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.ludus.matchmaker.matching");
        noClasses().that().resideInAPackage("io.ludus.matchmaker.matching..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.micronaut..", "org.apache.avro..",
                        "io.ludus.events.topic..", "io.ludus.events.serde..", "io.ludus.matchmaker.topology..", "io.ludus.matchmaker.service..")
                .check(classes);
    }
}
