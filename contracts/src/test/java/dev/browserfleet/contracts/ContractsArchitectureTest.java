package dev.browserfleet.contracts;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.browserfleet.contracts", importOptions = ImportOption.DoNotIncludeTests.class)
class ContractsArchitectureTest {

  @ArchTest
  static final ArchRule theWireDependsOnNoFrameworkOrClient =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.springframework..", "org.apache.kafka..", "java.sql..", "jakarta..")
          .because("contracts is the wire: records, codec and schemas only (STYLE.md)");
}
