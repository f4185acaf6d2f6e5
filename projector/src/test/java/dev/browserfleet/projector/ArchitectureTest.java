package dev.browserfleet.projector;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The projection is pure: what an event means is decided without a broker or a database. */
@AnalyzeClasses(
    packages = "dev.browserfleet.projector",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule theProjectionImportsNoFrameworkKafkaOrJdbc =
      noClasses()
          .that()
          .resideInAPackage("dev.browserfleet.projector.projection..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.springframework..",
              "org.apache.kafka..",
              "dev.browserfleet.kafka..",
              "java.sql..",
              "javax.sql..",
              "org.postgresql..",
              "org.flywaydb..",
              "jakarta.servlet..");

  @ArchTest
  static final ArchRule theProjectionDependsOnNoAdapter =
      noClasses()
          .that()
          .resideInAPackage("dev.browserfleet.projector.projection..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.browserfleet.projector.persistence..",
              "dev.browserfleet.projector.messaging..",
              "dev.browserfleet.projector.config..",
              "dev.browserfleet.projector.health..");

  @ArchTest
  static final ArchRule theWebhookCoreIsPure =
      noClasses()
          .that()
          .resideInAPackage("dev.browserfleet.projector.webhook..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.springframework..",
              "org.apache.kafka..",
              "dev.browserfleet.kafka..",
              "java.sql..",
              "javax.sql..",
              "java.net.http..",
              "dev.browserfleet.projector.persistence..",
              "dev.browserfleet.projector.messaging..",
              "dev.browserfleet.projector.outbound..",
              "dev.browserfleet.projector.config..");

  @ArchTest
  static final ArchRule persistenceKnowsNothingOfKafka =
      noClasses()
          .that()
          .resideInAPackage("dev.browserfleet.projector.persistence..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..",
              "dev.browserfleet.projector.messaging..");
}
