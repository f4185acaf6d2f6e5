package dev.browserfleet.ingest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The domain cores (access, job, browsertype, fleet, policy, publish) are plain Java over the contracts: no
 * Spring, Kafka, JDBC, servlet or adapter types. Adapters reach each other only through the cores.
 */
@AnalyzeClasses(packages = "dev.browserfleet.ingest", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final String[] CORES = {
    "dev.browserfleet.ingest.access..",
    "dev.browserfleet.ingest.job..",
    "dev.browserfleet.ingest.browsertype..",
    "dev.browserfleet.ingest.fleet..",
    "dev.browserfleet.ingest.policy..",
    "dev.browserfleet.ingest.publish.."
  };

  @ArchTest
  static final ArchRule coresUseNoFrameworkOrInfrastructure =
      noClasses()
          .that()
          .resideInAnyPackage(CORES)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.springframework..",
              "org.apache.kafka..",
              "dev.browserfleet.kafka..",
              "java.sql..",
              "javax.sql..",
              "jakarta..",
              "org.postgresql..");

  @ArchTest
  static final ArchRule coresDoNotKnowTheAdapters =
      noClasses()
          .that()
          .resideInAnyPackage(CORES)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.browserfleet.ingest.web..",
              "dev.browserfleet.ingest.persistence..",
              "dev.browserfleet.ingest.messaging..",
              "dev.browserfleet.ingest.config..");

  @ArchTest
  static final ArchRule theWebLayerReachesStorageAndKafkaOnlyThroughTheCores =
      noClasses()
          .that()
          .resideInAPackage("dev.browserfleet.ingest.web..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.browserfleet.ingest.persistence..",
              "dev.browserfleet.ingest.messaging..",
              "org.springframework.jdbc..",
              "org.apache.kafka..",
              "java.sql..");

  @ArchTest
  static final ArchRule persistenceAndMessagingDoNotServeHttp =
      noClasses()
          .that()
          .resideInAnyPackage("dev.browserfleet.ingest.persistence..", "dev.browserfleet.ingest.messaging..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.browserfleet.ingest.web..", "org.springframework.web..", "org.springframework.http..", "jakarta.servlet..");

  @ArchTest
  static final ArchRule persistenceAndMessagingStayApart =
      noClasses()
          .that()
          .resideInAPackage("dev.browserfleet.ingest.persistence..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.browserfleet.ingest.messaging..");
}
