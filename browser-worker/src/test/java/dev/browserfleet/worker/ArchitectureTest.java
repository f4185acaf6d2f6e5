package dev.browserfleet.worker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Packages by feature, adapters at the edge: running jobs, driving browsers and storing artifacts
 * know nothing of Kafka or Spring; only {@code messaging} talks to Kafka, only {@code config} (and
 * the application class) to Spring. Running jobs ({@code execution}) drives browsers only through
 * the engine interface ({@code engine}), which names no driver library: the engine adapters in
 * {@code browser} are the only code that speaks Selenium, CDP or BiDi.
 * URL and address enforcement lives in {@code guard}, which knows how to vet a URL, a connection or a document request, but nothing of how jobs run or how a
 * browser is driven beyond the protocol messages it answers; each engine's session installs it
 * through that engine's entry point ({@code ChromiumGuard}, {@code FirefoxGuard}, {@code
 * WebDriverGuard}), never through the proxy itself.
 */
@AnalyzeClasses(packages = "dev.browserfleet.worker", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule theCoreKnowsNoKafkaSpringOrAdapters =
      noClasses()
          .that().resideInAnyPackage("..worker.execution..", "..worker.engine..", "..worker.browser..",
              "..worker.artifacts..", "..worker.guard..")
          .should().dependOnClassesThat().resideInAnyPackage(
              "org.apache.kafka..", "org.springframework..", "dev.browserfleet.kafka..",
              "..worker.messaging..", "..worker.config..");

  @ArchTest
  static final ArchRule messagingKnowsNoSpring =
      noClasses()
          .that().resideInAPackage("..worker.messaging..")
          .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "..worker.config..");

  @ArchTest
  static final ArchRule browsersKnowNothingOfJobs =
      noClasses()
          .that().resideInAPackage("..worker.browser..")
          .should().dependOnClassesThat().resideInAnyPackage("..worker.execution..", "..worker.artifacts..");

  @ArchTest
  static final ArchRule jobsDriveBrowsersOnlyThroughTheEngineInterface =
      noClasses()
          .that().resideInAPackage("..worker.execution..")
          .should().dependOnClassesThat().resideInAnyPackage("org.openqa..", "..worker.browser..");

  @ArchTest
  static final ArchRule theEngineInterfaceNamesNoDriverAndNoAdapter =
      noClasses()
          .that().resideInAPackage("..worker.engine..")
          .should().dependOnClassesThat().resideInAnyPackage(
              "org.openqa..", "..worker.browser..", "..worker.execution..", "..worker.artifacts..");

  @ArchTest
  static final ArchRule theGuardKnowsNothingOfJobsMessagingOrSessions =
      noClasses()
          .that().resideInAPackage("..worker.guard..")
          .should().dependOnClassesThat().resideInAnyPackage(
              "..worker.execution..", "..worker.messaging..", "..worker.browser..", "..worker.artifacts..",
              "..worker.config..");

  @ArchTest
  static final ArchRule onlyTheGuardTouchesItsProxy =
      noClasses()
          .that().resideOutsideOfPackage("..worker.guard..")
          .should().accessClassesThat().haveFullyQualifiedName("dev.browserfleet.worker.guard.GuardProxy")
          .because("sessions install enforcement through their engine's guard, which owns the proxy");
}
