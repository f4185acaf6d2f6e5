package dev.browserfleet.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The client stays small and runs anywhere a JDK does: no Spring, no Kafka, no JDBC, and no
 * Browserfleet module (it speaks to the API only). HTTP lives in {@code api}; {@code output} is
 * pure formatting.
 */
@AnalyzeClasses(packages = "dev.browserfleet.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule theClientDependsOnNoFrameworkAndNoOtherModule =
      noClasses().should().dependOnClassesThat().resideInAnyPackage(
          "org.springframework..", "org.apache.kafka..", "java.sql..", "javax.sql..", "org.postgresql..",
          "dev.browserfleet.contracts..", "dev.browserfleet.ingest..", "dev.browserfleet.worker..");

  @ArchTest
  static final ArchRule onlyTheApiPackageSpeaksHttp =
      noClasses().that().resideOutsideOfPackage("dev.browserfleet.cli.api..")
          .should().dependOnClassesThat().resideInAPackage("java.net.http..")
          .allowEmptyShould(true);

  @ArchTest
  static final ArchRule outputIsPureFormatting =
      noClasses().that().resideInAPackage("dev.browserfleet.cli.output..")
          .should().dependOnClassesThat().resideInAnyPackage("java.net..", "java.nio.file..", "tools.jackson..", "dev.browserfleet.cli");
}
