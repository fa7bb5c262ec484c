package io.seqpipe.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The direction of SeqPipe's arrows, checked on the compiled main classes of pipeline-core (the jobs module sits
 * above all of them): orchestration → tasks → domain logic → core, and never back. Each rule fails with the offending
 * class, member and line, so a wrong import is named where it was written. The Spark ML stages ({@code ml}) sit beside
 * the orchestration: above the tasks, below the jobs module, and used by nothing in pipeline-core.
 */
class ArchitectureRulesTest {
    /** The Spark-free domain logic: pure functions and records, unit-testable without a SparkSession. */
    static final String[] SPARK_FREE = {"io.seqpipe", "io.seqpipe.config..", "io.seqpipe.data..", "io.seqpipe.eval..",
            "io.seqpipe.model..", "io.seqpipe.text..", "io.seqpipe.tagging..", "io.seqpipe.forecast..",
            "io.seqpipe.translation..", "io.seqpipe.lm..", "io.seqpipe.report.."};

    static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("io.seqpipe");
    }

    @Test
    void layersOnlyUseTheLayersBelowThem() {
        ArchRule rule = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Orchestration").definedBy("io.seqpipe.retrain..")
                .layer("Pipeline stages").definedBy("io.seqpipe.ml..")
                .layer("Tasks").definedBy("io.seqpipe.tasks..")
                .layer("Domain").definedBy("io.seqpipe.data..", "io.seqpipe.eval..", "io.seqpipe.model..",
                        "io.seqpipe.text..", "io.seqpipe.tagging..", "io.seqpipe.forecast..",
                        "io.seqpipe.translation..", "io.seqpipe.lm..", "io.seqpipe.train..", "io.seqpipe.inference..",
                        "io.seqpipe.registry..", "io.seqpipe.provenance..", "io.seqpipe.spark..",
                        "io.seqpipe.report..")
                .layer("Core").definedBy("io.seqpipe", "io.seqpipe.config..", "io.seqpipe.io..")
                .whereLayer("Orchestration").mayNotBeAccessedByAnyLayer()
                .whereLayer("Pipeline stages").mayNotBeAccessedByAnyLayer()
                .whereLayer("Tasks").mayOnlyBeAccessedByLayers("Orchestration", "Pipeline stages")
                .whereLayer("Domain").mayOnlyBeAccessedByLayers("Orchestration", "Pipeline stages", "Tasks")
                .whereLayer("Core").mayOnlyBeAccessedByLayers("Orchestration", "Pipeline stages", "Tasks", "Domain");
        rule.check(classes);
    }

    @Test
    void sparkAdaptersNameNoTaskAndNoTaskSpecificDomain() {
        noClasses().that().resideInAPackage("io.seqpipe.spark..").should().dependOnClassesThat()
                .resideInAnyPackage("io.seqpipe.tasks..", "io.seqpipe.tagging..", "io.seqpipe.forecast..",
                        "io.seqpipe.translation..", "io.seqpipe.lm..")
                .because("a task's Spark adapters live beside the task; Kryo classes come from each task")
                .check(classes);
    }

    @Test
    void trainingAndInferenceDoNotImportEachOther() {
        noClasses().that().resideInAPackage("io.seqpipe.train..").should().dependOnClassesThat()
                .resideInAPackage("io.seqpipe.inference..").check(classes);
        noClasses().that().resideInAPackage("io.seqpipe.inference..").should().dependOnClassesThat()
                .resideInAPackage("io.seqpipe.train..").check(classes);
    }

    @Test
    void domainLogicIsSparkFree() {
        noClasses().that().resideInAnyPackage(SPARK_FREE).should().dependOnClassesThat()
                .resideInAnyPackage("org.apache.spark..", "org.apache.hadoop..", "scala..")
                .because("domain logic is tested without a SparkSession; its Spark adapters live beside the tasks")
                .check(classes);
    }

    @Test
    void tasksDoNotReachIntoEachOther() {
        slices().matching("io.seqpipe.tasks.(*)..").should().notDependOnEachOther().check(classes);
    }
}
