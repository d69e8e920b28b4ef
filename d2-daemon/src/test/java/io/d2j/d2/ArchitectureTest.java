package io.d2j.d2;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rules of ARCHITECTURE.md inside d2-daemon: a pure core, I/O only in the shell. */
class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.d2j.d2");
  }

  @Test
  void pureCore_doesNoIo() {
    noClasses()
        .that()
        .resideInAnyPackage("..d2.transaction..", "..d2.update..", "..d2.domain..", "..d2.config..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.vertx..", "org.xbill..", "java.net.http..", "java.nio.channels..")
        .because("transactions, queue, matching and config are pure (ARCHITECTURE.md)")
        .check(classes);
  }

  @Test
  void onlyTheDnsPackageTalksDnsjava() {
    noClasses()
        .that()
        .resideOutsideOfPackages("..d2.dns..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.xbill..")
        .because("dnsjava is confined to the dns package (ARCHITECTURE.md)")
        .check(classes);
  }

  @Test
  void onlyTheShellUsesVertx() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "..d2.dns..", "..d2.runtime..", "..d2.listener..", "..d2.control..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.vertx..")
        .check(classes);
  }

  @Test
  void onlyRuntimeWiresThingsTogether() {
    noClasses()
        .that()
        .resideOutsideOfPackage("..d2.runtime..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("..d2.runtime..")
        .because("runtime is the composition root")
        .check(classes);
  }

  @Test
  void packagesAreFreeOfCycles() {
    slices()
        .matching("io.d2j.d2.(*)..")
        .should()
        .beFreeOfCycles()
        .because(
            "the model lives in domain/, below config, transaction and update (ARCHITECTURE.md)")
        .check(classes);
  }
}
