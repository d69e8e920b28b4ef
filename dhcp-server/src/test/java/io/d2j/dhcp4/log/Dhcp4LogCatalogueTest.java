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
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * docs/log-messages.md and {@link Dhcp4Log} agree: every line of the enum has its row (id, level,
 * logger) in the dhcp-server part of the catalogue, every id of that part is a line the code has,
 * and every line is logged by some code.
 */
class Dhcp4LogCatalogueTest {

  /**
   * Ids of that part kea-control logs for the daemon: its control channel (under {@code
   * kea-dhcp4.commands}) and its metrics listener.
   */
  private static final Set<String> CONTROL_CHANNEL =
      Set.of(
          "COMMAND_ACCEPTOR_START",
          "COMMAND_ACCEPTOR_STOP",
          "COMMAND_ACCEPTOR_FAIL",
          "COMMAND_SOCKET_STALE",
          "COMMAND_SOCKET_REMOVE_FAIL",
          "COMMAND_RECEIVED",
          "COMMAND_PROCESS_ERROR1",
          "COMMAND_PROCESS_ERROR2",
          "COMMAND_SOCKET_CONNECTION_TIMEOUT",
          "COMMAND_SOCKET_CONNECTION_REJECTED",
          "COMMAND_SOCKET_WRITE_FAIL",
          "METRICS_LISTENER_STARTED",
          "METRICS_LISTENER_STOPPED",
          "METRICS_LISTENER_FAILED");

  private static final Path CATALOGUE =
      Path.of(System.getProperty("d2j.root", "..")).resolve("docs/log-messages.md");

  @Test
  void everyLine_hasItsRowInTheCatalogue() throws Exception {
    LogCatalogue catalogue = LogCatalogue.read(CATALOGUE, "## dhcp-server", "## d2j-lease-event");
    assertThat(catalogue.rows()).hasSizeGreaterThan(40);
    assertThat(catalogue.check(EnumSet.allOf(Dhcp4Log.class), CONTROL_CHANNEL)).isEmpty();
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
