package io.d2j.dhcp4.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.d2j.keacontrol.logging.LogCatalogue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/log-messages.md and {@link Dhcp4Log} agree: every line of the enum has its row (id, level,
 * logger) in the dhcp-server part of the catalogue, and is logged by some code. (The packet path,
 * the lease store and the network layer still log by name, so the catalogue's other rows are not
 * checked against the enum yet.)
 */
class Dhcp4LogCatalogueTest {

  private static final Path CATALOGUE =
      Path.of(System.getProperty("d2j.root", "..")).resolve("docs/log-messages.md");

  @Test
  void everyLine_hasItsRowInTheCatalogue() throws Exception {
    LogCatalogue catalogue = LogCatalogue.read(CATALOGUE, "## dhcp-server", "## d2j-lease-event");
    assertThat(catalogue.check(EnumSet.allOf(Dhcp4Log.class), catalogue.ids())).isEmpty();
  }

  @Test
  void everyLine_isLoggedBySomeCode() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.d2j.dhcp4");
    JavaClass log = classes.get(Dhcp4Log.class);
    List<String> unused = new ArrayList<>();
    for (Dhcp4Log line : Dhcp4Log.values()) {
      boolean used =
          log.getField(line.name()).getAccessesToSelf().stream()
              .anyMatch(a -> !a.getOriginOwner().equals(log));
      if (!used) {
        unused.add(line.name());
      }
    }
    assertThat(unused).isEmpty();
  }
}
