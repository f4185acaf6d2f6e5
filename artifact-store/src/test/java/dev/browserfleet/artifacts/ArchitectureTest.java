package dev.browserfleet.artifacts;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The store is plain Java that every service can use: Spring only in its config package, the AWS
 * SDK only in the S3 implementation, and nothing of the services it serves.
 */
@AnalyzeClasses(packages = "dev.browserfleet.artifacts")
class ArchitectureTest {

  @ArchTest
  static final ArchRule theStoreKnowsNoSpring =
      noClasses().that().resideInAPackage("dev.browserfleet.artifacts")
          .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta..");

  @ArchTest
  static final ArchRule onlyTheS3StoreKnowsTheSdk =
      noClasses().that().resideInAPackage("dev.browserfleet.artifacts..")
          .and().doNotHaveSimpleName("S3ArtifactStore")
          .should().dependOnClassesThat().resideInAnyPackage("software.amazon..");

  @ArchTest
  static final ArchRule theStoreKnowsNoService =
      noClasses().that().resideInAPackage("dev.browserfleet.artifacts..")
          .should().dependOnClassesThat().resideInAnyPackage(
              "dev.browserfleet.worker..", "dev.browserfleet.ingest..", "dev.browserfleet.projector..",
              "dev.browserfleet.dispatcher..", "org.apache.kafka..", "java.sql..");
}
