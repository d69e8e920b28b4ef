package io.d2j.dhcp4;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rules of ARCHITECTURE.md inside dhcp-server. */
class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.d2j.dhcp4");
  }

  @Test
  void packetCodec_isPure() {
    noClasses()
        .that()
        .resideInAPackage("..dhcp4.packet..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.vertx..", "java.nio.channels..", "java.nio.file..", "org.slf4j..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.net.DatagramSocket")
        .because("the codec turns octets into records and back, nothing else (STYLE.md #2)")
        .check(classes);
  }

  @Test
  void leaseStores_useNoVertxAndNoSockets() {
    noClasses()
        .that()
        .resideInAPackage("..dhcp4.lease..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.vertx..")
        .orShould()
        .dependOnClassesThat()
        .haveSimpleNameEndingWith("Socket")
        .because(
            "stores are blocking file code the shell calls off the event loop (ARCHITECTURE.md)")
        .check(classes);
  }

  @Test
  void leasesAndPackets_knowNothingOfEachOther() {
    noClasses()
        .that()
        .resideInAPackage("..dhcp4.lease..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..dhcp4.packet..")
        .because("the lease store knows nothing of allocation or the wire (ARCHITECTURE.md)")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("..dhcp4.packet..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..dhcp4.lease..")
        .check(classes);
  }

  @Test
  void configAllocationAndChain_arePure() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "..dhcp4.config..",
            "..dhcp4.alloc..",
            "..dhcp4.handler..",
            "..dhcp4.plugins..",
            "..dhcp4.ddns..",
            "..dhcp4.ha..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.vertx..", "java.nio.channels..", "..dhcp4.runtime..")
        .orShould()
        .dependOnClassesThat()
        .haveSimpleNameEndingWith("Socket")
        .because("the core decides; only the runtime shell does I/O (ARCHITECTURE.md)")
        .check(classes);
  }

  @Test
  void controlCommands_actThroughTheirTarget_notOnTheRuntime() {
    noClasses()
        .that()
        .resideInAPackage("..dhcp4.control..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("..dhcp4.runtime..", "..dhcp4.packet..", "..dhcp4.alloc..")
        .because(
            "the runtime implements the commands' targets; commands see only them (STYLE.md #6)")
        .check(classes);
  }

  @Test
  void nativeCalls_stayInTheNetworkPackage() {
    noClasses()
        .that()
        .resideOutsideOfPackage("..dhcp4.net..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.sun.jna..")
        .because("libc through JNA is the network layer's business, nobody else's")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("..dhcp4.net..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "..dhcp4.alloc..",
            "..dhcp4.handler..",
            "..dhcp4.plugins..",
            "..dhcp4.lease..",
            "..dhcp4.runtime..")
        .because("the transport moves datagrams; it knows nothing of leases or the chain")
        .check(classes);
  }

  @Test
  void aPlugin_neverImportsAnotherPlugin() {
    slices()
        .matching("io.d2j.dhcp4.plugins.(*)..")
        .should()
        .notDependOnEachOther()
        .because("what plugins share (the lease namer key) lives in the core (ARCHITECTURE.md)")
        .check(classes);
  }

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("io.d2j.dhcp4.(*)..").should().beFreeOfCycles().check(classes);
  }
}
