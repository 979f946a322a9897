package io.ludus.sim;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "io.ludus.sim", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule engineImportsNeitherKafkaNorMicronaut = noClasses().that().resideInAPackage("io.ludus.sim..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.micronaut..");

    @ArchTest
    static final ArchRule engineDependsOnlyOnTheJdk = classes().that().resideInAPackage("io.ludus.sim..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.ludus.sim..");
}
