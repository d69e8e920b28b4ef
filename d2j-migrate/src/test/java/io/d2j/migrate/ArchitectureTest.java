package io.d2j.migrate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rules of ARCHITECTURE.md inside d2j-migrate. */
class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.d2j.migrate");
  }

  @Test
  void neverDependsOnTheDaemons_norOnTheirRuntimes() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.d2j.dhcp4..",
            "io.d2j.d2..",
            "io.d2j.keacontrol..",
            "io.d2j.ncr..",
            "io.vertx..",
            "org.xbill..")
        .because(
            "d2j-migrate is a library and a command; the daemons only check its output in tests")
        .check(classes);
  }

  @Test
  void parserAndConverter_doNoIo() {
    noClasses()
        .that()
        .resideInAnyPackage("..migrate.conf..", "..migrate.convert..", "..migrate.json..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.nio.file..", "java.nio.channels..", "..migrate.cli..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.io.File")
        .because(
            "files are read and written by the command line; includes and name lookups are injected (STYLE.md #7)")
        .check(classes);
  }

  @Test
  void nameLookups_onlyThroughTheInjectedResolver() {
    noClasses()
        .that()
        .resideInAnyPackage("..migrate.conf..", "..migrate.convert..", "..migrate.json..")
        .should()
        .callMethod(java.net.InetAddress.class, "getAllByName", String.class)
        .because("-r perform looks names up through Resolver, so tests never ask DNS")
        .check(classes);
  }
}
