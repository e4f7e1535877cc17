package dev.coderunner.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import dev.coderunner.support.SandboxIntegrationTest;

/**
 * The direction of dependencies, {@code api → execution → sandbox ← {docker, bwrap, pool}}, kept by
 * the build: the HTTP edge knows no engine, the core knows no adapter and no engine, and engines
 * know nothing of the execution logic or of HTTP. Adapters of other protocols (compat/, mcp/) sit at the
 * edge beside api/: nothing else knows them.
 */
class ArchitectureTests {

    private static final String ROOT = "dev.coderunner";
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    private static final JavaClasses TESTS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS).importPackages(ROOT);

    @Test
    void theHttpEdgeKnowsNoEngineAndNoPool() {
        noClasses().that().resideInAPackage(ROOT + ".api..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".sandbox.docker..", ROOT + ".sandbox.bwrap..",
                        ROOT + ".sandbox.pool..")
                .check(MAIN);
    }

    @Test
    void theExecutionCoreKnowsNeitherTheHttpEdgeNorAnyEngineNorThePool() {
        noClasses().that().resideInAPackage(ROOT + ".execution..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".api..", ROOT + ".sandbox.docker..",
                        ROOT + ".sandbox.bwrap..", ROOT + ".sandbox.pool..")
                .check(MAIN);
    }

    @Test
    void enginesAndThePoolKnowNothingOfExecutionOrHttp() {
        noClasses().that().resideInAPackage(ROOT + ".sandbox..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".api..", ROOT + ".execution..",
                        ROOT + ".language..")
                .check(MAIN);
    }

    @Test
    void theSandboxSpiKnowsNoImplementationAndEnginesKnowNoOtherEngine() {
        noClasses().that().resideInAPackage(ROOT + ".sandbox")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".sandbox.docker..", ROOT + ".sandbox.bwrap..",
                        ROOT + ".sandbox.pool..")
                .check(MAIN);
        noClasses().that().resideInAPackage(ROOT + ".sandbox.docker..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".sandbox.bwrap..", ROOT + ".sandbox.pool..")
                .check(MAIN);
        noClasses().that().resideInAPackage(ROOT + ".sandbox.bwrap..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".sandbox.docker..", ROOT + ".sandbox.pool..")
                .check(MAIN);
    }

    @Test
    void theLanguageRegistryIsPlainData() {
        noClasses().that().resideInAPackage(ROOT + ".language..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".api..", ROOT + ".execution..",
                        ROOT + ".sandbox..")
                .check(MAIN);
    }

    @Test
    void nothingButTheAdaptersKnowsTheForeignApisAndNoAdapterKnowsAnEngine() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".compat..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".compat..")
                .check(MAIN);
        noClasses().that().resideInAPackage(ROOT + ".compat.piston..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".compat.judge0..")
                .check(MAIN);
        noClasses().that().resideInAPackage(ROOT + ".compat.judge0..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".compat.piston..")
                .check(MAIN);
        noClasses().that().resideInAPackage(ROOT + ".compat..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".sandbox.docker..", ROOT + ".sandbox.bwrap..",
                        ROOT + ".sandbox.pool..")
                .check(MAIN);
    }

    @Test
    void theInteractiveFrontEndIsAnAdapterNothingElseKnows() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".live..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".live..")
                .check(MAIN);
        noClasses().that().resideInAPackage(ROOT + ".live..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".sandbox.docker..", ROOT + ".sandbox.bwrap..",
                        ROOT + ".sandbox.pool..", ROOT + ".compat..")
                .check(MAIN);
    }

    @Test
    void nothingButTheMcpServerKnowsItOrTheMcpSdkAndItKnowsNoEngineAndNoForeignApi() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".mcp..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".mcp..", "io.modelcontextprotocol..")
                .check(MAIN);
        noClasses().that().resideInAPackage(ROOT + ".mcp..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".compat..", ROOT + ".sandbox.docker..",
                        ROOT + ".sandbox.bwrap..", ROOT + ".sandbox.pool..")
                .check(MAIN);
    }

    @Test
    void thePlaygroundIsAClientOfTheApiThatNothingElseKnows() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".playground..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".playground..")
                .check(MAIN);
        noClasses().that().resideInAPackage(ROOT + ".playground..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".api..", ROOT + ".execution..",
                        ROOT + ".language..", ROOT + ".sandbox..", ROOT + ".compat..", ROOT + ".submissions..",
                        ROOT + ".live..", ROOT + ".mcp..")
                .check(MAIN);
    }

    /** Redeclaring {@code @SpringBootTest} would silently drop the base class's properties. */
    @Test
    void integrationTestsAddSettingsWithoutDroppingTheBaseOnes() {
        classes().that().areAssignableTo(SandboxIntegrationTest.class)
                .and().doNotHaveFullyQualifiedName(SandboxIntegrationTest.class.getName())
                .should().notBeAnnotatedWith(SpringBootTest.class)
                .check(TESTS);
    }
}
