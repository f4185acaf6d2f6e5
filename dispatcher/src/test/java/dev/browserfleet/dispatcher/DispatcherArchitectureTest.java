package dev.browserfleet.dispatcher;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.browserfleet.dispatcher", importOptions = ImportOption.DoNotIncludeTests.class)
class DispatcherArchitectureTest {

  @ArchTest
  static final ArchRule theLifecycleAndAdmissionArePure =
      noClasses()
          .that()
          .resideInAnyPackage("..dispatcher.lifecycle..", "..dispatcher.admission..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.apache.kafka..", "org.springframework..", "java.sql..")
          .because("the state machine and admission are tested without a broker (STYLE.md)");
}
