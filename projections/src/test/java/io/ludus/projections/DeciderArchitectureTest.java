package io.ludus.projections;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The rating maths and the friendship state machine are plain Java: no Kafka, no Micronaut, no Avro events. */
@AnalyzeClasses(packages = "io.ludus.projections", importOptions = ImportOption.DoNotIncludeTests.class)
class DeciderArchitectureTest {

    @ArchTest
    static final ArchRule decidersImportNeitherKafkaNorMicronaut = noClasses()
            .that().resideInAnyPackage("io.ludus.projections.rating.glicko..", "io.ludus.projections.social.friendship..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.micronaut..");

    @ArchTest
    static final ArchRule glickoDependsOnlyOnTheJdk = classes().that().resideInAPackage("io.ludus.projections.rating.glicko..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.ludus.projections.rating.glicko..");

    @ArchTest
    static final ArchRule friendshipDependsOnlyOnTheJdk = classes().that().resideInAPackage("io.ludus.projections.social.friendship..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.ludus.projections.social.friendship..");
}
